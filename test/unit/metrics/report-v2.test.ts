import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../lib/metrics/report';
import { perLeadColumns, perLeadToCsv, reportToJsonText } from '../../../lib/metrics/report-output';
import { at, lead, settings, snapshot, won } from './fixtures';

// What the report exposes beyond the engine's figures (issue 16): the payback month with its calendar label, the
// owners count, the control segment used and the settings the figures rest on; and the per-lead table's CSV.
describe('the report’s payback month, owners and control segment', () => {
  const data = snapshot({
    owners: [
      { id: 'o1', name: 'Ann', email: 'ann@x.io' },
      { id: 'o2', name: 'Bo', email: 'bo@x.io' },
    ],
    leads: [lead('a', '2024-04-02T10:00:00Z', { ownerId: 'o1' })],
    deals: [won('d', ['a'], '2024-04-03T00:00:00Z', '2024-04-20T00:00:00Z', 1200)],
  });
  const stated = { adoptionDate: '2024-03-01', licensePerMonth: 100, grossMarginPct: 100, attributionPct: 100 };

  it('names the payback month by the calendar month it starts in', () => {
    // Month 1 = [Mar 1, Apr 1): revenue A 0 − B 0 = 0, gain 0, cost 1 × 100 → ROI (0 − 100) / 100 = −1, not paid.
    // Month 2 = [Mar 1, May 1): A 1200, B = [Jan 1, Mar 1) 0 → gain 1200 × 100 % × 100 % = 1200, cost 2 × 100 = 200
    // → ROI (1200 − 200) / 200 = 5 ≥ 0: payback month 2, which runs [Apr 1, May 1): label 2024-04.
    const report = buildReport(data, settings(stated), at('2024-06-01T00:00:00Z'));
    expect(report.paybackMonth).toBe(2);
    expect(report.payback).toEqual({
      month: 2,
      label: '2024-04',
      from: at('2024-04-01T00:00:00Z'),
      to: at('2024-05-01T00:00:00Z'),
    });
    const json = JSON.parse(reportToJsonText(report));
    expect(json.payback).toEqual({
      month: 2,
      label: '2024-04',
      from: '2024-04-01T00:00:00.000Z',
      to: '2024-05-01T00:00:00.000Z',
    });
    expect(json.counts.owners).toBe(2);
    expect(json.controlSegment).toBeNull();
    expect(json.settings.grossMarginPct).toBe(100);
    // Unset money stays null in the report, not 0.
    expect(json.settings.hourlyCost).toBeNull();
  });

  it('has no payback month without a stated margin, and says which control segment replaced attribution', () => {
    const report = buildReport(
      data,
      settings({ ...stated, grossMarginPct: null, controlSegment: { owners: ['o2'], sources: [] } }),
      at('2024-06-01T00:00:00Z'),
    );
    expect(report.payback).toBeNull();
    expect(report.controlSegment).toEqual({ owners: ['o2'], sources: [] });
    // An empty control lists nobody, so attribution applies and no control was used.
    const empty = buildReport(data, settings({ ...stated, controlSegment: { owners: [], sources: [] } }), 0);
    expect(empty.controlSegment).toBeNull();
  });
});

describe('the report’s per-lead facts', () => {
  it('are added on request, one row per lead of the window’s cohort', () => {
    const data = snapshot({
      leads: [
        lead('early', '2024-01-05T10:00:00Z', { ownerId: 'o1' }),
        lead('a', '2024-04-02T10:00:00Z', { ownerId: 'o1' }),
        lead('b', '2024-04-03T10:00:00Z', { ownerId: undefined }),
      ],
      deals: [won('d', ['a'], '2024-04-03T00:00:00Z', '2024-04-20T00:00:00Z', 1200)],
    });
    const asOf = at('2024-06-01T00:00:00Z');
    expect(buildReport(data, settings(), asOf).perLead).toBeUndefined();
    // Window [1 Apr, 1 Jun): 'early' is outside it; 'a' (won on 20 Apr, owner o1) and 'b' (no owner) are the cohort.
    const report = buildReport(data, settings(), asOf, {
      window: { from: at('2024-04-01T00:00:00Z'), to: asOf },
      perLead: true,
    });
    expect(report.perLead?.map((facts) => [facts.id, facts.owner, facts.funnelStep, facts.firstPurchaseAt])).toEqual([
      ['a', 'o1', 'won', at('2024-04-20T00:00:00Z')],
      ['b', null, 'new', null],
    ]);
  });
});

describe('perLeadToCsv', () => {
  it('writes one row per lead in METRICS.md’s order, instants as ISO, text through the formula guard', () => {
    const csv = perLeadToCsv([
      {
        id: 'a',
        owner: '=cmd',
        groupSource: 'paid_search',
        sla: 5,
        firstResponseAt: at('2024-04-02T10:03:00Z'),
        responseMinutes: 3,
        bucket: '<5m',
        slaOutcome: 'met',
        funnelStep: 'won',
        firstPurchaseAt: at('2024-04-20T00:00:00Z'),
        timer: null,
        timerState: null,
        timerWaitingMinutes: null,
        temperature: 'hot',
        openLead: false,
        fresh: false,
        complete: true,
      },
    ]);
    const [header, row, end] = csv.split('\n');
    expect(header).toBe(perLeadColumns.join(','));
    expect(row).toBe(
      "a,'=cmd,paid_search,5,2024-04-02T10:03:00.000Z,3,<5m,met,won,2024-04-20T00:00:00.000Z,,,,hot,false,false,true",
    );
    expect(end).toBe('');
  });
});
