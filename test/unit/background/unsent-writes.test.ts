import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unsentWrites } from '../../../lib/background/outbox-service';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { enqueueTag, markApplied, markConflict } from '../../../lib/db/outbox';

let db: LeadLensDb;
beforeEach(() => {
  db = new LeadLensDb(`unsent-${Math.random()}`);
});
afterEach(() => deleteDatabase(db));

describe('the disconnect warning', () => {
  it('lists every write not yet in HubSpot, oldest first, and leaves out the applied ones', async () => {
    const sent = await enqueueTag(db, { email: 'a@example.com', source: 'webinar', taggedAt: 1 }, 1);
    await enqueueTag(db, { email: 'b@example.com', source: 'fair', campaign: 'q4', taggedAt: 2 }, 2);
    const stuck = await enqueueTag(db, { email: 'c@example.com', source: 'ads', taggedAt: 3 }, 3);
    await markApplied(db, sent.id, 4);
    await markConflict(db, stuck.id, 'missingScope', 'crm.objects.contacts.write');
    expect(await unsentWrites(db)).toEqual([
      { email: 'b@example.com', source: 'fair', campaign: 'q4', state: 'pending' },
      { email: 'c@example.com', source: 'ads', state: 'conflict' },
    ]);
  });

  it('has nothing to say when the outbox is empty', async () => {
    expect(await unsentWrites(db)).toEqual([]);
  });
});
