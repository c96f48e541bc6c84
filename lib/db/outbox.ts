import type { LeadRecord } from '../crm/adapter';
import { appendChunk } from './analytics';
import type { LeadLensDb } from './db';
import type { ConflictReason, OutboxRow, TagValues } from '../model/tags';

// The outbox in IndexedDB. A tag is stored before anything is sent, so it survives the worker's death, a browser
// restart and being offline; every state change is one small write, so a stopped worker leaves each tag in a state
// it can resume from ('sending' is turned back into 'pending' at start-up: resending the same values is harmless).

const SEQ_KEY = 'outbox.seq';

/** Tags not yet applied, newest last: the values a contact will have once the outbox drains. */
export const UNAPPLIED = ['pending', 'sending', 'conflict'] as const;

/**
 * The key that orders a contact's writes: its id once known, so a tag made on a lead's second address, another on its
 * first and a "Not a lead" status all queue behind each other; the address only while no contact is known.
 */
export function contactKeyOf(email: string, contactId?: string): string {
  return contactId ? `id:${contactId}` : email;
}

/** Call inside a transaction over the outbox: rows still keyed by one of the contact's addresses join its queue. */
async function joinContactQueue(db: LeadLensDb, emails: readonly string[], contactId: string): Promise<void> {
  const key = contactKeyOf('', contactId);
  if (emails.length === 0) return;
  await db.outbox
    .where('contactKey')
    .anyOf([...emails])
    .modify((row) => {
      if (row.state !== 'applied') row.contactKey = key;
    });
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** The next place in the outbox's order; call inside a transaction that holds `meta`. */
async function nextSeq(db: LeadLensDb): Promise<number> {
  const last = (await db.meta.get(SEQ_KEY))?.value;
  const seq = typeof last === 'number' ? last + 1 : 1;
  await db.meta.put({ key: SEQ_KEY, value: seq });
  return seq;
}

/**
 * A write about one cached lead (not a tag), queued behind the contact's other writes. Call inside a transaction that
 * holds `outbox` and `meta`.
 */
async function queueLeadWrite(
  db: LeadLensDb,
  lead: LeadRecord,
  write: Pick<OutboxRow, 'write' | 'leadStatus' | 'reply'>,
  now: number,
): Promise<OutboxRow> {
  const row: OutboxRow = {
    id: newId(),
    contactKey: contactKeyOf(lead.email, lead.id),
    seq: await nextSeq(db),
    state: 'pending',
    attempts: 0,
    notBefore: 0,
    ...write,
    tag: { email: lead.email, source: '', taggedAt: now },
    contactId: lead.id,
    createdAt: now,
  };
  await joinContactQueue(db, lead.emails ?? [lead.email], lead.id);
  await db.outbox.add(row);
  return row;
}

/** Puts a new tag in the outbox and shows it at once on the cached lead (badges and the ROI panel read that). */
export async function enqueueTag(db: LeadLensDb, tag: TagValues, now: number): Promise<OutboxRow> {
  return db.transaction('rw', [db.outbox, db.meta, db.leads, db.analytics], async () => {
    const seq = await nextSeq(db);
    const lead = await db.leads.where('emails').equals(tag.email).first();
    const row: OutboxRow = {
      id: newId(),
      contactKey: contactKeyOf(tag.email, lead?.id),
      seq,
      state: 'pending',
      attempts: 0,
      notBefore: 0,
      tag,
      createdAt: now,
      ...(lead ? { contactId: lead.id, previous: tagFieldsOf(lead) } : {}),
    };
    if (lead) await joinContactQueue(db, lead.emails ?? [lead.email], lead.id);
    await db.outbox.add(row);
    if (lead) await showTagOn(db, lead, tag);
    return row;
  });
}

/**
 * A rep's "Not a lead" with a lead status to set: queued behind the contact's tags like any write, and shown on the
 * cached lead at once.
 */
export async function enqueueLeadStatus(db: LeadLensDb, contactId: string, status: string, now: number) {
  return db.transaction('rw', [db.outbox, db.meta, db.leads, db.analytics], async () => {
    const lead = await db.leads.get(contactId);
    if (!lead) return undefined;
    const row = await queueLeadWrite(db, lead, { write: 'leadStatus', leadStatus: status }, now);
    const updated = { ...lead, leadStatus: status };
    await db.leads.put(updated);
    await appendChunk(db, 'leads', [updated]);
    return row;
  });
}

/**
 * A rep's "Log this reply": the reply goes into the contact's queue like any write, so it survives being offline, a
 * stopped worker or an expired token. Nothing is shown on the cached lead: the timer stops when the sync reads the
 * e-mail back from HubSpot, as it would for a reply logged there. Undefined when the lead is not cached.
 */
export async function enqueueEmailReply(
  db: LeadLensDb,
  contactId: string,
  reply: NonNullable<OutboxRow['reply']>,
  now: number,
) {
  return db.transaction('rw', [db.outbox, db.meta, db.leads], async () => {
    const lead = await db.leads.get(contactId);
    if (!lead) return undefined;
    return queueLeadWrite(db, lead, { write: 'emailReply', reply }, now);
  });
}

/** The lead as it reads with this tag; METRICS.md: the tag wins over the CRM's source. */
export function taggedLead(lead: LeadRecord, tag: Pick<TagValues, 'source' | 'campaign' | 'url' | 'taggedAt'>) {
  const { campaign: _campaign, taggedUrl: _url, ...rest } = lead;
  return {
    ...rest,
    sourceTag: tag.source,
    effectiveSource: tag.source,
    ...(tag.campaign ? { campaign: tag.campaign } : {}),
    ...(tag.url ? { taggedUrl: tag.url } : {}),
    taggedAt: tag.taggedAt,
  } satisfies LeadRecord;
}

function tagFieldsOf(lead: LeadRecord): NonNullable<OutboxRow['previous']> {
  return {
    ...(lead.sourceTag !== undefined ? { sourceTag: lead.sourceTag } : {}),
    ...(lead.campaign !== undefined ? { campaign: lead.campaign } : {}),
    ...(lead.taggedUrl !== undefined ? { taggedUrl: lead.taggedUrl } : {}),
    ...(lead.taggedAt !== undefined ? { taggedAt: lead.taggedAt } : {}),
  };
}

/** Call inside a transaction over leads and analytics. */
async function showTagOn(db: LeadLensDb, lead: LeadRecord, tag: TagValues): Promise<void> {
  const updated = taggedLead(lead, tag);
  await db.leads.put(updated);
  await appendChunk(db, 'leads', [updated]);
}

/**
 * The newest unapplied tag per contact id, for the sync: a contact re-read from the CRM before its tag has reached it
 * keeps showing the tag instead of flickering back to the old source.
 */
export async function unappliedTagsByContact(db: LeadLensDb): Promise<Map<string, TagValues>> {
  const rows = await db.outbox.where('state').anyOf(UNAPPLIED).toArray();
  rows.sort((a, b) => a.seq - b.seq);
  const byContact = new Map<string, TagValues>();
  // Only source tags: a lead status or a logged reply carries no tag values (`tag.source` is empty).
  for (const row of rows) if (row.contactId && (row.write ?? 'tag') === 'tag') byContact.set(row.contactId, row.tag);
  return byContact;
}

export async function outboxRows(db: LeadLensDb): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').toArray();
}

