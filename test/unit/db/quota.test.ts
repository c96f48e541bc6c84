import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { isStorageFull, StorageFullError, writePages } from '../../../lib/db/store';

// A full quota during a page write: the browser refuses one request of the transaction with a DOMException named
// QuotaExceededError. The whole page must be gone with it (rows, chunk, checkpoint), and the error must say so.

const lead = (id: string): LeadRecord => ({
  id,
  email: `${id}@example.com`,
  emails: [`${id}@example.com`],
  name: id,
  createdAt: 1,
  lifecycleStage: 'lead',
  stageDates: {},
  source: 'direct_traffic',
  effectiveSource: 'direct_traffic',
  updatedAt: 1,
  archived: false,
});

/** A database whose writes to `table` fail as a full disk makes them fail, once `full.on` is set. */
function databaseFullAt(table: string) {
  const full = { on: false };
  const db = new LeadLensDb(`quota-${Math.random()}`);
  db.use({
    stack: 'dbcore',
    name: 'quota-exceeded',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const inner = down.table(name);
        return {
          ...inner,
          mutate: (request: DBCoreMutateRequest) =>
            full.on && name === table
              ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
              : inner.mutate(request),
        };
      },
    }),
  });
  return { db, full };
}

const page = (ids: string[], pages: number) => ({
  type: 'contacts' as const,
  records: ids.map(lead),
  invalid: [],
  modifiedAt: new Map(ids.map((id) => [id, 1])),
  withAssociations: true,
  checkpoint: { key: 'full:contacts', job: 'full' as const, type: 'contacts' as const, done: false, pages, records: 0 },
  now: 1,
});

describe('QuotaExceededError during a page write', () => {
  for (const table of ['checkpoints', 'analytics', 'leads']) {
    it(`leaves nothing of the page when the ${table} write is refused, and says the storage is full`, async () => {
      const { db, full } = databaseFullAt(table);
      await writePages(db, [page(['1', '2'], 1)]);
      const before = {
        leads: await db.leads.count(),
        chunks: await db.analytics.count(),
        checkpoint: await db.checkpoints.get('full:contacts'),
        seq: (await db.meta.get('analytics.seq'))?.value,
      };
      full.on = true;
      const failure = await writePages(db, [page(['3', '4'], 2), page(['5'], 3)]).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageFullError);
      expect(isStorageFull(failure)).toBe(true);
      full.on = false;
      expect(await db.leads.count()).toBe(before.leads);
      expect(await db.leads.get('3')).toBeUndefined();
      expect(await db.analytics.count()).toBe(before.chunks);
      expect(await db.checkpoints.get('full:contacts')).toEqual(before.checkpoint);
      expect((await db.meta.get('analytics.seq'))?.value).toBe(before.seq);
      await deleteDatabase(db);
    });
  }

  it('other failures pass through as they are', async () => {
    const db = new LeadLensDb(`quota-${Math.random()}`);
    db.use({
      stack: 'dbcore',
      name: 'broken',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (name) => {
          const inner = down.table(name);
          return {
            ...inner,
            mutate: (request: DBCoreMutateRequest) =>
              name === 'leads' ? Promise.reject(new DOMException('no', 'DataError')) : inner.mutate(request),
          };
        },
      }),
    });
    const failure = await writePages(db, [page(['1'], 1)]).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(StorageFullError);
    expect(isStorageFull(failure)).toBe(false);
    await deleteDatabase(db);
  });
});
