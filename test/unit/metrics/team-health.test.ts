import { leadView } from '../../../lib/metrics/lead-view.ts';
import { describe, expect, it } from 'vitest';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { customerSatisfaction, dataQuality, handoffTime, temperatureCounts } from '../../../lib/metrics/team-health.ts';
import { at, day, feedback, lead, settings, snapshot, touch } from './fixtures.ts';

const asOf = at('2024-06-01T00:00:00Z');
const may = { from: at('2024-05-01T00:00:00Z'), to: at('2024-06-01T00:00:00Z') };
const ago = (days: number) => new Date(asOf - days * day).toISOString();

describe('handoff time', () => {
  it('is the median of hours from the MQL date to the first response at or after it', () => {
    const mql = (iso: string) => ({ stageDates: { marketingqualifiedlead: at(iso) } });
    const snap = snapshot({
      leads: [
        lead('H1', '2024-04-01T00:00:00Z', mql('2024-05-01T00:00:00Z')),
        lead('H2', '2024-04-01T00:00:00Z', mql('2024-05-10T00:00:00Z')),
        lead('H3', '2024-04-01T00:00:00Z', mql('2024-05-20T00:00:00Z')),
        lead('H4', '2024-04-01T00:00:00Z', mql('2024-04-30T00:00:00Z')),
        lead('H5', '2024-04-01T00:00:00Z', mql('2024-05-05T00:00:00Z')),
      ],
      touches: [
        // H1: the April response predates the MQL; the one 6 hours after it counts.
        touch('h1a', ['H1'], '2024-04-15T00:00:00Z'),
        touch('h1b', ['H1'], '2024-05-01T06:00:00Z'),
        // H2: a response at the MQL instant itself: 0 hours.
        touch('h2', ['H2'], '2024-05-10T00:00:00Z'),
        // H3: only an automated send: no response. H4: outside May. H5: 48 hours.
        touch('h3', ['H3'], '2024-05-21T00:00:00Z', { automated: true }),
        touch('h4', ['H4'], '2024-05-01T00:00:00Z'),
        touch('h5', ['H5'], '2024-05-07T00:00:00Z'),
      ],
    });
    // Hours 6, 0, 48 (H3 has none): median 6.
    expect(handoffTime(prepareReport(snap, settings(), asOf), may)).toEqual({ leads: 4, responded: 3, medianHours: 6 });
  });
});

describe('data completeness and freshness', () => {
  const old = '2023-01-01T00:00:00Z';
  const snap = snapshot({
    leads: [
      lead('C1', old, { updatedAt: asOf - 10 * day }),
      lead('C2', old, { email: '' }),
      lead('C3', old, { ownerId: undefined, lifecycleStage: 'subscriber' }),
      lead('C4', old, { source: 'unknown', sourceTag: 'trade-fair', lifecycleStage: 'customer' }),
      lead('C5', old, { source: 'unknown', lifecycleStage: 'other' }),
      lead('C6', old, { lifecycleStage: '' }),
      lead('C7', old, { archived: true }),
    ],
    touches: [touch('c2', ['C2'], ago(29), { kind: 'note', direction: 'none' }), touch('c3', ['C3'], ago(31))],
  });
  const quality = dataQuality(prepareReport(snap, settings(), asOf));

  it('completeness: e-mail, owner, a known (effective) source and a lifecycle stage, over live leads', () => {
    // C1 and C4 (tagged, so its source is known) are complete; C7 is archived. 2 / 6.
    expect(quality.liveLeads).toBe(6);
    expect(quality.dataCompleteness).toBe(2 / 6);
  });

  it('freshness: open leads updated or touched in the last 30 days', () => {
    // Open: C1 (updated 10 days ago), C2 (touched 29 days ago), C3 (touched 31 days ago). C4 is a customer,
    // C5 `other`, C6 empty: not open. 2 / 3.
    expect(quality.openLeads).toBe(3);
    expect(quality.dataFreshness).toBe(2 / 3);
  });
});

describe('lead temperature', () => {
  const snap = snapshot({
    leads: [
      lead('T1', ago(60)),
      lead('T2', ago(60), { score: 70 }),
      lead('T3', ago(60)),
      lead('T4', ago(60)),
      lead('T5', ago(10)),
      lead('T6', ago(60)),
    ],
    touches: [
      touch('t1', ['T1'], ago(2), { kind: 'note', direction: 'in' }),
      touch('t4', ['T4'], ago(10)),
      touch('t6', ['T6'], ago(4), { direction: 'in' }),
    ],
  });

  it('is hot, then cold, then warm, tested in that order', () => {
    // T1 hot (in touch 2 days ago), T2 hot (score 70), T3 cold (quiet and older than 30 days), T4 warm
    // (touched 10 days ago), T5 warm (too young to be cold), T6 warm (its in touch is 4 days old).
    expect(temperatureCounts(prepareReport(snap, settings(), asOf))).toEqual({ hot: 2, warm: 3, cold: 1 });
    const byId = (id: string) => snap.leads.find((l) => l.id === id);
    const t3 = byId('T3');
    const t6 = byId('T6');
    if (t3 === undefined || t6 === undefined) throw new Error('fixture');
    // The badges read the same rule through the lead view.
    const leadTemperature = (lead: typeof t3, touches: typeof snap.touches, at: number) =>
      leadView({ ...lead, effectiveSource: lead.source }, touches, [], settings(), at).temperature;
    expect(leadTemperature(t3, [], asOf)).toBe('cold');
    const touchesOfT6 = snap.touches.filter((t) => t.leadIds.includes('T6'));
    expect(leadTemperature(t6, touchesOfT6, asOf)).toBe('warm');
    // Seen a day after that in touch, T6 was hot.
    expect(leadTemperature(t6, touchesOfT6, asOf - 3 * day)).toBe('hot');
  });
});

describe('customer satisfaction', () => {
  it('computes NPS and CSAT over feedback in W', () => {
    const snap = snapshot({
      feedback: [
        ...[10, 9, 9, 7, 3].map((score, i) => feedback(`n${i}`, '2024-05-10T00:00:00Z', 'nps', score)),
        feedback('late', '2024-06-10T00:00:00Z', 'nps', 0),
        ...[5, 4, 3, 1].map((score, i) => feedback(`c${i}`, '2024-05-11T00:00:00Z', 'csat', score)),
      ],
    });
    // NPS: promoters 3, detractors 1 of 5 → 100 × (3 − 1) / 5 = 40. CSAT: 2 of 4 score ≥ 4.
    const satisfaction = customerSatisfaction(prepareReport(snap, settings(), asOf), may);
    expect(satisfaction.nps).toBeCloseTo(40, 10);
    expect(satisfaction.npsResponses).toBe(5);
    expect(satisfaction.csat).toBe(0.5);
    const none = customerSatisfaction(prepareReport(snap, settings(), asOf), { from: 0, to: 1 });
    expect(none.nps).toBeNull();
    expect(none.csat).toBeNull();
  });
});