/** After a worker start: a tag that was being sent when the worker died is sent again (same id, same values). */
export async function resumeInterrupted(db: LeadLensDb): Promise<number> {
  return db.outbox.where('state').equals('sending').modify({ state: 'pending' });
}

export async function markSending(db: LeadLensDb, id: string): Promise<void> {
  await db.outbox.update(id, { state: 'sending' });
}

export async function markContact(db: LeadLensDb, id: string, contactId: string): Promise<void> {
  await db.transaction('rw', [db.outbox, db.leads, db.analytics, db.meta], async () => {
    const row = await db.outbox.get(id);
    if (!row) return;
    // A contact created by the tagger is not in the cache until the next sync; one found by look-up may be.
    const lead = await db.leads.get(contactId);
    await db.outbox.update(id, { contactId, ...(lead && !row.previous ? { previous: tagFieldsOf(lead) } : {}) });
    // From now on this address's waiting tags are this contact's: one queue, in the order they were made.
    await joinContactQueue(db, [row.tag.email, ...(lead?.emails ?? [])], contactId);
    if (lead) await showTagOn(db, lead, row.tag);
  });
}

export async function markApplied(db: LeadLensDb, id: string, now: number): Promise<void> {
  await db.outbox
    .where('id')
    .equals(id)
    .modify((row) => {
      row.state = 'applied';
      row.appliedAt = now;
      delete row.lastError;
      delete row.conflict;
    });
}

export async function markRetry(db: LeadLensDb, id: string, notBefore: number, error: string): Promise<void> {
  await db.outbox
    .where('id')
    .equals(id)
    .modify((row) => {
      row.state = 'pending';
      row.attempts += 1;
      row.notBefore = notBefore;
      row.lastError = error.slice(0, 300);
    });
}

export async function markConflict(db: LeadLensDb, id: string, reason: ConflictReason, detail: string): Promise<void> {
  await db.outbox
    .where('id')
    .equals(id)
    .modify((row) => {
      row.state = 'conflict';
      row.attempts += 1;
      row.conflict = { reason, detail: detail.slice(0, 300) };
    });
}

/** The user's "Retry" on a conflict, or "Retry now" on a waiting tag. */
export async function retryNow(db: LeadLensDb, id: string): Promise<void> {
  await db.outbox
    .where('id')
    .equals(id)
    .modify((row) => {
      if (row.state === 'applied') return;
      row.state = 'pending';
      row.notBefore = 0;
      delete row.conflict;
    });
}

/** Pulls every waiting retry forward: the CRM answered again (a sync succeeded), so backing off no longer helps. */
export async function retryWaitingNow(db: LeadLensDb): Promise<number> {
  return db.outbox
    .where('state')
    .equals('pending')
    .modify((row) => {
      row.notBefore = 0;
    });
}

/**
 * The user's explicit "Discard" of a tag that cannot be applied; nothing is ever dropped without it. The cached lead
 * then shows the newest tag still waiting for it, or what it showed before the discarded tag.
 */
export async function discard(db: LeadLensDb, id: string): Promise<void> {
  await db.transaction('rw', [db.outbox, db.leads, db.analytics, db.meta], async () => {
    const row = await db.outbox.get(id);
    await db.outbox.delete(id);
    if (!row?.contactId || row.state === 'applied') return;
    const lead = await db.leads.get(row.contactId);
    if (!lead) return;
    if ((row.write ?? 'tag') !== 'tag') return;
    const waiting = (await db.outbox.where('contactKey').equals(row.contactKey).toArray())
      .filter((other) => other.state !== 'applied' && (other.write ?? 'tag') === 'tag')
      .sort((a, b) => b.seq - a.seq)[0];
    if (waiting) {
      await showTagOn(db, lead, waiting.tag);
      return;
    }
    const { sourceTag: _tag, campaign: _campaign, taggedUrl: _url, taggedAt: _at, ...rest } = lead;
    const before = row.previous ?? {};
    const restored: LeadRecord = { ...rest, ...before, effectiveSource: before.sourceTag ?? lead.source };
    await db.leads.put(restored);
    await appendChunk(db, 'leads', [restored]);
  });
}
