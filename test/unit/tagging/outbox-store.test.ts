import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { readSnapshot } from '../../../lib/db/analytics';
import { type Checkpoint, deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { writePage } from '../../../lib/db/store';
import type { TagValues } from '../../../lib/model/tags';
import { sendable } from '../../../lib/tagging/outbox-plan';
import {
  discard,
  enqueueLeadStatus,
  enqueueTag,
  markContact,
  markApplied,
  markConflict,
  markRetry,
  markSending,
  outboxRows,
  resumeInterrupted,
  retryNow,
  unappliedTagsByContact,
} from '../../../lib/db/outbox';

// The outbox in a real (fake-indexeddb) Dexie database: what each state change writes, and how the cache shows a
// tag before the CRM has it.

const NOW = Date.parse('2026-11-22T12:00:00Z');
const HOUR = 3_600_000;

const checkpoint: Checkpoint = {
  key: 'full:contacts',
  job: 'full',
  type: 'contacts',
  done: false,
  pages: 1,
  records: 0,
};

function crmLead(id: string, email: string, patch: Partial<LeadRecord> = {}): LeadRecord {
  return {
    id,
    email,
    emails: [email],
    name: `Lead ${id}`,
    createdAt: NOW - 48 * HOUR,
    lifecycleStage: 'lead',
    stageDates: {},
    source: 'organic_search',
    effectiveSource: 'organic_search',
    updatedAt: NOW - 24 * HOUR,
    archived: false,
    ...patch,
  };
}

/** A contacts page as the sync writes it: a list page (`withAssociations`), each record stamped `modifiedAt`. */
async function syncContacts(db: LeadLensDb, records: LeadRecord[], modifiedAt: number): Promise<void> {
  await writePage(db, {
    type: 'contacts',
    records,
    invalid: [],
    modifiedAt: new Map(records.map((record) => [record.id, modifiedAt])),
    withAssociations: true,
    checkpoint,
    now: modifiedAt,
  });
}

function tag(email: string, patch: Partial<TagValues> = {}): TagValues {
  return { email, source: 'partner_webinar', taggedAt: NOW, ...patch };
}

let db: LeadLensDb;
beforeEach(() => {
  db = new LeadLensDb(`t-${Math.random()}`);
});
afterEach(async () => {
  await deleteDatabase(db);
});

describe('enqueueTag', () => {
  it('gives each tag the next sequence number, keyed by its address, pending and untried', async () => {
    const first = await enqueueTag(db, tag('a@example.com'), NOW);
    const second = await enqueueTag(db, tag('b@example.com'), NOW + 1);
    const third = await enqueueTag(db, tag('a@example.com', { source: 'trade_show' }), NOW + 2);
    // A fresh database starts the sequence at 1 and each enqueue adds one.
    expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);
    expect(first).toMatchObject({ contactKey: 'a@example.com', state: 'pending', attempts: 0, notBefore: 0 });
    expect(first.createdAt).toBe(NOW);
    // No lead is cached for these addresses, so no contact id is known yet.
    expect(first.contactId).toBeUndefined();
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    expect((await outboxRows(db)).map((row) => row.id)).toEqual([first.id, second.id, third.id]);
  });

  it('finds the cached lead by any of its addresses and shows the tag on it and in the analytics store at once', async () => {
    await syncContacts(
      db,
      [crmLead('101', 'dana@example.com', { emails: ['dana@example.com', 'dana.levi@partner.io'] })],
      NOW - HOUR,
    );
    // The tag uses the lead's second address: the `emails` multi-entry index must still find lead 101.
    const row = await enqueueTag(
      db,
      tag('dana.levi@partner.io', { campaign: 'q4-launch', url: 'https://www.example-partner.com/webinar' }),
      NOW,
    );
    expect(row.contactId).toBe('101');
    // Ordered per contact, not per address: a tag on the first address queues behind this one.
    expect(row.contactKey).toBe('id:101');

    const expected = {
      sourceTag: 'partner_webinar',
      // METRICS.md: the tag wins over the CRM's source.
      effectiveSource: 'partner_webinar',
      campaign: 'q4-launch',
      taggedUrl: 'https://www.example-partner.com/webinar',
      taggedAt: NOW,
      // The CRM's own source is kept beside the tag.
      source: 'organic_search',
    };
    expect(await db.leads.get('101')).toMatchObject(expected);
    expect(await db.leads.where('effectiveSource').equals('partner_webinar').count()).toBe(1);

    const snapshot = await readSnapshot(db);
    // One lead: the tag's chunk supersedes the sync's version of row 101 rather than adding a second row.
    expect(snapshot.leads).toHaveLength(1);
    expect(snapshot.leads[0]).toMatchObject({ id: '101', sourceTag: 'partner_webinar', campaign: 'q4-launch' });
  });

  it('a tag without a campaign clears the campaign the lead had', async () => {
    await syncContacts(db, [crmLead('102', 'omer@example.com', { campaign: 'spring-sale' })], NOW - HOUR);
    await enqueueTag(db, tag('omer@example.com', { source: 'referral_partner' }), NOW);
    const cached = await db.leads.get('102');
    expect(cached).toMatchObject({ sourceTag: 'referral_partner', effectiveSource: 'referral_partner' });
    // A contact ends with exactly its latest tag's values, so the old campaign must not survive.
    expect(cached?.campaign).toBeUndefined();
    expect(cached?.taggedUrl).toBeUndefined();
    expect((await readSnapshot(db)).leads[0]?.campaign).toBeUndefined();
  });
});

