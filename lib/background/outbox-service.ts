import { browser } from 'wxt/browser';
import { CrmRejectedError, type CrmReplyLogger, type CrmTagWriter } from '../crm/adapter';
import { CrmAuthError, CrmScopeError } from '../crm/errors';
import { HubSpotReplyLogger } from '../crm/hubspot/reply-logger';
import { HubSpotTagWriter } from '../crm/hubspot/tag-writer';
import { database, type LeadLensDb } from '../db/db';
import type { OutboxRow } from '../model/tags';
import { nextWake, retryDelay, sendable } from '../tagging/outbox-plan';
import {
  markApplied,
  markConflict,
  markContact,
  markRetry,
  markSending,
  enqueueLeadStatus,
  outboxRows,
  resumeInterrupted,
  UNAPPLIED,
} from '../db/outbox';
import { adapterFor, storedConnection } from './connection';
import { loadTaggingSettings } from '../settings/tagging-settings';

// The background side of the outbox: sends what the plan allows (lib/tagging/outbox-plan.ts), one tag per contact at
// a time, and records each outcome. An alarm brings a stopped worker back for the next retry; within a running
// worker a timer does it sooner.

export const OUTBOX_ALARM = 'leadlens-outbox';
const CONCURRENCY = 4;
/** Chrome fires alarms no sooner than 30 s after they are set. */
const ALARM_FLOOR_MS = 30_000;

let draining: Promise<void> | undefined;
let again = false;
let wakeTimer: ReturnType<typeof setTimeout> | undefined;
let resumed = false;

/** Sends everything sendable now; concurrent calls join the running drain, which then looks once more. */
export function drainOutbox(): Promise<void> {
  if (draining) {
    again = true;
    return draining;
  }
  draining = (async () => {
    do {
      again = false;
      await drainOnce();
    } while (again);
  })().finally(() => {
    draining = undefined;
  });
  return draining;
}

async function drainOnce(): Promise<void> {
  const connection = await storedConnection();
  if (!connection) return;
  const db = database();
  if (!resumed) {
    resumed = true;
    await resumeInterrupted(db);
  }
  const { sourceProperty } = await loadTaggingSettings();
  const adapter = adapterFor(connection);
  const writer = new HubSpotTagWriter(adapter, sourceProperty);
  const replies = new HubSpotReplyLogger(adapter);
  // A long offline backlog must not be cut off by Chrome stopping an "idle" worker mid-request.
  const keepAlive = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
  try {
    for (;;) {
      const rows = await db.outbox.where('state').anyOf(UNAPPLIED).toArray();
      const ready = sendable(rows, { now: Date.now(), concurrency: CONCURRENCY });
      if (ready.length === 0) {
        schedule(nextWake(rows));
        return;
      }
      await Promise.all(ready.map((entry) => applyTag(db, writer, entry as OutboxRow, replies)));
    }
  } finally {
    clearInterval(keepAlive);
  }
}

function schedule(wake: number | null): void {
  if (wakeTimer !== undefined) clearTimeout(wakeTimer);
  wakeTimer = undefined;
  if (wake === null) {
    void browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  const delay = Math.max(0, wake - Date.now());
  wakeTimer = setTimeout(() => void drainOutbox(), delay);
  void browser.alarms.create(OUTBOX_ALARM, { when: Date.now() + Math.max(delay, ALARM_FLOOR_MS) });
}

/** One attempt at one tag: find or create the contact, write the tag, record the outcome. Never throws. */
export async function applyTag(
  db: LeadLensDb,
  writer: CrmTagWriter,
  row: OutboxRow,
  replies?: CrmReplyLogger,
): Promise<void> {
  await markSending(db, row.id);
  try {
    if (row.write === 'emailReply') {
      const logged = row.contactId && row.reply && replies ? await replies.logReply(row.contactId, row.reply) : false;
      if (logged) await markApplied(db, row.id, Date.now());
      else await markConflict(db, row.id, 'contactDeleted', row.tag.email || (row.contactId ?? ''));
      return;
    }
    if (row.write === 'leadStatus') {
      const written =
        row.contactId && row.leadStatus ? await writer.writeLeadStatus(row.contactId, row.leadStatus) : false;
      if (written) await markApplied(db, row.id, Date.now());
      else await markConflict(db, row.id, 'contactDeleted', row.tag.email || (row.contactId ?? ''));
      return;
    }
    let contactId = row.contactId ?? (await writer.contactIdByEmail(row.tag.email));
    if (!contactId) {
      if (!row.tag.create) {
        await markConflict(db, row.id, 'contactNotFound', row.tag.email);
        return;
      }
      contactId = await writer.createContact({ email: row.tag.email, ...row.tag.create });
    }
    if (contactId !== row.contactId) await markContact(db, row.id, contactId);
    let written = await writer.writeTag(contactId, row.tag);
    if (!written && row.contactId) {
      // The cached id is gone (deleted, or merged into another contact): the address may still lead to a contact.
      const current = await writer.contactIdByEmail(row.tag.email);
      if (current && current !== contactId) {
        await markContact(db, row.id, current);
        written = await writer.writeTag(current, row.tag);
      }
    }
    if (!written) {
      await markConflict(db, row.id, 'contactDeleted', row.tag.email);
      return;
    }
    await markApplied(db, row.id, Date.now());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CrmRejectedError) await markConflict(db, row.id, 'invalidValue', message);
    else if (error instanceof CrmScopeError) await markConflict(db, row.id, 'missingScope', error.scopes.join(', '));
    else if (error instanceof CrmAuthError) await markConflict(db, row.id, 'reconnect', message);
    else await markRetry(db, row.id, Date.now() + retryDelay(row.attempts + 1), message);
  }
}

/**
 * A rep's new "Not a lead" (the `markLead` handler, after its checks): with a lead status chosen in the settings, the
 * lead also gets that status in HubSpot, through the outbox. Returns whether a write was queued.
 */
export async function queueNotALeadStatus(contactId: string, db: LeadLensDb = database()): Promise<boolean> {
  const { notALeadStatus } = await loadTaggingSettings();
  if (!notALeadStatus) return false;
  const queued = Boolean(await enqueueLeadStatus(db, contactId, notALeadStatus, Date.now()));
  if (queued) void drainOutbox();
  return queued;
}

/** A tag (or lead status) not yet in HubSpot, as the disconnect warning lists it. */
export interface UnsentWrite {
  email: string;
  source: string;
  campaign?: string;
  state: string;
}

/** Every write still in the outbox, oldest first: a disconnect would delete them, so the user sees them first. */
export async function unsentWrites(db: LeadLensDb = database()): Promise<UnsentWrite[]> {
  return (await outboxRows(db))
    .filter((row) => row.state !== 'applied')
    .map((row) => ({
      email: row.tag.email,
      source:
        row.write === 'leadStatus'
          ? (row.leadStatus ?? '')
          : row.write === 'emailReply'
            ? (row.reply?.subject ?? '')
            : row.tag.source,
      ...(row.tag.campaign ? { campaign: row.tag.campaign } : {}),
      state: row.state,
    }));
}

/** After a reconnect: tags stopped for the token or a scope are worth trying again. */
export async function retryAfterReconnect(db: LeadLensDb = database()): Promise<void> {
  await db.outbox
    .where('state')
    .equals('conflict')
    .modify((row) => {
      if (row.conflict?.reason !== 'reconnect' && row.conflict?.reason !== 'missingScope') return;
      row.state = 'pending';
      row.notBefore = 0;
      delete row.conflict;
    });
}
