import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyTag, retryAfterReconnect } from '../../../lib/background/outbox-service';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { HubSpotReplyLogger } from '../../../lib/crm/hubspot/reply-logger';
import { HubSpotTagWriter } from '../../../lib/crm/hubspot/tag-writer';
import { RateLimiter } from '../../../lib/crm/limiter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { enqueueEmailReply } from '../../../lib/db/outbox';
import { leadView } from '../../../lib/metrics/lead-view';
import { metricSettings } from '../../../lib/model';
import type { Touch } from '../../../lib/model';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// "Log this reply" (issue #20) against the local portal over HTTP: the e-mail engagement the outbox writes (dated
// path, HubSpot's properties, the default e-mail-to-contact association), what the sync reads back (a response, so the
// lead's timer stops), the outbox keeping the reply through an outage and an expired token, and the portal's checks.

const FULL_TOKEN = 'pat-na1-replies';
/** Contacts read and write, but not sales-email-read: 2026-09 creates e-mails only with both. */
const NO_EMAIL_TOKEN = 'pat-na1-no-email';
const NO_EMAIL_SCOPES = 'crm.objects.contacts.read,crm.objects.contacts.write';
const SUBJECT = 'Reply sent from the mailbox (logged by LeadLens)';

let portal: RunningPortal;

function adapter(token = FULL_TOKEN, random?: () => number): HubSpotAdapter {
  return new HubSpotAdapter({
    token,
    baseUrl: portal.httpUrl,
    limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
    timeoutMs: 2000,
    ...(random ? { random } : {}),
  });
}

function uniqueEmail(label: string): string {
  return `${label}.${Math.random().toString(36).slice(2, 10)}@replies.example`;
}

function writes(): string[] {
  return portal.admin.writeLog().map((entry) => `${entry.method} ${entry.path}`);
}

/** The portal's e-mails associated with a contact. */
function emailsOf(contactId: number | string): number[] {
  return portal.admin.store.associatedIds('contacts', Number(contactId), 'emails');
}

async function post(path: string, body: unknown, token = FULL_TOKEN): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${portal.httpUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  portal = await startPortal({
    contacts: 40,
    seed: 20,
    rate: '10000/1s',
    tokens: [FULL_TOKEN, `${NO_EMAIL_TOKEN}:${NO_EMAIL_SCOPES}`],
  });
});
afterAll(async () => {
  await portal?.close();
});

describe('HubSpotReplyLogger', () => {
  it('creates an outgoing, sent e-mail on the dated path, associated to the contact, once', async () => {
    const lead = portal.admin.createLead({ email: uniqueEmail('logged') });
    const sentAt = Date.parse('2026-12-02T09:41:00Z');
    portal.admin.resetCounters();
    const logger = new HubSpotReplyLogger(adapter());
    const id = await logger.logReply(String(lead.id), { sentAt, subject: SUBJECT, ownerId: undefined });
    expect(id).toMatch(/^\d+$/);
    expect(writes()).toContain('POST /crm/objects/2026-09/emails');
    expect(writes().some((line) => line.includes('/v3/'))).toBe(false);
    const email = portal.admin.record('emails', String(id));
    expect(email?.props).toMatchObject({
      hs_timestamp: new Date(sentAt).toISOString(),
      hs_email_direction: 'EMAIL',
      hs_email_status: 'SENT',
      hs_email_subject: SUBJECT,
    });
    expect(emailsOf(lead.id)).toEqual([Number(id)]);
    // A second attempt (the first one's answer lost) finds the e-mail it made instead of logging the reply twice.
    expect(await logger.logReply(String(lead.id), { sentAt, subject: SUBJECT })).toBe(id);
    expect(emailsOf(lead.id)).toEqual([Number(id)]);
  });

  it('answers false for a contact that no longer exists', async () => {
    const lead = portal.admin.createLead({ email: uniqueEmail('gone') });
    portal.admin.archive('contacts', lead.id);
    const logger = new HubSpotReplyLogger(adapter());
    expect(await logger.logReply(String(lead.id), { sentAt: Date.now() - 60_000, subject: SUBJECT })).toBe(false);
  });

  it('the sync reads the logged reply as a response: the lead’s timer stops', async () => {
    const createdAt = Date.now() - 3 * 3_600_000;
    const lead = portal.admin.createLead({ email: uniqueEmail('timer') });
    const sentAt = Date.now() - 60_000;
    const crm = adapter();
    await new HubSpotReplyLogger(crm).logReply(String(lead.id), { sentAt, subject: SUBJECT });
    // Read as the sync reads e-mails: list pages with their contact associations.
    const touches: Touch[] = [];
    let after: string | undefined;
    do {
      const page = await crm.listPage('emails', after);
      touches.push(...page.records.filter((touch) => touch.leadIds.includes(String(lead.id))));
      after = page.next;
    } while (after);
    expect(touches).toHaveLength(1);
    expect(touches[0]).toMatchObject({ kind: 'email', direction: 'out', automated: false, at: sentAt });
    const viewed = {
      id: String(lead.id),
      email: 'x@replies.example',
      name: 'x',
      lifecycleStage: 'lead',
      createdAt,
      score: 0,
      stageDates: {},
      effectiveSource: 'direct',
    };
    const settings = metricSettings();
    // Before the reply (as the badge saw it) the open timer runs; with it, none.
    expect(leadView(viewed, [], [], settings, Date.now()).timer).toMatchObject({ kind: 'open' });
    expect(leadView(viewed, touches, [], settings, Date.now()).timer).toBeUndefined();
  });
});