describe('state changes', () => {
  it('resumeInterrupted turns only sending tags back into pending', async () => {
    const sending = await enqueueTag(db, tag('a@example.com'), NOW);
    const pending = await enqueueTag(db, tag('b@example.com'), NOW);
    const applied = await enqueueTag(db, tag('c@example.com'), NOW);
    await markSending(db, sending.id);
    await markSending(db, applied.id);
    await markApplied(db, applied.id, NOW + 1);
    expect((await db.outbox.get(sending.id))?.state).toBe('sending');

    // Exactly one row was 'sending'.
    expect(await resumeInterrupted(db)).toBe(1);
    expect((await db.outbox.get(sending.id))?.state).toBe('pending');
    expect((await db.outbox.get(pending.id))?.state).toBe('pending');
    expect((await db.outbox.get(applied.id))?.state).toBe('applied');
  });

  it('markRetry counts the attempt and records when to try again and why', async () => {
    const row = await enqueueTag(db, tag('a@example.com'), NOW);
    await markSending(db, row.id);
    await markRetry(db, row.id, NOW + 2_000, 'HubSpot did not answer');
    expect(await db.outbox.get(row.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      notBefore: NOW + 2_000,
      lastError: 'HubSpot did not answer',
    });
    // A second failure adds to the count; an error text is capped at 300 characters.
    await markRetry(db, row.id, NOW + 6_000, 'x'.repeat(400));
    const again = await db.outbox.get(row.id);
    expect(again).toMatchObject({ attempts: 2, notBefore: NOW + 6_000 });
    expect(again?.lastError).toHaveLength(300);
  });

  it('markConflict stops the tag with a reason, and retryNow makes it pending again without the conflict', async () => {
    const row = await enqueueTag(db, tag('nobody@example.com'), NOW);
    await markRetry(db, row.id, NOW + 60_000, 'timeout');
    await markConflict(db, row.id, 'contactNotFound', 'nobody@example.com');
    expect(await db.outbox.get(row.id)).toMatchObject({
      state: 'conflict',
      // One retry before plus this attempt.
      attempts: 2,
      conflict: { reason: 'contactNotFound', detail: 'nobody@example.com' },
    });

    await retryNow(db, row.id);
    const retried = await db.outbox.get(row.id);
    expect(retried).toMatchObject({ state: 'pending', notBefore: 0, attempts: 2 });
    expect(retried?.conflict).toBeUndefined();
  });

  it('retryNow leaves an applied tag applied', async () => {
    const row = await enqueueTag(db, tag('a@example.com'), NOW);
    await markApplied(db, row.id, NOW + 5);
    await retryNow(db, row.id);
    expect(await db.outbox.get(row.id)).toMatchObject({ state: 'applied', appliedAt: NOW + 5 });
  });

  it('discard deletes the tag and nothing else', async () => {
    const kept = await enqueueTag(db, tag('a@example.com'), NOW);
    const dropped = await enqueueTag(db, tag('b@example.com'), NOW);
    await discard(db, dropped.id);
    expect(await db.outbox.get(dropped.id)).toBeUndefined();
    expect((await outboxRows(db)).map((row) => row.id)).toEqual([kept.id]);
  });
});

