import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../../lib/db/analytics';
import { deleteDatabase, LeadLensDb, SCHEMA_V1 } from '../../../lib/db/db';

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
const touch = { id: '30', kind: 'email', direction: 'out', at: 1_700_000_050_000, leadIds: ['101'], automated: false };

describe('Dexie upgrade', () => {
  it('keeps what version 1 wrote and builds version 2 from it', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('leads').put(lead);
    await v1.table('touches').put(touch);
    await v1.table('meta').put({ key: 'sync.fullDone', value: true });
    v1.close();

    const db = new LeadLensDb(name);
    await db.open();
    expect(db.verno).toBe(2);
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
});
