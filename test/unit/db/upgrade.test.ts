import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../../lib/db/analytics';
import { type AnalyticsChunk, decodeRow, encodeChunk } from '../../../lib/db/columns';
import {
  DATA_VERSION_KEY,
  deleteDatabase,
  LeadLensDb,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V5,
} from '../../../lib/db/db';

const lead = {
  id: '101',
  email: 'dana@example.com',
  emails: ['dana@example.com'],
  name: 'Dana',
  ownerId: '7',
  createdAt: 1_700_000_000_000,
  lifecycleStage: 'lead',
  stageDates: { lead: 1_700_000_000_000 },
  source: 'organic_search',
  sourceTag: 'webinar',
  updatedAt: 1_700_000_100_000,
  archived: false,
};
/** The schema's latest version: one place to move when a version is added. */
const CURRENT_VERSION = 9;

const touch = { id: '30', kind: 'email', direction: 'out', at: 1_700_000_050_000, leadIds: ['101'], automated: false };

describe('Dexie upgrade', () => {
  it('keeps what version 1 wrote and builds version 2 from it (opening at the current version)', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('leads').put(lead);
    await v1.table('touches').put(touch);
    await v1.table('meta').put({ key: 'sync.fullDone', value: true });
    v1.close();

    const db = new LeadLensDb(name);
    await db.open();
    // A version 1 database goes through the version 2 upgrade and on to the current version.
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.leads.get('101')).toMatchObject({ email: 'dana@example.com', effectiveSource: 'webinar' });
    expect(await db.leads.where('effectiveSource').equals('webinar').count()).toBe(1);
    expect(await db.leads.where('emails').equals('dana@example.com').count()).toBe(1);
    expect(await db.touches.where('leadIds').equals('101').count()).toBe(1);
    expect((await db.meta.get('sync.fullDone'))?.value).toBe(true);
    const snapshot = await readSnapshot(db);
    expect(snapshot.leads).toHaveLength(1);
    expect(snapshot.leads[0]).toMatchObject({
      id: '101',
      sourceTag: 'webinar',
      stageDates: { lead: 1_700_000_000_000 },
    });
    expect(snapshot.touches).toEqual([touch]);
    await deleteDatabase(db);
  });

  it('opens what version 2 wrote at the current version, leads untouched, lead chunks rewritten from them, an empty outbox', async () => {
    const name = `upgrade-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    const v2Lead = { ...lead, effectiveSource: 'webinar' };
    await v2.table('leads').put(v2Lead);
    // A chunk at seq 7, as a version 2 database that has synced a while holds: a rebuild would renumber it from 1.
    await v2.table('analytics').put(encodeChunk('leads', 7, [{ ...lead, source: 'organic_search' as const }]));
    await v2.table('meta').put({ key: 'analytics.seq', value: 7 });
    v2.close();

    const db = new LeadLensDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.leads.get('101')).toEqual(v2Lead);
    expect(await db.leads.where('emails').equals('dana@example.com').count()).toBe(1);
    expect(await db.leads.where('effectiveSource').equals('webinar').count()).toBe(1);
    // Version 3 only adds the outbox; version 4 rewrites the lead chunks from the rows, numbered after the log's.
    expect((await db.analytics.toArray()).map((chunk) => [chunk.table, chunk.seq])).toEqual([['leads', 8]]);
    expect((await readSnapshot(db)).leads).toEqual([expect.objectContaining({ id: '101', sourceTag: 'webinar' })]);
    expect(await db.outbox.count()).toBe(0);
    // The outbox's indexes exist (a query on a missing index throws).
    expect(await db.outbox.where('state').equals('pending').count()).toBe(0);
    expect(await db.outbox.orderBy('seq').count()).toBe(0);
    await deleteDatabase(db);
  });

  it('gives version 3 lead chunks every address of their leads (version 4); an imported snapshot keeps its chunks', async () => {
    const synced = `upgrade-${Math.random()}`;
    const v3 = new Dexie(synced);
    v3.version(3).stores(SCHEMA_V3);
    const cached = { ...lead, emails: ['dana@example.com', 'd@example.org'], effectiveSource: 'webinar' };
    await v3.table('leads').put(cached);
    // Written by version 3: the lead's chunk has its primary address only.
    const { emails: _emails, effectiveSource: _source, ...row } = { ...cached, source: 'organic_search' as const };
    await v3.table('analytics').bulkPut([encodeChunk('leads', 3, [row]), encodeChunk('touches', 4, [touch as never])]);
    await v3.table('meta').put({ key: 'analytics.seq', value: 4 });
    v3.close();
    const db = new LeadLensDb(synced);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const chunks = await db.analytics.toArray();
    expect(chunks.map((chunk) => [chunk.table, chunk.seq])).toEqual([
      ['leads', 5],
      ['touches', 4],
    ]);
    expect(decodeRow(chunks[0] as AnalyticsChunk, 0)).toMatchObject({
      id: '101',
      emails: ['dana@example.com', 'd@example.org'],
    });
    // The model's rows are as before: the addresses are a look-up column, not a field of snapshots.
    expect((await readSnapshot(db)).leads[0]).not.toHaveProperty('emails');
    expect((await db.meta.get('analytics.seq'))?.value).toBe(6);
    await deleteDatabase(db);

    const imported = `upgrade-${Math.random()}`;
    const v3Import = new Dexie(imported);
    v3Import.version(3).stores(SCHEMA_V3);
    await v3Import.table('analytics').put(encodeChunk('leads', 1, [row]));
    v3Import.close();
    const importDb = new LeadLensDb(imported);
    await importDb.open();
    expect((await importDb.analytics.toArray()).map((chunk) => [chunk.table, chunk.seq])).toEqual([['leads', 1]]);
    await deleteDatabase(importDb);
  });

  it('marks a synced version 5 cache as holding version-1 data, its rows and chunks read as before', async () => {
    const name = `upgrade-${Math.random()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores(SCHEMA_V5);
    const deal = {
      id: '9',
      amount: 5,
      pipelineId: 'p',
      stageId: 's',
      createdAt: 1,
      isClosed: false,
      isWon: false,
      leadIds: ['101'],
    };
    await v5.table('leads').put({ ...lead, effectiveSource: 'webinar' });
    await v5.table('deals').put(deal);
    const { emails: _emails, ...row } = { ...lead, source: 'organic_search' as const };
    await v5.table('analytics').bulkPut([encodeChunk('leads', 1, [row]), encodeChunk('deals', 2, [deal])]);
    await v5.table('meta').bulkPut([
      { key: 'sync.fullDone', value: true },
      { key: 'analytics.seq', value: 2 },
    ]);
    v5.close();
    const db = new LeadLensDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect((await db.meta.get(DATA_VERSION_KEY))?.value).toBe(1);
    const snapshot = await readSnapshot(db);
    expect(snapshot.leads[0]).toMatchObject({ id: '101', ownerId: '7' });
    expect(snapshot.leads[0]?.ownerAssignedAt).toBeUndefined();
    expect(snapshot.deals).toEqual([deal]);
    await deleteDatabase(db);

    // A cache that never finished a sync has nothing to read again: its first full sync reads everything.
    const fresh = `upgrade-${Math.random()}`;
    const unsynced = new Dexie(fresh);
    unsynced.version(5).stores(SCHEMA_V5);
    await unsynced.table('meta').put({ key: 'analytics.seq', value: 0 });
    unsynced.close();
    const freshDb = new LeadLensDb(fresh);
    await freshDb.open();
    expect(await freshDb.meta.get(DATA_VERSION_KEY)).toBeUndefined();
    await deleteDatabase(freshDb);
  });

  it('opens a version 6 cache at version 7 with an empty table of imported feedback, its rows as they were', async () => {
    const name = `upgrade-${Math.random()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores(SCHEMA_V5);
    await v6.table('leads').put({ ...lead, effectiveSource: 'webinar' });
    await v6.table('feedback').put({ id: '9001', leadId: '101', at: 1_700_000_060_000, kind: 'nps', score: 9 });
    v6.close();
    const db = new LeadLensDb(name);
    await db.open();
    expect(await db.importedFeedback.count()).toBe(0);
    expect(await db.feedback.get('9001')).toMatchObject({ leadId: '101', score: 9 });
    expect((await db.leads.get('101'))?.email).toBe('dana@example.com');
    await deleteDatabase(db);
  });
});
