import { describe, expect, it } from 'vitest';
import {
  boundedReason,
  type HubSpotObject,
  mapContact,
  SKIP_REASON_MAX,
  shapeProblem,
} from '../../../lib/crm/hubspot/map';

// Issue 14: the reason stored for a record the sync could not read quotes HubSpot's text; it is cut to a bounded
// length so hostile API text cannot bloat the skipped list, its storage or the sync status.

const hostile = `<img src=x onerror=alert(1)>${'A'.repeat(1_000_000)}`;

const contact = (properties: HubSpotObject['properties']): HubSpotObject => ({
  id: '101',
  properties: { createdate: '2026-03-01T10:00:00.000Z', lastmodifieddate: '2026-03-02T10:00:00.000Z', ...properties },
});

describe('skip reasons', () => {
  it('of an ignored value are cut, and still say which property', () => {
    const mapped = mapContact(contact({ hs_lifecyclestage_lead_date: hostile }));
    expect(mapped.ok).toBe(true);
    const reason = mapped.ok ? mapped.ignored[0]?.reason : undefined;
    expect(reason?.length).toBe(SKIP_REASON_MAX);
    expect(reason).toMatch(/^hs_lifecyclestage_lead_date: expected a date, got "<img src=x/);
    expect(reason?.endsWith('…')).toBe(true);
  });

  it('of an invalid record are cut', () => {
    const mapped = mapContact(contact({ createdate: hostile }));
    expect(mapped.ok).toBe(false);
    const reason = mapped.ok ? '' : mapped.invalid.reason;
    expect(reason.length).toBeLessThanOrEqual(SKIP_REASON_MAX);
    expect(reason).toMatch(/^createdAt: /);
  });

  it('naming a property of the wrong type are cut (the name is HubSpot text too)', () => {
    const object = { id: '7', properties: { [hostile]: 5 } } as unknown as HubSpotObject;
    const problem = shapeProblem('contacts', object);
    expect(problem?.reason.length).toBe(SKIP_REASON_MAX);
    expect(problem?.reason.startsWith('<img src=x onerror=alert(1)>AAA')).toBe(true);
  });

  it('are left whole when short, and never end in half a surrogate pair', () => {
    expect(boundedReason('score: expected a number, got "x"')).toBe('score: expected a number, got "x"');
    const exact = 'b'.repeat(SKIP_REASON_MAX);
    expect(boundedReason(exact)).toBe(exact);
    const emoji = `${'a'.repeat(SKIP_REASON_MAX - 2)}😀😀`;
    const cut = boundedReason(emoji);
    expect(cut).toBe(`${'a'.repeat(SKIP_REASON_MAX - 2)}…`);
    expect(cut.isWellFormed()).toBe(true);
  });
});
