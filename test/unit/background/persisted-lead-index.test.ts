import { describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import {
  forgetLeadContextCache,
  leadContext,
  leadContextServed,
  leadIndexAfterSync,
  leadIndexOrigins,
  leadIndexSettled,
  preloadLeadIndex,
  setLeadIndexGate,
} from '../../../lib/background/lead-context';
import {
  buildLeadIndex,
  buildLeadIndexImage,
  isLeadIndexImage,
  LEAD_INDEX_FORMAT,
  type LeadIndex,
  leadIndexFrom,
} from '../../../lib/background/lead-index';
import { compactAnalytics } from '../../../lib/db/analytics';
import { readAnalyticsChunks } from '../../../lib/db/analytics-chunks';
import { type AnalyticsChunk, encodeChunk } from '../../../lib/db/columns';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { generationScope, startGeneration, switchGenerationIn } from '../../../lib/db/generation';
import { readStoredLeadIndex, writeStoredLeadIndex } from '../../../lib/db/lead-index-store';
import type { Deal, Touch } from '../../../lib/model';
import { displayNameKey } from '../../../lib/overlay/display-name';
import { cacheRows } from '../../support/cache-rows';

// The lead index a stopped worker reads instead of building (lib/db/lead-index-store.ts): read back, it answers as a
// fresh build does; after a sync it is caught up, after a rewrite of the store or in another format it is not used,
// and it never answers with a lead the cache no longer gives for that key.

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

/** A log of random writes and removals, as syncs leave it: leads sharing names and addresses, touches, deals. */
function randomLog(steps: number, seed: number): AnalyticsChunk[] {
  // mulberry32: integer steps only, so every seed gives the same log everywhere.
  let state = seed >>> 0;
  const random = (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) % n;
  };
  const chunks: AnalyticsChunk[] = [];
  for (let seq = 1; seq <= steps; seq += 1) {
    const pick = random(3);
    if (pick === 0) {
      const rows = Array.from({ length: 1 + random(4) }, () => {
        const id = `l${random(40)}`;
        return lead(id, [`${id}@x.com`, ...(random(2) === 0 ? [`shared${random(6)}@x.org`] : [])], {
          name: random(4) === 0 ? `Dana Lévi ${random(3)}` : `Lead ${id}`,
          archived: random(8) === 0,
        });
      });
      const unique = [...new Map(rows.map((row) => [row.id, row])).values()];
      const deleted = random(6) === 0 ? [`l${random(40)}`].filter((id) => !unique.some((row) => row.id === id)) : [];
      chunks.push(encodeChunk('leads', seq, unique, deleted));
    } else if (pick === 1) {
      const id = random(5) === 0 ? `x-${random(20)}` : String(100 + random(60));
      const leadIds = Array.from({ length: random(3) }, () => `l${random(45)}`);
      const row = touch(id, leadIds, { at: random(10_000), direction: (['in', 'out', 'none'] as const)[random(3)] });
      chunks.push(random(7) === 0 ? encodeChunk('touches', seq, [], [id]) : encodeChunk('touches', seq, [row]));
    } else {
      const row = deal(`d${random(15)}`, [`l${random(45)}`, `l${random(45)}`], {
        isClosed: random(2) === 0,
        amount: random(500),
      });
      chunks.push(encodeChunk('deals', seq, [row]));
    }
  }
  return chunks;
}

