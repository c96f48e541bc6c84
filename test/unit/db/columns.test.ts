import { describe, expect, it } from 'vitest';
import { appendChunk, compactAnalytics, foldChunks, readAnalyticsTable } from '../../../lib/db/analytics';
import { type AnalyticsChunk, decodeChunk, decodeRow, encodeChunk } from '../../../lib/db/columns';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import type { Deal, Lead, Touch } from '../../../lib/model';

const leads: Lead[] = [
  {
    id: '1',
    email: 'a@example.com',
    name: 'דנה לוי',
    ownerId: '7',
    ownerAssignedAt: 1200,
    createdAt: 1000,
    lifecycleStage: 'lead',
    leadStatus: 'OPEN',
    stageDates: { lead: 1000, customer: 5000 },
    source: 'organic_search',
    sourceDetail: 'google',
    sourceTag: 'webinar',
    campaign: 'spring',
    score: 0,
    updatedAt: 2000,
    archived: false,
  },
  {
    id: '2',
    email: '',
    name: '',
    createdAt: 1500,
    lifecycleStage: '',
    stageDates: {},
    source: 'unknown',
    updatedAt: 1500,
    archived: true,
  },
];
const deals: Deal[] = [
  {
    id: '9',
    amount: 12.5,
    pipelineId: 'p',
    stageId: 's',
    stageDates: { appointmentscheduled: 1, '1234567': 1.5, s: 2 },
    createdAt: 1,
    closeDate: 2,
    isClosed: true,
    isWon: true,
    ownerId: '7',
    leadIds: ['1', '2'],
  },
  { id: '10', amount: 0, pipelineId: 'p', stageId: 's', createdAt: 1, isClosed: false, isWon: false, leadIds: [] },
  // Read again with no stage entered: an empty dictionary, which is not the same as none read.
  {
    id: '11',
    amount: 0,
    pipelineId: 'p',
    stageId: 's',
    stageDates: {},
    createdAt: 1,
    isClosed: false,
    isWon: false,
    leadIds: [],
  },
  {
    id: '12',
    amount: 0,
    pipelineId: 'p',
    stageId: 's',
    stageDates: { s: 7 },
    createdAt: 1,
    isClosed: false,
    isWon: false,
    leadIds: [],
  },
];
const touches: Touch[] = [
  { id: '30', kind: 'email', direction: 'in', at: 100, ownerId: '7', leadIds: ['1'], automated: true },
  { id: '31', kind: 'meeting', direction: 'none', at: 200, leadIds: [], automated: false },
];

describe('columnar chunks', () => {
  it('round-trip every field, optional gaps and lists included', () => {
    expect(decodeChunk(encodeChunk('leads', 1, leads))).toEqual(leads);
    expect(decodeChunk(encodeChunk('deals', 1, deals))).toEqual(deals);
    expect(decodeChunk(encodeChunk('touches', 1, touches))).toEqual(touches);
  });

  it('read one row of the stage-date dictionary without decoding the chunk', () => {
    const chunk = encodeChunk('deals', 1, deals);
    expect(deals.map((_, index) => decodeRow<'deals'>(chunk, index).stageDates)).toEqual(
      deals.map((deal) => deal.stageDates),
    );
  });

  it('read chunks written before the owner assignment and stage dates existed, with both absent', () => {
    // A version-5 chunk: the same columns less the two new ones.
    const old = (chunk: AnalyticsChunk, drop: string): AnalyticsChunk => {
      const { [drop]: _dropped, ...columns } = chunk.columns;
      return { ...chunk, columns };
    };
    const oldLeads = decodeChunk<'leads'>(old(encodeChunk('leads', 1, leads), 'ownerAssignedAt'));
    expect(oldLeads.map((lead) => lead.ownerAssignedAt)).toEqual([undefined, undefined]);
    expect(oldLeads[0]?.ownerId).toBe('7');
    const oldDeals = decodeChunk<'deals'>(old(encodeChunk('deals', 1, deals), 'stageDates'));
    expect(oldDeals.every((deal) => !('stageDates' in deal))).toBe(true);
    expect(oldDeals[0]?.leadIds).toEqual(['1', '2']);
  });

  it('store numbers as typed arrays and text as one string', () => {
    const chunk = encodeChunk('touches', 1, touches);
    expect(chunk.columns.at).toBeInstanceOf(Float64Array);
    expect(chunk.columns.automated).toBeInstanceOf(Uint8Array);
    expect(typeof (chunk.columns.kind as { text: string }).text).toBe('string');
  });

  it('fold: later versions win, deletions remove earlier ones', () => {
    const first = encodeChunk('touches', 1, touches);
    const changed = encodeChunk('touches', 2, [{ ...touches[0], automated: false } as Touch]);
    const removed = encodeChunk('touches', 3, [], ['31']);
    expect(foldChunks([removed, first, changed])).toEqual([{ ...touches[0], automated: false }]);
  });

  it('compacts the log without changing what it reads as', async () => {
    const db = new LeadLensDb(`columns-${Math.random()}`);
    await db.transaction('rw', db.analytics, db.meta, async () => {
      for (let i = 0; i < 60; i += 1) {
        await appendChunk(db, 'touches', [{ ...(touches[i % 2] as Touch), id: String(i % 40), at: i }]);
      }
      await appendChunk(db, 'touches', [], ['0']);
    });
    const before = await readAnalyticsTable(db, 'touches');
    expect(before).toHaveLength(39);
    expect(await compactAnalytics(db, 'touches')).toBe(true);
    expect(await db.analytics.count()).toBe(1);
    expect(await readAnalyticsTable(db, 'touches')).toEqual(before);
    await deleteDatabase(db);
  });
});
