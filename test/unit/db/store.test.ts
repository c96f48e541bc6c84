import { describe, expect, it } from 'vitest';
import { readAnalyticsTable } from '../../../lib/db/analytics';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { writeAssociations, writePage } from '../../../lib/db/store';
import type { Touch } from '../../../lib/model';

const touch = (id: string, leadIds: string[]): Touch => ({
  id,
  kind: 'call',
  direction: 'out',
  at: 10,
  leadIds,
  automated: false,
});
const checkpoint = (pages: number) => ({
  key: 'full:calls',
  job: 'full' as const,
  type: 'calls' as const,
  done: false,
  pages,
  records: 0,
});

describe('page writes', () => {
  it('writes rows, analytics, skipped records and the checkpoint together', async () => {
    const db = new LeadLensDb(`store-${Math.random()}`);
    await writePage(db, {
      type: 'calls',
      records: [touch('1', ['100']), touch('2', ['101'])],
      invalid: [{ type: 'calls', id: '3', reason: 'at: required', kept: false }],
      modifiedAt: new Map([
        ['1', 50],
        ['2', 50],
      ]),
      withAssociations: true,
      checkpoint: checkpoint(1),
      now: 1,
    });
    expect(await db.touches.count()).toBe(2);
    expect(await readAnalyticsTable(db, 'touches')).toHaveLength(2);
    expect((await db.checkpoints.get('full:calls'))?.pages).toBe(1);
    expect(await db.skipped.get('calls:3')).toMatchObject({ reason: 'at: required', kept: false });
    // A meeting skipped under the same id is another record.
    await db.skipped.put({ key: 'meetings:3', type: 'meetings', id: '3', reason: 'at: required', kept: false, at: 1 });

    // The same record, valid now, leaves the skipped list; the meeting stays.
    await writePage(db, {
      type: 'calls',
      records: [touch('3', [])],
      invalid: [],
      modifiedAt: new Map([['3', 60]]),
      withAssociations: true,
      checkpoint: checkpoint(2),
      now: 2,
    });
    expect(await db.skipped.toCollection().primaryKeys()).toEqual(['meetings:3']);
    await deleteDatabase(db);
  });

  it('a failing page write leaves neither rows nor checkpoint', async () => {
    const db = new LeadLensDb(`store-${Math.random()}`);
    const bad = { ...touch('1', []), at: undefined } as unknown as Touch;
    await expect(
      writePage(db, {
        type: 'calls',
        // An object IndexedDB cannot clone makes the transaction fail after the rows were queued.
        records: [touch('0', []), { ...bad, id: '1', leadIds: [() => 1] } as unknown as Touch],
        invalid: [],
        modifiedAt: new Map(),
        withAssociations: true,
        checkpoint: checkpoint(1),
        now: 1,
      }),
    ).rejects.toThrow();
    expect(await db.touches.count()).toBe(0);
    expect(await db.checkpoints.count()).toBe(0);
    await deleteDatabase(db);
  });

  it('search results keep known lead links, skip unchanged records and queue association reads', async () => {
    const db = new LeadLensDb(`store-${Math.random()}`);
    const base = { invalid: [], checkpoint: checkpoint(1), now: 1 };
    await writePage(db, {
      ...base,
      type: 'calls',
      records: [touch('1', ['100'])],
      modifiedAt: new Map([['1', 50]]),
      withAssociations: true,
    });
    const unchanged = await writePage(db, {
      ...base,
      type: 'calls',
      records: [touch('1', [])],
      modifiedAt: new Map([['1', 50]]),
      withAssociations: false,
    });
    expect(unchanged).toEqual({ written: 0, unchanged: 1 });
    expect(await db.pendingAssociations.count()).toBe(0);
    await writePage(db, {
      ...base,
      type: 'calls',
      records: [{ ...touch('1', []), direction: 'in' }],
      modifiedAt: new Map([['1', 60]]),
      withAssociations: false,
    });
    expect(await db.touches.get('1')).toMatchObject({ direction: 'in', leadIds: ['100'] });
    expect(await db.pendingAssociations.count()).toBe(1);
    await writeAssociations(db, 'calls', new Map([['1', ['100', '102']]]), ['1']);
    expect(await db.touches.get('1')).toMatchObject({ leadIds: ['100', '102'] });
    expect(await db.pendingAssociations.count()).toBe(0);
    expect((await readAnalyticsTable(db, 'touches'))[0]?.leadIds).toEqual(['100', '102']);
    await deleteDatabase(db);
  });
});
