import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../lib/metrics/report.ts';
import {
  dealLeads,
  leadColumns,
  leadSubset,
  noLead,
  severalLeads,
  touchAutomated,
  touchColumns,
  touchIn,
  touchInbound,
  touchResponse,
} from '../../../lib/metrics/snapshot-index.ts';
import { at, deal, lead, settings, snapshot, touch } from './fixtures.ts';

function sample() {
  return snapshot({
    leads: [
      lead('B', '2024-02-01T00:00:00Z', {
        sourceTag: 'webinar',
        ownerId: 'o1',
        email: 'b@x.io',
        lifecycleStage: 'lead',
      }),
      lead('A', '2024-01-01T00:00:00Z', { source: 'organic_search', score: 80, archived: true, email: '' }),
      lead('C', '2024-01-01T00:00:00Z', {
        campaign: 'spring',
        ownerId: undefined,
        stageDates: { marketingqualifiedlead: at('2024-01-02T00:00:00Z') },
      }),
    ],
    deals: [deal('d1', ['C', 'missing', 'B'], '2024-03-01T00:00:00Z'), deal('d2', [], '2024-03-02T00:00:00Z')],
    touches: [
      touch('t1', ['C'], '2024-01-01T00:05:00Z', { kind: 'email', direction: 'out' }),
      touch('t2', ['B', 'C'], '2024-02-02T00:00:00Z', { kind: 'call', direction: 'in' }),
      touch('t3', ['nobody'], '2024-02-03T00:00:00Z', { kind: 'note', direction: 'in' }),
      touch('t4', [], '2024-02-04T00:00:00Z', { kind: 'email', direction: 'out', automated: true }),
    ],
  });
}

describe('lead columns', () => {
  it('hold the leads in date order, with codes, dates (NaN for none), and the map to and from positions', () => {
    const snap = sample();
    const columns = leadColumns(snap.leads);
    expect(columns.count).toBe(3);
    // A and C tie on createdAt: the earlier position first, then B (February).
    expect([...columns.positionOfRank]).toEqual([1, 2, 0]);
    expect([...columns.rankOfPosition]).toEqual([2, 0, 1]);
    expect([...columns.rank.entries()]).toEqual([
      ['B', 2],
      ['A', 0],
      ['C', 1],
    ]);
    expect(columns.ids).toEqual(['A', 'C', 'B']);
    expect([...columns.createdAt]).toEqual([
      at('2024-01-01T00:00:00Z'),
      at('2024-01-01T00:00:00Z'),
      at('2024-02-01T00:00:00Z'),
    ]);
    expect(columns.sources.name(columns.source[2] as number)).toBe('webinar');
    expect(columns.sources.name(columns.source[0] as number)).toBe('organic_search');
    expect(columns.owners.name(columns.owner[1] as number)).toBe('(no owner)');
    expect(columns.campaigns.name(columns.campaign[1] as number)).toBe('spring');
    expect(columns.campaigns.name(columns.campaign[2] as number)).toBe('(no campaign)');
    expect([...columns.archived]).toEqual([1, 0, 0]);
    expect(columns.score[0]).toBe(80);
    expect(columns.score[2]).toBeNaN();
    expect(columns.mqlAt[1]).toBe(at('2024-01-02T00:00:00Z'));
    expect(columns.mqlAt[2]).toBeNaN();
    // B has e-mail, owner and stage; A has no e-mail, C no owner.
    expect([...columns.hasContactFields]).toEqual([0, 0, 1]);
  });

  it('are built once per leads array, and again when its length changed', () => {
    const snap = sample();
    const first = leadColumns(snap.leads);
    expect(leadColumns(snap.leads)).toBe(first);
    expect(leadColumns([...snap.leads])).not.toBe(first);
    snap.leads.push(lead('D', '2023-12-01T00:00:00Z'));
    const grown = leadColumns(snap.leads);
    expect(grown).not.toBe(first);
    expect(grown.count).toBe(4);
    expect(grown.positionOfRank[0]).toBe(3);
  });
});

describe('touch columns', () => {
  it('resolve each touch to its only lead’s rank, no lead, or several, and classify it once', () => {
    const snap = sample();
    const touches = touchColumns(snap.touches, snap.leads);
    expect([...touches.lead]).toEqual([1, severalLeads, noLead, noLead]);
    expect([...touches.touch]).toEqual([0, 1, 2, 3]);
    expect(touches.flags[0]).toBe(touchResponse);
    expect(touches.flags[1]).toBe(touchInbound | touchIn);
    // A note in is not an inbound message, but it is a touch in (temperature).
    expect(touches.flags[2]).toBe(touchIn);
    expect(touches.flags[3]).toBe(touchAutomated);
    expect(touches.at[3]).toBe(at('2024-02-04T00:00:00Z'));
  });

  it('are ordered by their lead’s date, several or no lead last, each entry naming its touch', () => {
    const snap = sample();
    const touches = [
      touch('none', [], '2024-03-01T00:00:00Z'),
      touch('toB', ['B'], '2024-03-01T00:00:00Z'),
      touch('both', ['A', 'B'], '2024-03-01T00:00:00Z'),
      touch('toA', ['A'], '2024-03-02T00:00:00Z'),
    ];
    const columns = touchColumns(touches, snap.leads);
    // A is rank 0, B rank 2.
    expect([...columns.touch]).toEqual([3, 1, 2, 0]);
    expect([...columns.lead]).toEqual([0, 2, severalLeads, noLead]);
    expect(columns.at[0]).toBe(at('2024-03-02T00:00:00Z'));
  });

  it('are rebuilt against another leads array', () => {
    const snap = sample();
    const whole = touchColumns(snap.touches, snap.leads);
    const others = [lead('C', '2024-01-01T00:00:00Z')];
    expect(touchColumns(snap.touches, others)).not.toBe(whole);
    expect(touchColumns(snap.touches, others).lead[0]).toBe(0);
  });
});

describe('deal leads', () => {
  it('list each deal’s lead ranks in its order, unknown ids as noLead', () => {
    const snap = sample();
    const { start, lead: positions } = dealLeads(snap.deals, snap.leads);
    expect([...start]).toEqual([0, 3, 3]);
    expect([...positions]).toEqual([1, noLead, 2]);
  });
});

describe('lead subsets', () => {
  it('keep the chosen leads and the touches naming one of them, and report as a fresh snapshot would', () => {
    const snap = sample();
    const subset = leadSubset(snap, (candidate) => candidate.id !== 'B');
    expect(subset.leads.map((kept) => kept.id)).toEqual(['A', 'C']);
    expect(subset.touches.map((kept) => kept.id)).toEqual(['t1', 't2']);
    expect(subset.has('C')).toBe(true);
    expect(subset.has('B')).toBe(false);
    expect(subset.has('nobody')).toBe(false);

    const filtered = { ...snap, leads: subset.leads, touches: subset.touches };
    // The same records as plain new arrays: no index inherited from the whole.
    const fresh = { ...snap, leads: [...subset.leads], touches: [...subset.touches] };
    const options = settings();
    const asOf = at('2024-06-01T00:00:00Z');
    expect(buildReport(filtered, options, asOf)).toEqual(buildReport(fresh, options, asOf));
  });
});
