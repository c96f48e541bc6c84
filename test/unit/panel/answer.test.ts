import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n';
import { prepareReport } from '../../../lib/metrics/prepare';
import type { MetricSettingsInput } from '../../../lib/model/settings';
import type { Deal } from '../../../lib/model/snapshot';
import { answerOf, answerText } from '../../../lib/panel/answer';
import { filterChoices } from '../../../lib/panel/filters';
import { formatters } from '../../../lib/panel/format';
import { buildPanelView } from '../../../lib/panel/view-model';
import { at, lead, settings, snapshot, won } from '../metrics/fixtures';

// The answer sentence from the engine's own ROI at the dashboard's checkpoint, on portals small enough to work out
// by hand. Adoption 2026-01-01, one 3-month checkpoint: A = [Jan, Apr 2026), B = [Oct 2025, Jan 2026).

const asOf = at('2026-05-15T12:00:00Z');
const en = translator('en');
const he = translator('he');
const f = formatters('en-US', 'USD', 'UTC');

/** Won deals closing mid-month, each with its own lead. */
function deals(amounts: readonly number[], closeMonth: string, prefix: string): { deals: Deal[]; leads: string[] } {
  const ids = amounts.map((_, index) => `${prefix}${index}`);
  return {
    leads: ids,
    deals: amounts.map((amount, index) =>
      won(
        `d-${ids[index]}`,
        [ids[index] as string],
        `${closeMonth}-01T10:00:00Z`,
        `${closeMonth}-15T10:00:00Z`,
        amount,
      ),
    ),
  };
}

function view(after: readonly number[], before: readonly number[], overrides: MetricSettingsInput, owners = false) {
  const a = deals(after, '2026-02', 'a');
  const b = deals(before, '2025-11', 'b');
  const snap = snapshot({
    owners: owners ? [{ id: 'o1', name: 'Dana Cohen', email: 'dana@example.com' }] : [],
    leads: [
      ...a.leads.map((id) => lead(id, '2026-02-01T09:00:00Z', { ownerId: 'o2' })),
      ...b.leads.map((id) => lead(id, '2025-11-01T09:00:00Z', { ownerId: 'o2' })),
      // The control segment's own leads and deals, one a side (its revenue grows from 1 000 to 1 100).
      ...(owners
        ? [lead('c1', '2025-11-01T09:00:00Z', { ownerId: 'o1' }), lead('c2', '2026-02-01T09:00:00Z', { ownerId: 'o1' })]
        : []),
    ],
    deals: [
      ...a.deals,
      ...b.deals,
      ...(owners
        ? [
            won('dc1', ['c1'], '2025-11-01T10:00:00Z', '2025-11-15T10:00:00Z', 1000),
            won('dc2', ['c2'], '2026-02-01T10:00:00Z', '2026-02-15T10:00:00Z', 1100),
          ]
        : []),
    ],
  });
  const prepared = prepareReport(
    snap,
    settings({ timezone: 'UTC', adoptionDate: '2026-01-01', checkpoints: [3], ...overrides }),
    asOf,
  );
  return buildPanelView({ prepared, snapshot: snap, choices: filterChoices(snap), period: '12m', portal: {} });
}

const ten = Array.from({ length: 10 }, () => 1000);