describe('applyTag with a logged reply', () => {
  let db: LeadLensDb;
  beforeEach(() => {
    db = new LeadLensDb(`t-${Math.random()}`);
  });
  afterEach(async () => {
    await deleteDatabase(db);
  });

  async function cachedLead(label: string) {
    const email = uniqueEmail(label);
    const lead = portal.admin.createLead({ email });
    await db.leads.put({
      id: String(lead.id),
      email,
      emails: [email],
      name: label,
      createdAt: Date.now() - 3_600_000,
      lifecycleStage: 'lead',
      stageDates: {},
      source: 'direct_traffic',
      effectiveSource: 'direct_traffic',
      updatedAt: Date.now(),
      archived: false,
    });
    return String(lead.id);
  }

  function apply(row: Parameters<typeof applyTag>[2], token = FULL_TOKEN, random?: () => number) {
    const crm = adapter(token, random);
    return applyTag(db, new HubSpotTagWriter(crm), row, new HubSpotReplyLogger(crm));
  }

  it('queues the reply behind the contact’s writes without touching its tag, and applies it', async () => {
    const contactId = await cachedLead('queued');
    expect(await enqueueEmailReply(db, 'not-cached', { sentAt: Date.now(), subject: SUBJECT }, Date.now())).toBe(
      undefined,
    );
    const row = await enqueueEmailReply(db, contactId, { sentAt: Date.now() - 120_000, subject: SUBJECT }, Date.now());
    if (!row) throw new Error('expected a queued row');
    expect(row).toMatchObject({ write: 'emailReply', contactId, contactKey: `id:${contactId}`, state: 'pending' });
    // The cached lead shows no tag for it.
    expect((await db.leads.get(contactId))?.sourceTag).toBeUndefined();
    await apply(row);
    expect(await db.outbox.get(row.id)).toMatchObject({ state: 'applied' });
    expect(emailsOf(contactId)).toHaveLength(1);
  });

  it('keeps the reply through an outage and logs it once the portal answers', { timeout: 40_000 }, async () => {
    const contactId = await cachedLead('offline');
    const row = await enqueueEmailReply(db, contactId, { sentAt: Date.now() - 60_000, subject: SUBJECT }, Date.now());
    if (!row) throw new Error('expected a queued row');
    await portal.admin.setOffline('refuse');
    try {
      await apply(row, FULL_TOKEN, () => 0);
    } finally {
      await portal.admin.setOffline(false);
    }
    const waiting = await db.outbox.get(row.id);
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waiting?.lastError).toMatch(/HubSpot did not answer/);
    if (!waiting) return;
    await apply(waiting);
    expect(await db.outbox.get(row.id)).toMatchObject({ state: 'applied' });
    expect(emailsOf(contactId)).toHaveLength(1);
  });

  it('holds the reply for a new token when the old one expired, then logs it', async () => {
    const contactId = await cachedLead('expired');
    const row = await enqueueEmailReply(db, contactId, { sentAt: Date.now() - 60_000, subject: SUBJECT }, Date.now());
    if (!row) throw new Error('expected a queued row');
    await apply(row, 'pat-na1-expired');
    expect(await db.outbox.get(row.id)).toMatchObject({ state: 'conflict', conflict: { reason: 'reconnect' } });
    await retryAfterReconnect(db);
    const again = await db.outbox.get(row.id);
    expect(again).toMatchObject({ state: 'pending' });
    if (!again) return;
    await apply(again);
    expect(await db.outbox.get(row.id)).toMatchObject({ state: 'applied' });
  });

  it('stops with missingScope, naming it, for a key that cannot create e-mails', async () => {
    const contactId = await cachedLead('no-scope');
    const row = await enqueueEmailReply(db, contactId, { sentAt: Date.now() - 60_000, subject: SUBJECT }, Date.now());
    if (!row) throw new Error('expected a queued row');
    await apply(row, NO_EMAIL_TOKEN);
    const stored = await db.outbox.get(row.id);
    expect(stored).toMatchObject({ state: 'conflict', conflict: { reason: 'missingScope' } });
    expect(stored?.conflict?.detail).toContain('sales-email-read');
    expect(emailsOf(contactId)).toHaveLength(0);
  });

  it('waits out a 429 inside the attempt: the reply is logged, not lost', async () => {
    const contactId = await cachedLead('limited');
    const row = await enqueueEmailReply(db, contactId, { sentAt: Date.now() - 60_000, subject: SUBJECT }, Date.now());
    if (!row) throw new Error('expected a queued row');
    portal.admin.setFaults({ probability: 1, kinds: ['rate_limit'] });
    try {
      await apply(row);
    } finally {
      portal.admin.setFaults({ probability: 0 });
    }
    expect(portal.admin.counters().faults.rate_limit).toBeGreaterThan(0);
    expect(await db.outbox.get(row.id)).toMatchObject({ state: 'applied' });
    expect(emailsOf(contactId)).toHaveLength(1);
  });
});