/** Every question the overlays ask, over every key the log names: two indexes answering alike give equal lists. */
function answers(index: LeadIndex, chunks: readonly AnalyticsChunk[]) {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  const order = (a: { at: number; kind: string }, b: { at: number; kind: string }) =>
    a.at - b.at || a.kind.localeCompare(b.kind);
  const leadIds = Array.from({ length: 50 }, (_, n) => `l${n}`);
  const emails = [...leadIds.map((id) => `${id}@x.com`), ...Array.from({ length: 6 }, (_, n) => `shared${n}@x.org`)];
  const names = [...leadIds.map((id) => `Lead ${id}`), 'Dana Lévi 0', 'dana levi 1', 'DANA LEVI 2'];
  const dealIds = Array.from({ length: 16 }, (_, n) => `d${n}`);
  return {
    count: index.leadCount,
    chunks: chunks.length,
    byEmail: emails.map((email) => index.find([email], []).sort(byId)),
    byId: leadIds.map((id) => index.find([], [id])),
    byName: names.map((name) => index.findByName(displayNameKey(name)).sort(byId)),
    touches: leadIds.map((id) => index.touchesOf(id).sort(order)),
    deals: leadIds.map((id) => index.openDealsOf(id).sort(byId)),
    dealLeads: dealIds.map((id) => index.dealLeadIds(id)),
  };
}

describe('the persisted lead index', () => {
  it('read back from IndexedDB, answers every question as a fresh build, also caught up on later chunks', async () => {
    const chunks = randomLog(400, 7);
    const db = new LeadLensDb(`persisted-${Math.random()}`);
    await db.open();
    const stamp = { seq: 400, epoch: 3 };
    const built = await buildLeadIndex(chunks, stamp);
    await writeStoredLeadIndex(db.backendDB(), stamp, built.image);
    await db.meta.bulkPut([
      { key: 'analytics.seq', value: 400 },
      { key: 'analytics.epoch', value: 3 },
    ]);
    const { image, store } = await readStoredLeadIndex(db.backendDB());
    expect(store).toEqual(stamp);
    expect(isLeadIndexImage(image)).toBe(true);
    const loaded = leadIndexFrom(image as Parameters<typeof leadIndexFrom>[0]);
    const expected = answers(built, chunks);
    expect(answers(loaded, chunks)).toEqual(expected);
    // The walk reached what matters: shared addresses and names, archived leads, deals of several leads.
    expect(expected.byEmail.some((found) => found.length > 1)).toBe(true);
    expect(expected.byName.some((found) => found.length > 1)).toBe(true);
    expect(expected.count).toBeGreaterThan(10);
    expect(expected.count).toBeLessThan(40);
    expect(expected.touches.some((found) => found.length > 1)).toBe(true);
    expect(expected.deals.some((found) => found.length > 0)).toBe(true);
    expect(expected.dealLeads.filter((ids) => ids !== undefined).length).toBeGreaterThan(5);

    // An image of the first part, read back and caught up on the rest, answers as the whole log built afresh.
    const part = await buildLeadIndexImage(chunks.slice(0, 250), { seq: 250, epoch: 3 });
    await writeStoredLeadIndex(db.backendDB(), part.stamp, part);
    const readBack = leadIndexFrom((await readStoredLeadIndex(db.backendDB())).image as typeof part);
    readBack.apply(chunks.slice(250), stamp);
    expect(answers(readBack, chunks)).toEqual(expected);
    await deleteDatabase(db);
  });

  it('a hash shared by every key still answers only the rows that have the key', async () => {
    const chunks = randomLog(300, 23);
    const exact = await buildLeadIndex(chunks, { seq: 300, epoch: 0 });
    const colliding = leadIndexFrom(await buildLeadIndexImage(chunks, { seq: 300, epoch: 0 }, undefined, 1));
    expect(colliding.image.emails.bits).toBe(1);
    expect(answers(colliding, chunks)).toEqual(answers(exact, chunks));
  });

  it('is not used in another format or shape, nor for another epoch or a later sequence of the store', async () => {
    const image = await buildLeadIndexImage(randomLog(50, 3), { seq: 50, epoch: 2 });
    expect(isLeadIndexImage(image)).toBe(true);
    expect(isLeadIndexImage({ ...image, format: LEAD_INDEX_FORMAT + 1 })).toBe(false);
    expect(isLeadIndexImage({ ...image, touchEnds: [...image.touchEnds] })).toBe(false);
    expect(isLeadIndexImage({ ...image, emails: { ...image.emails, positions: undefined } })).toBe(false);
    expect(isLeadIndexImage(undefined)).toBe(false);

    const db = new LeadLensDb(`persisted-${Math.random()}`);
    await db.open();
    await writeStoredLeadIndex(db.backendDB(), image.stamp, image);
    const storeAt = async (seq: number, epoch: number) => {
      await db.meta.bulkPut([
        { key: 'analytics.seq', value: seq },
        { key: 'analytics.epoch', value: epoch },
      ]);
      return (await readStoredLeadIndex(db.backendDB())).image !== undefined;
    };
    expect(await storeAt(50, 2)).toBe(true);
    expect(await storeAt(70, 2)).toBe(true);
    expect(await storeAt(70, 3)).toBe(false);
    expect(await storeAt(40, 2)).toBe(false);
    await deleteDatabase(db);
  });
});

