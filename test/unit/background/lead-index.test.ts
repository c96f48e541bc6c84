import { describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { buildLeadIndex } from '../../../lib/background/lead-index';
import { type AnalyticsChunk, encodeChunk } from '../../../lib/db/columns';
import type { Deal, Touch } from '../../../lib/model';

const lead = (id: string, emails: string[], change: Partial<LeadRecord> = {}): LeadRecord => ({
  id,
  email: emails[0] ?? '',
  emails,
  name: `Lead ${id}`,
  createdAt: 1_000,
  lifecycleStage: 'lead',
  stageDates: {},
  source: 'organic_search',
  effectiveSource: change.sourceTag ?? 'organic_search',
  updatedAt: 2_000,
  archived: false,
  ...change,
});
const touch = (id: string, leadIds: string[], change: Partial<Touch> = {}): Touch => ({
  id,
  kind: 'email',
  direction: 'out',
  at: 5_000,
  leadIds,
  automated: false,
  ...change,
});
const deal = (id: string, leadIds: string[], change: Partial<Deal> = {}): Deal => ({
  id,
  amount: 100,
  pipelineId: 'p',
  stageId: 's',
  createdAt: 1_000,
  isClosed: false,
  isWon: false,
  leadIds,
  ...change,
});

describe('the in-memory lead index', () => {
  it('finds the latest version of a lead by any address or id, with its touches and open deals', async () => {
    const chunks: AnalyticsChunk[] = [
      encodeChunk('leads', 1, [lead('1', ['a@x.com']), lead('2', ['b@x.com']), lead('3', ['c@x.com'])]),
      encodeChunk('touches', 2, [touch('t1', ['1']), touch('t2', ['1', '2', '1'], { direction: 'in', at: 6_000 })]),
      encodeChunk('deals', 3, [deal('d1', ['1']), deal('d2', ['1'], { isClosed: true }), deal('d3', ['2'])]),
      // Later versions: lead 1 gains an address and a tag, lead 2 is archived, lead 3 deleted; t1 moves to lead 2.
      encodeChunk('leads', 4, [lead('1', ['a@x.com', 'alt@x.org'], { sourceTag: 'webinar', score: 80 })]),
      encodeChunk('leads', 5, [lead('2', ['b@x.com'], { archived: true })], ['3']),
      encodeChunk('touches', 6, [touch('t1', ['2'], { kind: 'meeting', automated: true })]),
    ];
    // Any order in, the sequence numbers decide.
    const index = await buildLeadIndex([...chunks].reverse(), { seq: 6, epoch: 0 });
    expect(index.stamp).toEqual({ seq: 6, epoch: 0 });
    expect(index.leadCount).toBe(1);
    const [found, ...rest] = index.find(['alt@x.org', 'b@x.com', 'c@x.com'], ['1', '3']);
    expect(rest).toEqual([]);
    expect(found).toEqual(lead('1', ['a@x.com', 'alt@x.org'], { sourceTag: 'webinar', score: 80 }));
    expect(index.touchesOf('1')).toEqual([{ kind: 'email', direction: 'in', at: 6_000, automated: false }]);
    expect(index.touchesOf('2').sort((a, b) => a.at - b.at)).toEqual([
      { kind: 'meeting', direction: 'out', at: 5_000, automated: true },
      { kind: 'email', direction: 'in', at: 6_000, automated: false },
    ]);
    expect(index.openDealsOf('1')).toEqual([deal('d1', ['1'])]);
    expect(index.find(['nobody@x.com'], ['404'])).toEqual([]);
  });

  it('leaves out leads whose chunks lack their addresses (an imported snapshot, which the row tables do not hold)', async () => {
    const { emails: _emails, effectiveSource: _source, ...row } = lead('9', ['i@x.com']);
    const index = await buildLeadIndex([encodeChunk('leads', 1, [row])], { seq: 1, epoch: 0 });
    expect(index.find(['i@x.com'], ['9'])).toEqual([]);
  });

  it('any sequence of writes and removals answers as the rows written last', async () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const leads = new Map<string, LeadRecord>();
    const touches = new Map<string, Touch>();
    const deals = new Map<string, Deal>();
    const chunks: AnalyticsChunk[] = [];
    let seq = 0;
    let pauses = 0;
    for (let step = 0; step < 300; step += 1) {
      seq += 1;
      const pick = random(3);
      if (pick === 0) {
        const rows = Array.from({ length: 1 + random(4) }, () => {
          const id = `l${random(15)}`;
          return lead(id, [`${id}@x.com`, ...(random(3) !== 0 ? [`alt${random(5)}@x.org`] : [])], {
            archived: random(6) === 0,
            score: random(100),
          });
        });
        const unique = [...new Map(rows.map((row) => [row.id, row])).values()];
        const deleted = random(5) === 0 ? [`l${random(15)}`].filter((id) => !unique.some((row) => row.id === id)) : [];
        for (const id of deleted) leads.delete(id);
        for (const row of unique) leads.set(row.id, row);
        chunks.push(encodeChunk('leads', seq, unique, deleted));
      } else if (pick === 1) {
        const id = `t${random(30)}`;
        const row = touch(
          id,
          Array.from({ length: random(3) }, () => `l${random(15)}`),
          {
            at: random(10_000),
            direction: (['in', 'out', 'none'] as const)[random(3)],
            kind: (['email', 'call', 'meeting', 'note', 'task'] as const)[random(5)],
          },
        );
        if (random(6) === 0) {
          touches.delete(id);
          chunks.push(encodeChunk('touches', seq, [], [id]));
        } else {
          touches.set(id, row);
          chunks.push(encodeChunk('touches', seq, [row]));
        }
      } else {
        const row = deal(`d${random(10)}`, [`l${random(15)}`], { isClosed: random(2) === 0, amount: random(500) });
        deals.set(row.id, row);
        chunks.push(encodeChunk('deals', seq, [row]));
      }
    }
    const whole = await buildLeadIndex(chunks, { seq, epoch: 0 }, async () => {
      pauses += 1;
    });
    // Built from the first part, then the rest applied as a look-up catching up would: the same answers.
    const split = 120;
    const caughtUp = await buildLeadIndex(chunks.slice(0, split), { seq: split, epoch: 0 });
    caughtUp.apply(chunks.slice(split), { seq, epoch: 0 });
    expect(caughtUp.stamp).toEqual({ seq, epoch: 0 });
    expect(caughtUp.appliedRows).toBeGreaterThan(0);
    const live = [...leads.values()].filter((row) => !row.archived);
    for (const index of [whole, caughtUp]) {
      expect(index.leadCount).toBe(live.length);
      const addresses = [...new Set([...leads.values()].flatMap((row) => row.emails))];
      const byId = (a: LeadRecord, b: LeadRecord) => a.id.localeCompare(b.id);
      expect(index.find(addresses, []).sort(byId)).toEqual(live.sort(byId));
      for (const row of live) {
        expect(index.find([], [row.id])).toEqual([row]);
        const expectedTouches = [...touches.values()]
          .filter((candidate) => candidate.leadIds.includes(row.id))
          .map(({ kind, direction, at, automated }) => ({ kind, direction, at, automated }));
        const order = (a: { at: number; kind: string }, b: { at: number; kind: string }) =>
          a.at - b.at || a.kind.localeCompare(b.kind);
        expect(index.touchesOf(row.id).sort(order)).toEqual(expectedTouches.sort(order));
        const open = [...deals.values()].filter(
          (candidate) => !candidate.isClosed && candidate.leadIds.includes(row.id),
        );
        expect(index.openDealsOf(row.id).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          open.sort((a, b) => a.id.localeCompare(b.id)),
        );
      }
    }
    // The walk reached what matters: archived and deleted leads, leads with two addresses.
    expect(leads.size).toBeGreaterThan(live.length);
    expect(live.some((row) => row.emails.length > 1)).toBe(true);
    expect(pauses).toBe(0);
  });

  it('pauses between slices of a large build, so the worker answers messages meanwhile', async () => {
    const leads = Array.from({ length: 12_000 }, (_, index) => lead(String(index), [`${index}@x.com`]));
    let pauses = 0;
    const index = await buildLeadIndex(
      [encodeChunk('leads', 1, leads.slice(0, 6_000)), encodeChunk('leads', 2, leads.slice(6_000))],
      { seq: 2, epoch: 0 },
      async () => {
        pauses += 1;
      },
    );
    expect(index.leadCount).toBe(12_000);
    expect(pauses).toBeGreaterThanOrEqual(2);
  });
});
