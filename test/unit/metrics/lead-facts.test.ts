import { describe, expect, it } from 'vitest';
import { perLeadFacts } from '../../../lib/metrics/lead-facts.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import { at, lead, settings, snapshot, touch, won } from './fixtures.ts';

// METRICS.md, "Per-lead facts": each live lead of a window's cohort with the named fields.

const asOf = at('2024-03-01T12:00:00Z');
const window = { from: at('2024-02-01T00:00:00Z'), to: at('2024-03-02T00:00:00Z') };

const snap = snapshot({
  leads: [
    // C: tagged source (SLA 10), answered in 20 min (missed), a customer since its won deal; an inbound e-mail
    // waits 20 min at asOf.
    lead('C', '2024-02-01T10:00:00Z', { sourceTag: 'partner-webinar', lifecycleStage: 'customer' }),
    // D: never answered, created 29 days 2 hours before asOf.
    lead('D', '2024-02-01T10:00:00Z'),
    // A: answered in 4 minutes.
    lead('A', '2024-03-01T11:00:00Z'),
    // B: paid search (SLA 60), no owner, waiting 15 minutes.
    lead('B', '2024-03-01T11:45:00Z', { source: 'paid_search', ownerId: undefined }),
    // Archived and created before W: neither is in the cohort.
    lead('X', '2024-02-10T00:00:00Z', { archived: true }),
    lead('Y', '2024-01-10T00:00:00Z'),
  ],
  touches: [
    touch('t1', ['C'], '2024-02-01T10:20:00Z'),
    touch('t2', ['C'], '2024-03-01T11:40:00Z', { direction: 'in' }),
    touch('t3', ['A'], '2024-03-01T11:04:00Z'),
  ],
  deals: [won('W', ['C'], '2024-02-10T00:00:00Z', '2024-02-20T00:00:00Z', 1000)],
});

describe('per-lead facts', () => {
  const facts = perLeadFacts(
    prepareReport(snap, settings({ slaMinutes: 10, slaBySource: { paid_search: 60 } }), asOf),
    window,
  );

  it('list the live leads created in W, in date order', () => {
    expect(facts.map((row) => row.id)).toEqual(['C', 'D', 'A', 'B']);
  });

  it('give an answered customer with an inbound message waiting', () => {
    expect(facts[0]).toEqual({
      id: 'C',
      owner: 'o1',
      groupSource: 'partner-webinar',
      sla: 10,
      firstResponseAt: at('2024-02-01T10:20:00Z'),
      // 10:00 → 10:20.
      responseMinutes: 20,
      bucket: '5–30m',
      // 20 > 10.
      slaOutcome: 'missed',
      funnelStep: 'won',
      firstPurchaseAt: at('2024-02-20T00:00:00Z'),
      // The inbound e-mail (11:40) is later than the latest response: 20 minutes at 12:00, ≥ 10 → overdue.
      timer: 'inbound',
      timerState: 'overdue',
      timerWaitingMinutes: 20,
      // An `in` touch within 3 days.
      temperature: 'hot',
      // A customer is not an open lead, so not fresh either.
      openLead: false,
      fresh: false,
      complete: true,
    });
  });

  it('give an unanswered lead past its SLA', () => {
    expect(facts[1]).toMatchObject({
      id: 'D',
      firstResponseAt: null,
      responseMinutes: null,
      bucket: 'never',
      slaOutcome: 'overdue',
      funnelStep: 'new',
      firstPurchaseAt: null,
      // 29 days × 1440 + 2 hours × 60 = 41 760 + 120 = 41 880 minutes.
      timer: 'open',
      timerState: 'overdue',
      timerWaitingMinutes: 41_880,
      // Created less than 30 days before asOf (Feb 1 10:00 ≥ Jan 31 12:00): warm; updated then, so fresh.
      temperature: 'warm',
      openLead: true,
      fresh: true,
      complete: true,
    });
  });

  it('give an answered lead without a timer, and a waiting unowned lead as pending', () => {
    expect(facts[2]).toMatchObject({
      id: 'A',
      responseMinutes: 4,
      bucket: '<5m',
      slaOutcome: 'met',
      funnelStep: 'contacted',
      timer: null,
      timerState: null,
      timerWaitingMinutes: null,
    });
    expect(facts[3]).toMatchObject({
      id: 'B',
      owner: null,
      groupSource: 'paid_search',
      sla: 60,
      // 11:45 → 12:00 = 15 minutes, below 60 / 2 = 30: ok, and undecided for the SLA.
      slaOutcome: 'pending',
      timer: 'open',
      timerState: 'ok',
      timerWaitingMinutes: 15,
      // No owner: not complete.
      complete: false,
    });
  });
});