describe('leadContext after a stopped worker', () => {
  const settings = { slaMinutes: 5, slaBySource: {} };
  const asOf = 10_000_000;
  const ask = (db: LeadLensDb, emails: string[]) =>
    leadContext({ emails }, settings, asOf, db).then((views) => views.map((view) => view.id).sort());
  /** What a stop of the worker leaves: nothing in memory, the database as it was. */
  const stopWorker = () => forgetLeadContextCache();

  it('answers from the persisted index, caught up on a sync, and never with a lead the cache no longer gives', async () => {
    stopWorker();
    const db = new LeadLensDb(`cold-${Math.random()}`);
    await cacheRows(db, 'leads', [lead('1', ['a@x.com', 'shared@x.com']), lead('2', ['b@x.com'])]);
    await cacheRows(db, 'touches', [touch('7', ['1'], { direction: 'in', at: asOf - 60_000 })]);
    expect(await ask(db, ['a@x.com'])).toEqual(['1']);
    // That look-up read the rows and built the index behind it, which is now stored.
    expect(await leadIndexSettled()).toBe(true);
    const stored = await readStoredLeadIndex(db.backendDB());
    expect(isLeadIndexImage(stored.image)).toBe(true);

    // A sync moves the shared address from lead 1 to lead 2 and archives nobody; then the worker stops.
    await cacheRows(db, 'leads', [lead('1', ['a@x.com']), lead('2', ['b@x.com', 'shared@x.com'])]);
    stopWorker();
    const before = leadContextServed();
    await preloadLeadIndex(db);
    expect(await ask(db, ['shared@x.com'])).toEqual(['2']);
    expect(await ask(db, ['a@x.com', 'b@x.com'])).toEqual(['1', '2']);
    // Answered from the loaded image with the sync's chunks applied: no row read, no build.
    expect(leadContextServed()).toEqual({ index: before.index + 2, rows: before.rows });

    // A rewrite of the store (compaction; a new generation does the same) makes the stored image unusable: the next
    // start answers from the rows, right, and builds and stores a new image.
    await cacheRows(db, 'leads', [lead('2', ['b@x.com'], { archived: true })]);
    await compactAnalytics(db, 'leads', true);
    expect((await readStoredLeadIndex(db.backendDB())).image).toBeUndefined();
    stopWorker();
    const rewritten = leadContextServed();
    expect(await ask(db, ['b@x.com', 'shared@x.com', 'a@x.com'])).toEqual(['1']);
    expect(leadContextServed().rows).toBe(rewritten.rows + 1);
    expect(await leadIndexSettled()).toBe(true);
    const restored = await readStoredLeadIndex(db.backendDB());
    expect(isLeadIndexImage(restored.image)).toBe(true);
    // After a stop, the first look-up answers from the rows: the image is one large read that every other read of
    // the worker would wait behind. It is read a moment later (not built), and answers the look-ups after it.
    stopWorker();
    const reloaded = leadContextServed();
    const origins = leadIndexOrigins();
    expect(await ask(db, ['b@x.com', 'shared@x.com', 'a@x.com'])).toEqual(['1']);
    expect(leadContextServed()).toEqual({ index: reloaded.index, rows: reloaded.rows + 1 });
    expect(await leadIndexSettled()).toBe(true);
    expect(leadIndexOrigins()).toEqual({ loaded: origins.loaded + 1, built: origins.built });
    expect(await ask(db, ['b@x.com', 'shared@x.com', 'a@x.com'])).toEqual(['1']);
    expect(leadContextServed()).toEqual({ index: reloaded.index + 1, rows: reloaded.rows + 1 });

    // A full re-sync's new generation, where a@x.com is now lead 3's and lead 1 is gone: the stored image (of the old
    // generation) is not used, and no look-up answers with lead 1.
    await startGeneration(db);
    await db.stagedLeads.bulkPut([lead('3', ['a@x.com'])]);
    await db.transaction('rw', generationScope(db), () => switchGenerationIn(db));
    expect((await readStoredLeadIndex(db.backendDB())).image).toBeUndefined();
    stopWorker();
    expect(await ask(db, ['a@x.com', 'shared@x.com'])).toEqual(['3']);
    expect(await leadIndexSettled()).toBe(true);
    stopWorker();
    expect(await ask(db, ['a@x.com', 'shared@x.com'])).toEqual(['3']);
    expect(await leadContext({ contactIds: ['1'] }, settings, asOf, db)).toEqual([]);

    // "Forget all data" deletes the database with its stored index: a new cache of the same name starts without one.
    await deleteDatabase(db);
    stopWorker();
    const fresh = new LeadLensDb(db.name);
    await cacheRows(fresh, 'leads', [lead('9', ['a@x.com'])]);
    expect((await readStoredLeadIndex(fresh.backendDB())).image).toBeUndefined();
    expect(await ask(fresh, ['a@x.com', 'shared@x.com'])).toEqual(['9']);
    await leadIndexSettled();
    await deleteDatabase(fresh);
  });

  it('an image of another format is ignored and replaced by a build', async () => {
    stopWorker();
    const db = new LeadLensDb(`format-${Math.random()}`);
    await cacheRows(db, 'leads', [lead('1', ['a@x.com'])]);
    const { chunks, stamp } = await readAnalyticsChunks(db.backendDB(), ['leads', 'touches', 'deals']);
    // An older format's image that would answer a@x.com with lead 5: never used.
    const other = await buildLeadIndexImage([encodeChunk('leads', 1, [lead('5', ['a@x.com'])])], stamp);
    expect(chunks.length).toBe(1);
    await writeStoredLeadIndex(db.backendDB(), stamp, { ...other, format: LEAD_INDEX_FORMAT - 1 });
    const before = leadContextServed();
    expect(await ask(db, ['a@x.com'])).toEqual(['1']);
    expect(leadContextServed().rows).toBe(before.rows + 1);
    expect(await leadIndexSettled()).toBe(true);
    const replaced = (await readStoredLeadIndex(db.backendDB())).image;
    expect(isLeadIndexImage(replaced) && replaced.format).toBe(LEAD_INDEX_FORMAT);
    await deleteDatabase(db);
  });

  it('a build that a running sync held back starts when the sync is over, with no look-up to ask for it', async () => {
    stopWorker();
    const db = new LeadLensDb(`gate-${Math.random()}`);
    await cacheRows(db, 'leads', [lead('1', ['a@x.com'])]);
    let syncing = true;
    setLeadIndexGate(() => !syncing);
    try {
      const origins = leadIndexOrigins();
      expect(await ask(db, ['a@x.com'])).toEqual(['1']);
      // No image to read, and no build while the sync writes: the next worker would start without an index too.
      expect(await leadIndexSettled()).toBe(false);
      expect((await readStoredLeadIndex(db.backendDB())).image).toBeUndefined();
      syncing = false;
      leadIndexAfterSync();
      expect(await leadIndexSettled()).toBe(true);
      expect(leadIndexOrigins()).toEqual({ loaded: origins.loaded, built: origins.built + 1 });
      expect(isLeadIndexImage((await readStoredLeadIndex(db.backendDB())).image)).toBe(true);
    } finally {
      setLeadIndexGate(() => true);
      await deleteDatabase(db);
    }
  });
});