describe('markContact', () => {
  it('shows the tag on a contact the cache learnt of after the tag was made', async () => {
    const row = await enqueueTag(db, tag('late@example.com', { source: 'late-tag' }), NOW);
    expect(row.contactId).toBeUndefined();
    await syncContacts(db, [crmLead('9', 'late@example.com')], NOW + 1);
    await markContact(db, row.id, '9');
    expect(await db.outbox.get(row.id)).toMatchObject({ contactId: '9', previous: {} });
    expect(await db.leads.get('9')).toMatchObject({ sourceTag: 'late-tag', effectiveSource: 'late-tag' });
  });
});

describe('outbox order per contact, not per address', () => {
  it('queues every write of one contact behind the others, whichever of its addresses it came by', async () => {
    // A tag made before the contact was known is keyed by its address.
    const early = await enqueueTag(db, tag('second@example.com', { source: 'early' }), NOW);
    expect(early.contactKey).toBe('second@example.com');
    await syncContacts(
      db,
      [crmLead('55', 'first@example.com', { emails: ['first@example.com', 'second@example.com'] })],
      NOW + 1,
    );
    const byFirst = await enqueueTag(db, tag('first@example.com', { source: 'later' }), NOW + 2);
    const status = await enqueueLeadStatus(db, '55', 'UNQUALIFIED', NOW + 3);
    const rows = await outboxRows(db);
    expect(new Set(rows.map((row) => row.contactKey))).toEqual(new Set(['id:55']));
    // One at a time, oldest first: the plan sends only the first tag now.
    expect(sendable(rows, { now: NOW + 4, concurrency: 4 }).map((row) => row.id)).toEqual([early.id]);
    expect(byFirst.seq).toBeLessThan(status?.seq ?? 0);
  });

  it('joins an address-keyed tag to its contact once the contact is known', async () => {
    const row = await enqueueTag(db, tag('new@example.com'), NOW);
    await markContact(db, row.id, '77');
    expect((await db.outbox.get(row.id))?.contactKey).toBe('id:77');
  });
});

describe('discard on the cached lead', () => {
  it('shows the newest tag still waiting, else what the lead showed before the discarded tag', async () => {
    // The CRM has tag "crm-tag" on the contact; two tags are queued on top, then both discarded, newest first.
    await syncContacts(
      db,
      [crmLead('1', 'a@example.com', { sourceTag: 'crm-tag', effectiveSource: 'crm-tag' })],
      NOW - HOUR,
    );
    const first = await enqueueTag(db, tag('a@example.com', { source: 'first', campaign: 'c1' }), NOW);
    const second = await enqueueTag(db, tag('a@example.com', { source: 'second' }), NOW + 1);
    expect(await db.leads.get('1')).toMatchObject({ effectiveSource: 'second' });
    await markConflict(db, second.id, 'invalidValue', 'bad option');
    await discard(db, second.id);
    // "first" still waits, so it is what the lead shows.
    expect(await db.leads.get('1')).toMatchObject({ effectiveSource: 'first', campaign: 'c1' });
    await discard(db, first.id);
    // Nothing waits: back to the CRM's own tag, in the row table and in the analytics store alike.
    const restored = await db.leads.get('1');
    expect(restored).toMatchObject({ sourceTag: 'crm-tag', effectiveSource: 'crm-tag' });
    expect(restored?.campaign).toBeUndefined();
    const snapshot = await readSnapshot(db);
    expect(snapshot.leads.find((lead) => lead.id === '1')?.sourceTag).toBe('crm-tag');
  });
});

