import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { funnelFromCounts, funnelFromLevels, LifecycleRanks } from '../../../lib/metrics/funnel.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { windowFigures } from '../../../lib/metrics/window-figures.ts';
import { at, deal, lead, settings, snapshot, touch, won } from './fixtures.ts';

const asOf = at('2024-06-01T00:00:00Z');
const window = { from: at('2024-01-01T00:00:00Z'), to: at('2024-02-01T00:00:00Z') };

describe('cohort funnel', () => {
  const leads = [
    // A: new only.
    lead('A', '2024-01-02T00:00:00Z'),
    // B: contacted (a response).
    lead('B', '2024-01-02T00:00:00Z'),
    // C: qualified by its SQL date; D: by lifecycle `opportunity`, which implies qualified.
    lead('C', '2024-01-03T00:00:00Z', { stageDates: { salesqualifiedlead: at('2024-01-05T00:00:00Z') } }),
    lead('D', '2024-01-03T00:00:00Z', { lifecycleStage: 'opportunity' }),
    // E: on a lost deal → opportunity, without any response (a later step implies the earlier ones).
    lead('E', '2024-01-04T00:00:00Z'),
    // F: primary lead of a won deal → won. G: second lead of that deal → opportunity only.
    lead('F', '2024-01-04T00:00:00Z'),
    lead('G', '2024-01-04T00:00:00Z'),
    // H: lifecycle `customer` → won. I: `other` ranks nowhere → new.
    lead('H', '2024-01-05T00:00:00Z', { lifecycleStage: 'customer' }),
    lead('I', '2024-01-05T00:00:00Z', { lifecycleStage: 'other' }),
    // J: its customer date comes after asOf, so it is ignored → new.
    lead('J', '2024-01-05T00:00:00Z', { stageDates: { customer: at('2024-07-01T00:00:00Z') } }),
    // Outside the window: not in the cohort.
    lead('K', '2024-02-05T00:00:00Z', { lifecycleStage: 'customer' }),
  ];
  const snap = snapshot({
    leads,
    deals: [
      deal('lost', ['E'], '2024-01-10T00:00:00Z', {
        isClosed: true,
        stageId: 'lost',
        closeDate: at('2024-02-01T00:00:00Z'),
      }),
      won('w', ['F', 'G'], '2024-01-10T00:00:00Z', '2024-03-01T00:00:00Z', 100),
    ],
    touches: [touch('t', ['B'], '2024-01-02T01:00:00Z')],
  });
  const figures = windowFigures(prepareReport(snap, settings(), asOf), window);

  it('counts each lead at every step up to the highest it reached', () => {
    // Highest steps: A, I, J new; B contacted; C qualified; D, E, G opportunity; F, H won.
    // Reached: new 10; contacted 7 (all but A, I, J); qualified 6; opportunity 5; won 2.
    expect(figures.cohort.funnel.counts).toEqual({ new: 10, contacted: 7, qualified: 6, opportunity: 5, won: 2 });
  });

  it('gives step rates, the drop-off step and the lead-to-customer rate', () => {
    expect(figures.cohort.funnel.rates).toEqual({
      newToContacted: 7 / 10,
      contactedToQualified: 6 / 7,
      qualifiedToOpportunity: 5 / 6,
      opportunityToWon: 2 / 5,
    });
    // The lowest rate is 2/5 = 0.4.
    expect(figures.cohort.funnel.dropOffStep).toBe('opportunityToWon');
    expect(figures.cohort.funnel.leadToCustomerRate).toBe(2 / 10);
  });

  it('picks the earliest step on a tie and skips null rates', () => {
    // 10 → 5 → 5 → 5 → 5: rates 0.5, 1, 1, 1; then 4 → 2 → 1 → 1 → 0: 0.5, 0.5, 1, 0 → the last (0).
    expect(funnelFromCounts({ new: 10, contacted: 5, qualified: 5, opportunity: 5, won: 5 }).dropOffStep).toBe(
      'newToContacted',
    );
    expect(funnelFromCounts({ new: 4, contacted: 2, qualified: 1, opportunity: 1, won: 0 }).dropOffStep).toBe(
      'opportunityToWon',
    );
    // Ties: 4 → 2 → 1: both 0.5, the earlier wins.
    expect(funnelFromCounts({ new: 4, contacted: 2, qualified: 1, opportunity: 1, won: 1 }).dropOffStep).toBe(
      'newToContacted',
    );
    // Nothing contacted: later rates are null and left out.
    const none = funnelFromCounts({ new: 3, contacted: 0, qualified: 0, opportunity: 0, won: 0 });
    expect(none.rates.contactedToQualified).toBeNull();
    expect(none.dropOffStep).toBe('newToContacted');
  });

  it('is all null for an empty cohort', () => {
    const empty = funnelFromCounts({ new: 0, contacted: 0, qualified: 0, opportunity: 0, won: 0 });
    expect(empty.rates).toEqual({
      newToContacted: null,
      contactedToQualified: null,
      qualifiedToOpportunity: null,
      opportunityToWon: null,
    });
    expect(empty.dropOffStep).toBeNull();
    expect(empty.leadToCustomerRate).toBeNull();
  });

  it('never increases down the steps and keeps rates in [0, 1] (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 6, maxLength: 6 }), (atLevel) => {
        const funnel = funnelFromLevels(atLevel);
        const { counts } = funnel;
        expect(counts.new).toBeGreaterThanOrEqual(counts.contacted);
        expect(counts.contacted).toBeGreaterThanOrEqual(counts.qualified);
        expect(counts.qualified).toBeGreaterThanOrEqual(counts.opportunity);
        expect(counts.opportunity).toBeGreaterThanOrEqual(counts.won);
        for (const rate of [...Object.values(funnel.rates), funnel.leadToCustomerRate]) {
          if (rate !== null) {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it('holds the same on random snapshots through the whole engine (property)', () => {
    const stages = [
      '',
      'other',
      'subscriber',
      'lead',
      'marketingqualifiedlead',
      'salesqualifiedlead',
      'opportunity',
      'customer',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            stage: fc.constantFrom(...stages),
            responded: fc.boolean(),
            inDeal: fc.constantFrom('none', 'open', 'won'),
          }),
          { maxLength: 30 },
        ),
        (rows) => {
          const leads = rows.map((row, i) => lead(`l${i}`, '2024-01-10T00:00:00Z', { lifecycleStage: row.stage }));
          const touches = rows.flatMap((row, i) =>
            row.responded ? [touch(`t${i}`, [`l${i}`], '2024-01-11T00:00:00Z')] : [],
          );
          const deals = rows.flatMap((row, i) =>
            row.inDeal === 'none'
              ? []
              : row.inDeal === 'open'
                ? [deal(`d${i}`, [`l${i}`], '2024-01-12T00:00:00Z')]
                : [won(`d${i}`, [`l${i}`], '2024-01-12T00:00:00Z', '2024-01-20T00:00:00Z', 10)],
          );
          const { funnel } = windowFigures(
            prepareReport(snapshot({ leads, touches, deals }), settings(), asOf),
            window,
          ).cohort;
          const steps = Object.values(funnel.counts);
          for (let k = 1; k < steps.length; k++) expect(steps[k]).toBeLessThanOrEqual(steps[k - 1] ?? 0);
          expect(funnel.counts.new).toBe(rows.length);
          for (const rate of Object.values(funnel.rates)) if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('lifecycle ranks', () => {
  it('follow the portal order, custom stages included; `other` and empty rank nowhere', () => {
    const ranks = new LifecycleRanks([
      { value: 'lead', label: 'Lead', order: 1 },
      { value: 'demo_booked', label: 'Demo booked', order: 2 },
      { value: 'salesqualifiedlead', label: 'SQL', order: 3 },
      { value: 'customer', label: 'Customer', order: 5 },
      { value: 'opportunity', label: 'Opportunity', order: 4 },
      { value: 'other', label: 'Other', order: 6 },
    ]);
    expect(ranks.atLeast('demo_booked', 'salesqualifiedlead')).toBe(false);
    expect(ranks.atLeast('opportunity', 'salesqualifiedlead')).toBe(true);
    expect(ranks.atLeast('other', 'lead')).toBe(false);
    expect(ranks.rank('')).toBeUndefined();
    expect(ranks.isOpen('demo_booked')).toBe(true);
    expect(ranks.isOpen('customer')).toBe(false);
  });

  it('use the standard list when the snapshot has none', () => {
    const ranks = new LifecycleRanks(undefined);
    expect(ranks.atLeast('evangelist', 'customer')).toBe(true);
    expect(ranks.atLeast('marketingqualifiedlead', 'salesqualifiedlead')).toBe(false);
  });
});