describe('the answer sentence', () => {
  it('is "not yet shown" on METRICS.md’s worked example: ROI −20 %, interval −319 % to +279 %', () => {
    // d = 10 000 − 6 000 = 4 000; z·√58 000 000 = 14 926.6 → [−10 926.6, 18 926.6]. Share 40 %, margin 50 %, cost
    // 1 000: ROI = (4 000 × 0.2 − 1 000) ÷ 1 000 = −0.2; ends (−10 926.6 × 0.2 − 1 000) ÷ 1 000 = −3.19 and 2.79.
    const answer = answerOf(
      view([5000, 3000, 2000], [4000, 2000], { attributionPct: 40, grossMarginPct: 50, implementationCost: 1000 }),
      f,
      en,
    );
    expect(answer?.verdict).toBe('notYet');
    expect(answer?.step).toBeNull();
    expect(answerText(answer ?? { parts: [] }, en)).toBe(
      'Not yet shown: at 3 months ROI is \u221220% (95 % interval \u2212319% to +279%); not paid back yet. ' +
        'Assumes 40% of the change is due to LeadLens and a 50% margin.',
    );
  });

  it('is "yes" when the interval lies wholly above 0, with the payback month', () => {
    // Ten deals of 1 000 after, none before: d = 10 000 ± 1.96 × √10 000 000 = ± 6 198.0 → [3 802.0, 16 198.0].
    // Share 50 %, margin 50 %, cost 500: ROI = (10 000 × 0.25 − 500) ÷ 500 = 4.0; ends 0.90 and 7.10.
    const shown = view(ten, [], { attributionPct: 50, grossMarginPct: 50, implementationCost: 500 });
    const answer = answerOf(shown, f, en);
    expect(answer?.verdict).toBe('yes');
    // The one-off cost is paid back within the first month (February's deals fall in month 2: 1 month has no gain).
    expect(shown.roi.paybackMonth).toBe(2);
    expect(answerText(answer ?? { parts: [] }, en)).toBe(
      'Yes: at 3 months ROI is +400% (95 % interval +90% to +710%); payback in month 2. ' +
        'Assumes 50% of the change is due to LeadLens and a 50% margin.',
    );
  });

  it('is "no" when the interval lies wholly below 0', () => {
    // The same gain against a cost of 10 000: ROI = (2 500 − 10 000) ÷ 10 000 = −0.75; ends −0.90 and −0.60.
    const answer = answerOf(
      view(ten, [], { attributionPct: 50, grossMarginPct: 50, implementationCost: 10000 }),
      f,
      en,
    );
    expect(answer?.verdict).toBe('no');
    expect(answerText(answer ?? { parts: [] }, en)).toBe(
      'No: at 3 months ROI is \u221275% (95 % interval \u221290% to \u221260%); not paid back yet. ' +
        'Assumes 50% of the change is due to LeadLens and a 50% margin.',
    );
  });

  it('waits for the stated assumptions, names them and links the assumptions step', () => {
    const both = answerOf(view(ten, [], { implementationCost: 500 }), f, en);
    expect(both?.verdict).toBe('waiting');
    expect(both?.step).toBe('assumptions');
    expect(answerText(both ?? { parts: [] }, en)).toBe(
      'Not answered yet: the ROI waits for your assumptions (your gross margin and the share of the change due to ' +
        'LeadLens, or a control segment), which only you can state.',
    );
    const margin = answerOf(view(ten, [], { implementationCost: 500, attributionPct: 50 }), f, he);
    expect(margin?.verdict).toBe('waiting');
    expect(answerText(margin ?? { parts: [] }, he)).toContain('הרווח הגולמי');
  });

  it('asks for the costs when none is entered (nothing to divide by)', () => {
    const answer = answerOf(view(ten, [], { attributionPct: 50, grossMarginPct: 50 }), f, en);
    expect(answer?.verdict).toBe('needsCost');
    expect(answer?.step).toBe('costs');
  });

  it('names the control segment instead of an attribution share', () => {
    // Rest: 10 000 after, 0 before; control 1 000 → 1 100. Incremental = 10 000 − 0 × 1.1 = 10 000; margin 50 %,
    // cost 500: ROI = (5 000 − 500) ÷ 500 = 9.0. A control segment gives no interval: not yet shown.
    const answer = answerOf(
      view(
        ten,
        [],
        { grossMarginPct: 50, implementationCost: 500, controlSegment: { owners: ['o1'], sources: ['offline'] } },
        true,
      ),
      f,
      en,
      (id) => (id === 'o1' ? 'Dana Cohen' : id),
    );
    expect(answer?.verdict).toBe('notYet');
    const text = answerText(answer ?? { parts: [] }, en);
    expect(text).toBe(
      'Not yet shown: at 3 months ROI is +900% (a control segment gives no 95 % interval); payback in month 2. ' +
        'Compares with the control segment (Dana Cohen, Offline Sources), which does not use LeadLens, and assumes a ' +
        '50% margin.',
    );
    expect(text).not.toContain('of the change is due to LeadLens');
    // A source of the segment by its HubSpot label, never its raw key.
    expect(text).not.toContain('offline,');
  });

  it('says why there is no interval when neither side has a won deal', () => {
    // No deal at all: revenue change 0, no interval; ROI = (0 − 500) ÷ 500 = −1.
    const answer = answerOf(view([], [], { attributionPct: 50, grossMarginPct: 50, implementationCost: 500 }), f, en);
    expect(answer?.verdict).toBe('notYet');
    expect(answerText(answer ?? { parts: [] }, en)).toContain(
      'Not yet shown: at 3 months ROI is \u2212100% (no won deal on either side to give a 95 % interval)',
    );
  });

  it('has no answer without an adoption date', () => {
    expect(answerOf(view(ten, [], { adoptionDate: undefined }), f, en)).toBeNull();
  });
});