describe('unappliedTagsByContact', () => {
  it('gives the newest unapplied tag of each known contact', async () => {
    await syncContacts(db, [crmLead('1', 'a@example.com'), crmLead('2', 'b@example.com')], NOW - HOUR);
    await enqueueTag(db, tag('a@example.com', { source: 'first' }), NOW);
    const newestOfA = await enqueueTag(db, tag('a@example.com', { source: 'second' }), NOW + 1);
    const appliedOfB = await enqueueTag(db, tag('b@example.com', { source: 'applied-one' }), NOW + 2);
    const conflictOfB = await enqueueTag(db, tag('b@example.com', { source: 'stuck-one' }), NOW + 3);
    await markApplied(db, appliedOfB.id, NOW + 4);
    await markConflict(db, conflictOfB.id, 'invalidValue', 'bad option');
    // No cached contact for this address: it has no contact id, so it cannot be in the map.
    await enqueueTag(db, tag('new@example.com', { source: 'orphan' }), NOW + 5);

    const byContact = await unappliedTagsByContact(db);
    // Contact 1: 'second' has the higher seq. Contact 2: the applied tag is ignored, the conflict still counts.
    expect([...byContact.keys()].sort()).toEqual(['1', '2']);
    expect(byContact.get('1')).toEqual(newestOfA.tag);
    expect(byContact.get('2')?.source).toBe('stuck-one');
  });
});

describe('writePage of contacts with tags in the outbox', () => {
  it('keeps an unapplied tag on a contact re-read from the CRM, and takes the CRM value once it is applied', async () => {
    await syncContacts(db, [crmLead('7', 'lea@example.com', { campaign: 'old' })], NOW - HOUR);
    const row = await enqueueTag(db, tag('lea@example.com', { campaign: 'q4-launch' }), NOW);

    // The CRM has not been written yet: its record still says organic_search with the old campaign.
    const reread = crmLead('7', 'lea@example.com', { campaign: 'old', name: 'Lea Cohen' });
    await syncContacts(db, [reread], NOW + HOUR);
    const meanwhile = await db.leads.get('7');
    expect(meanwhile).toMatchObject({
      // The CRM's other changes are taken…
      name: 'Lea Cohen',
      source: 'organic_search',
      modifiedAt: NOW + HOUR,
      // …but the tag is still shown, not the stale source.
      sourceTag: 'partner_webinar',
      effectiveSource: 'partner_webinar',
      campaign: 'q4-launch',
    });
    expect((await readSnapshot(db)).leads[0]).toMatchObject({ sourceTag: 'partner_webinar', campaign: 'q4-launch' });

    await markApplied(db, row.id, NOW + 2 * HOUR);
    // Now the CRM is the truth; here a marketer changed the source in HubSpot after the tag landed.
    const afterApplied = crmLead('7', 'lea@example.com', {
      sourceTag: 'trade_show',
      effectiveSource: 'trade_show',
      campaign: 'booth-12',
    });
    await syncContacts(db, [afterApplied], NOW + 3 * HOUR);
    expect(await db.leads.get('7')).toMatchObject({
      sourceTag: 'trade_show',
      effectiveSource: 'trade_show',
      campaign: 'booth-12',
    });
    expect((await readSnapshot(db)).leads[0]).toMatchObject({ sourceTag: 'trade_show', campaign: 'booth-12' });
  });
});
