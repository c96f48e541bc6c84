import { describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { EPOCH_KEY, readSnapshot } from '../../../lib/db/analytics';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { generationScope, startGeneration, switchGenerationIn } from '../../../lib/db/generation';
import { writePages } from '../../../lib/db/store';

// The switch from the old generation to the new one, on its own: everything moves in one transaction, the old rows
// and chunks are gone, and a tag still waiting in the outbox stays on its lead.

const lead = (id: string, source = 'direct_traffic'): LeadRecord => ({
  id,
  email: `${id}@example.com`,
  emails: [`${id}@example.com`],
  name: id,
  createdAt: 1,
  lifecycleStage: 'lead',
  stageDates: {},
  source: source as LeadRecord['source'],
  effectiveSource: source,
  updatedAt: 1,
  archived: false,
});

const page = (ids: string[], staged: boolean) => ({
  type: 'contacts' as const,
  records: ids.map((id) => lead(id)),
  invalid: staged ? [{ type: 'contacts' as const, id: 'bad', reason: 'no e-mail', kept: false }] : [],
  modifiedAt: new Map(ids.map((id) => [id, 5])),
  withAssociations: true,
  checkpoint: {
    key: 'full:contacts',
    job: 'full' as const,
    type: 'contacts' as const,
    done: false,
    pages: 1,
    records: 0,
  },
  now: 1,
  ...(staged ? { staged: true } : {}),
});

describe('generations of the cache', () => {
  it('staged pages stay out of the live tables and the analytics log until the switch, which moves them at once', async () => {
    const db = new LeadLensDb(`generation-${Math.random()}`);
    await writePages(db, [page(['old1', 'old2'], false)]);
    await startGeneration(db);
    await writePages(db, [page(['new1', 'old2'], true)]);
    expect((await db.leads.toCollection().primaryKeys()).sort()).toEqual(['old1', 'old2']);
    expect((await readSnapshot(db)).leads.map((row) => row.id).sort()).toEqual(['old1', 'old2']);
    expect(await db.skipped.count()).toBe(0);
    const epoch = (await db.meta.get(EPOCH_KEY))?.value;

    // A rep tagged new1 while the re-sync ran; the tag has not reached the CRM yet.
    await db.outbox.put({
      id: 'tag-1',
      contactKey: 'new1',
      seq: 1,
      state: 'pending',
      attempts: 0,
      notBefore: 0,
      tag: { email: 'new1@example.com', source: 'webinar', taggedAt: 9 },
      contactId: 'new1',
      createdAt: 9,
    });
    await db.transaction('rw', generationScope(db), () => switchGenerationIn(db));

    expect((await db.leads.toCollection().primaryKeys()).sort()).toEqual(['new1', 'old2']);
    const snapshot = await readSnapshot(db);
    expect(snapshot.leads.map((row) => row.id).sort()).toEqual(['new1', 'old2']);
    expect(await db.leads.get('new1')).toMatchObject({ sourceTag: 'webinar', effectiveSource: 'webinar' });
    expect((await db.skipped.toArray()).map((row) => row.id)).toEqual(['bad']);
    expect(await db.stagedLeads.count()).toBe(0);
    expect(await db.stagedSkipped.count()).toBe(0);
    expect((await db.meta.get(EPOCH_KEY))?.value).not.toBe(epoch);
    await deleteDatabase(db);
  });
});