describe('the local portal’s e-mail create', () => {
  const body = (contactId: string | number, patch: Record<string, unknown> = {}) => ({
    properties: {
      hs_timestamp: new Date().toISOString(),
      hs_email_direction: 'EMAIL',
      hs_email_status: 'SENT',
      hs_email_subject: 'Checks',
    },
    associations: [
      { to: { id: String(contactId) }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 198 }] },
    ],
    ...patch,
  });

  it('accepts the create on the numbered and the dated path alike', async () => {
    const lead = portal.admin.createLead({ email: uniqueEmail('paths') });
    for (const path of ['/crm/v3/objects/emails', '/crm/objects/2026-09/emails', '/crm/objects/2026-03/emails']) {
      const { status, json } = await post(path, body(lead.id));
      expect(status, path).toBe(201);
      expect(json).toMatchObject({ properties: { hs_email_direction: 'EMAIL' } });
    }
    expect(emailsOf(lead.id)).toHaveLength(3);
  });

  it('refuses, in HubSpot’s error shape, a missing timestamp, a wrong association type and a missing contact', async () => {
    const lead = portal.admin.createLead({ email: uniqueEmail('refused') });
    const { hs_timestamp: _dropped, ...untimed } = body(lead.id).properties;
    const cases = [
      body(lead.id, { properties: untimed }),
      body(lead.id, {
        associations: [
          { to: { id: String(lead.id) }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 194 }] },
        ],
      }),
      body(lead.id, {
        associations: [
          { to: { id: '999999999' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 198 }] },
        ],
      }),
      body(lead.id, { associations: [{ to: { id: String(lead.id) } }] }),
    ];
    for (const input of cases) {
      const { status, json } = await post('/crm/objects/2026-09/emails', input);
      expect(status).toBe(400);
      expect(json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
      expect((json as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
    }
    // A bad value of an enumeration is refused too (the property's options).
    const bad = await post(
      '/crm/objects/2026-09/emails',
      body(lead.id, { properties: { ...body(lead.id).properties, hs_email_direction: 'OUTGOING' } }),
    );
    expect(bad.status).toBe(400);
    expect(emailsOf(lead.id)).toHaveLength(0);
  });

  it('asks the dated create for contacts write and sales-email-read together, the numbered one for either', async () => {
    const lead = portal.admin.createLead({ email: uniqueEmail('scopes') });
    const dated = await post('/crm/objects/2026-09/emails', body(lead.id), NO_EMAIL_TOKEN);
    expect(dated.status).toBe(403);
    expect(JSON.stringify(dated.json)).toContain('sales-email-read');
    const numbered = await post('/crm/v3/objects/emails', body(lead.id), NO_EMAIL_TOKEN);
    expect(numbered.status).toBe(201);
  });
});
