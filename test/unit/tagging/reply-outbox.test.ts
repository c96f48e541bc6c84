import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { discard, enqueueEmailReply, enqueueTag, unappliedTagsByContact } from '../../../lib/db/outbox';
import { sendable } from '../../../lib/tagging/outbox-plan';

// A logged reply in the outbox (issue #20): queued in its contact's order like any write, but no tag. A reply row
// carries an empty `tag.source`; read as a tag it would blank the lead's source in the cache.

const NOW = Date.parse('2026-12-02T12:00:00Z');
const SUBJECT = 'Reply sent from the mailbox (logged by LeadLens)';

function lead(id: string, email: string, patch: Partial<LeadRecord> = {}): LeadRecord {
  return {
    id,
    email,
    emails: [email],
    name: `Lead ${id}`,
    createdAt: NOW - 3_600_000,
    lifecycleStage: 'lead',
    stageDates: {},
    source: 'organic_search',
    effectiveSource: 'organic_search',
    updatedAt: NOW - 3_600_000,
    archived: false,
    ...patch,
  };
}

let db: LeadLensDb;
beforeEach(() => {
  db = new LeadLensDb(`t-${Math.random()}`);
});
afterEach(async () => {
  await deleteDatabase(db);
});

describe('enqueueEmailReply', () => {
  it('queues behind the contact’s earlier tag and is never read as a tag', async () => {
    await db.leads.put(lead('7', 'noa@example.com'));
    const tagged = await enqueueTag(db, { email: 'noa@example.com', source: 'trade_show', taggedAt: NOW }, NOW);
    const reply = await enqueueEmailReply(db, '7', { sentAt: NOW - 60_000, subject: SUBJECT, ownerId: '42' }, NOW);
    if (!reply) throw new Error('expected a queued reply');
    expect(reply).toMatchObject({
      write: 'emailReply',
      contactId: '7',
      contactKey: 'id:7',
      seq: tagged.seq + 1,
      reply: { sentAt: NOW - 60_000, subject: SUBJECT, ownerId: '42' },
    });
    // One contact, one queue: the reply waits for the tag.
    const rows = await db.outbox.toArray();
    expect(sendable(rows, { now: NOW, concurrency: 4 }).map((row) => row.id)).toEqual([tagged.id]);
    // The newest unapplied tag of the contact is still the tag, not the reply's empty source.
    expect((await unappliedTagsByContact(db)).get('7')?.source).toBe('trade_show');
    // Discarding the reply leaves the lead's shown tag as it was.
    await discard(db, reply.id);
    expect((await db.leads.get('7'))?.effectiveSource).toBe('trade_show');
  });

  it('refuses a contact the cache does not hold', async () => {
    expect(await enqueueEmailReply(db, 'missing', { sentAt: NOW, subject: SUBJECT }, NOW)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });
});
