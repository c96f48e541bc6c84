import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyTag, queueNotALeadStatus } from '../../../lib/background/outbox-service';
import { saveTaggingSettings } from '../../../lib/settings/tagging-settings';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { TAG_PROPERTIES } from '../../../lib/crm/hubspot/properties';
import { HubSpotTagWriter, TAG_GROUP } from '../../../lib/crm/hubspot/tag-writer';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { RateLimiter } from '../../../lib/crm/limiter';
import type { TagValues } from '../../../lib/model/tags';
import { enqueueLeadStatus, enqueueTag } from '../../../lib/db/outbox';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// The tagger's write-back through the official client's generated modules and our transport, against the local
// portal over HTTP; and one outbox attempt (`applyTag`) from the row in IndexedDB to the CRM and back.

const FULL_TOKEN = 'pat-na1-tagger';
/** Everything the tagger needs except writing contacts: reads, and creating the tag properties. */
const NO_WRITE_TOKEN = 'pat-na1-readonly';
const NO_WRITE_SCOPES = 'crm.objects.contacts.read,crm.schemas.contacts.read,crm.schemas.contacts.write';
const TAGGED_AT = Date.parse('2026-11-22T12:30:00Z');

let portal: RunningPortal;

function writer(options: { token?: string; random?: () => number; sourceProperty?: string } = {}): HubSpotTagWriter {
  return new HubSpotTagWriter(
    new HubSpotAdapter({
      token: options.token ?? portal.token,
      baseUrl: portal.httpUrl,
      limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
      timeoutMs: 2000,
      ...(options.random ? { random: options.random } : {}),
    }),
    options.sourceProperty,
  );
}

/** API writes the portal received since the last reset, as `METHOD path`. */
function writes(): string[] {
  return portal.admin.writeLog().map((entry) => `${entry.method} ${entry.path}`);
}

function uniqueEmail(label: string): string {
  return `${label}.${Math.random().toString(36).slice(2, 10)}@tagger.example`;
}

beforeAll(async () => {
  portal = await startPortal({
    contacts: 50,
    seed: 5,
    rate: '10000/1s',
    tokens: [FULL_TOKEN, `${NO_WRITE_TOKEN}:${NO_WRITE_SCOPES}`],
  });
});
afterAll(async () => {
  await portal?.close();
});

describe('HubSpotTagWriter', () => {
  it('ensureTagProperties creates the LeadLens group and its four properties once', async () => {
    // The generated portal knows nothing of LeadLens: this test runs first in the file and nothing made them yet.
    const store = portal.admin.store.properties;
    expect(store.getGroup('contacts', TAG_GROUP.name)).toBeUndefined();
    for (const name of Object.values(TAG_PROPERTIES)) expect(store.get('contacts', name)).toBeUndefined();
    portal.admin.resetCounters();

    await writer().ensureTagProperties();
    // One group POST, then one POST per property (4), and no other write.
    expect(writes().sort()).toEqual([
      'POST /crm/properties/2026-09/contacts',
      'POST /crm/properties/2026-09/contacts',
      'POST /crm/properties/2026-09/contacts',
      'POST /crm/properties/2026-09/contacts',
      'POST /crm/properties/2026-09/contacts/groups',
    ]);
    expect(store.getGroup('contacts', 'leadlens')).toMatchObject({ name: 'leadlens', label: 'LeadLens' });
    for (const name of ['leadlens_source', 'leadlens_campaign', 'leadlens_tagged_url']) {
      expect(store.get('contacts', name)).toMatchObject({ type: 'string', groupName: 'leadlens' });
    }
    expect(store.get('contacts', 'leadlens_tagged_at')).toMatchObject({ type: 'datetime', groupName: 'leadlens' });

    // Another browser of the team (a new writer) finds them all and writes nothing.
    portal.admin.resetCounters();
    await writer().ensureTagProperties();
    expect(writes()).toEqual([]);
  });

  it('contactIdByEmail finds a contact by its primary address and answers undefined for an unknown one', async () => {
    const email = uniqueEmail('known');
    const lead = portal.admin.createLead({ email });
    const tagger = writer();
    expect(await tagger.contactIdByEmail(email)).toBe(lead.id);
    expect(await tagger.contactIdByEmail(uniqueEmail('unknown'))).toBeUndefined();
  });

  it('createContact creates, and a repeat for the same address returns the same contact (409)', async () => {
    const email = uniqueEmail('created');
    const tagger = writer();
    const id = await tagger.createContact({ email, firstName: 'Noa', lastName: 'Peretz' });
    expect(portal.admin.record('contacts', id)?.props).toMatchObject({ email, firstname: 'Noa', lastname: 'Peretz' });

    portal.admin.resetCounters();
    // A retry whose first reply was lost: HubSpot answers 409 naming the contact, which is the answer we want.
    expect(await tagger.createContact({ email })).toBe(id);
    expect(portal.admin.writeLog().map((entry) => entry.status)).toEqual([409]);
    // The portal still has exactly one live contact with this address.
    const withAddress = portal.admin.records('contacts').filter((c) => !c.archived && c.props.email === email);
    expect(withAddress.map((c) => String(c.id))).toEqual([id]);
  });

  it('writeTag writes the four values, and clears campaign and URL for a tag without them', async () => {
    const lead = portal.admin.createLead({ email: uniqueEmail('tagged') });
    const tagger = writer();
    const written = await tagger.writeTag(lead.id, {
      source: 'partner_webinar',
      campaign: 'q4-launch',
      url: 'https://www.example-partner.com/webinar',
      taggedAt: TAGGED_AT,
    });
    expect(written).toBe(true);
    expect(portal.admin.record('contacts', lead.id)?.props).toMatchObject({
      leadlens_source: 'partner_webinar',
      leadlens_campaign: 'q4-launch',
      leadlens_tagged_url: 'https://www.example-partner.com/webinar',
      // Datetimes are stored as ISO UTC; the tag's instant is 12:30 UTC.
      leadlens_tagged_at: '2026-11-22T12:30:00.000Z',
    });

    expect(await tagger.writeTag(lead.id, { source: 'trade_show', taggedAt: TAGGED_AT + 60_000 })).toBe(true);
    // An empty value clears a HubSpot property (stored as null).
    expect(portal.admin.record('contacts', lead.id)?.props).toMatchObject({
      leadlens_source: 'trade_show',
      leadlens_campaign: null,
      leadlens_tagged_url: null,
      leadlens_tagged_at: '2026-11-22T12:31:00.000Z',
    });
  });

  it('writeTag answers false for an archived contact', async () => {
    const lead = portal.admin.createLead({ email: uniqueEmail('archived') });
    portal.admin.archive('contacts', lead.id);
    expect(await writer().writeTag(lead.id, { source: 'partner_webinar', taggedAt: TAGGED_AT })).toBe(false);
    expect(portal.admin.record('contacts', lead.id)?.props.leadlens_source).toBeUndefined();
  });
});

describe("the source also written to a portal's own property", () => {
  const CHANNEL = 'lead_channel';

  beforeAll(async () => {
    // A dropdown a portal admin made, as HubSpot's property API creates it; one option is hidden (retired).
    const response = await fetch(`${portal.httpUrl}/crm/v3/properties/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${portal.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: CHANNEL,
        label: 'Lead channel',
        type: 'enumeration',
        fieldType: 'select',
        groupName: 'contactinformation',
        options: [
          { label: 'Partner webinar', value: 'partner_webinar' },
          { label: 'Trade show', value: 'trade_show' },
          { label: 'Cold list', value: 'cold_list', hidden: true },
        ],
      }),
    });
    expect(response.status).toBe(201);
  });

  it('describeProperty gives the label and the visible options, and undefined for a missing property', async () => {
    const tagger = writer();
    expect(await tagger.describeProperty(CHANNEL)).toEqual({
      name: CHANNEL,
      label: 'Lead channel',
      options: [
        { value: 'partner_webinar', label: 'Partner webinar' },
        { value: 'trade_show', label: 'Trade show' },
      ],
    });
    // A text property has no options: any source fits.
    expect(await tagger.describeProperty('jobtitle')).toEqual({ name: 'jobtitle', label: 'Job title' });
    expect(await tagger.describeProperty('no_such_property')).toBeUndefined();
  });

  it('writeTag writes the option a source names by label, beside the LeadLens source as typed', async () => {
    const lead = portal.admin.createLead({ email: uniqueEmail('channel') });
    await writer({ sourceProperty: CHANNEL }).writeTag(lead.id, { source: 'TRADE SHOW', taggedAt: TAGGED_AT });
    // "TRADE SHOW" matches the label "Trade show" case-insensitively; the dropdown stores its value.
    expect(portal.admin.record('contacts', lead.id)?.props).toMatchObject({
      [CHANNEL]: 'trade_show',
      leadlens_source: 'TRADE SHOW',
    });
  });

  it('a source that is no option (or only a hidden one) stops the tag as an invalid value, writing nothing', async () => {
    const db = new LeadLensDb(`t-${Math.random()}`);
    try {
      const email = uniqueEmail('no-option');
      const lead = portal.admin.createLead({ email });
      const row = await enqueueTag(db, { email, source: 'cold_list', taggedAt: TAGGED_AT }, Date.now());
      await applyTag(db, writer({ sourceProperty: CHANNEL }), row);
      const stored = await db.outbox.get(row.id);
      expect(stored).toMatchObject({ state: 'conflict', conflict: { reason: 'invalidValue' } });
      // The message lists the choices the marketer has: the two visible labels.
      expect(stored?.conflict?.detail).toContain('Partner webinar, Trade show');
      expect(portal.admin.record('contacts', lead.id)?.props.leadlens_source).toBeUndefined();
    } finally {
      await deleteDatabase(db);
    }
  });
});

describe('applyTag', () => {
  let db: LeadLensDb;
  beforeEach(() => {
    db = new LeadLensDb(`t-${Math.random()}`);
  });
  afterEach(async () => {
    await deleteDatabase(db);
  });

  function tag(email: string, patch: Partial<TagValues> = {}): TagValues {
    return { email, source: 'partner_webinar', campaign: 'q4-launch', taggedAt: TAGGED_AT, ...patch };
  }

  it('a rep’s "Not a lead" with a status chosen queues that status, shows it at once and writes it', async () => {
    const email = uniqueEmail('not-a-lead');
    const lead = portal.admin.createLead({ email });
    await db.leads.put({
      id: String(lead.id),
      email,
      emails: [email],
      name: 'Not A. Lead',
      createdAt: Date.now(),
      lifecycleStage: 'lead',
      leadStatus: 'NEW',
      stageDates: {},
      source: 'direct_traffic',
      effectiveSource: 'direct_traffic',
      updatedAt: Date.now(),
      archived: false,
    });
    // No status chosen: marking only hides the timer, nothing is queued.
    await saveTaggingSettings({ notALeadStatus: undefined });
    expect(await queueNotALeadStatus(String(lead.id), db)).toBe(false);
    await saveTaggingSettings({ notALeadStatus: 'UNQUALIFIED' });
    // An id the cache lacks is refused: a mark cannot make LeadLens write to a contact it does not know.
    expect(await queueNotALeadStatus('not-cached', db)).toBe(false);
    expect(await queueNotALeadStatus(String(lead.id), db)).toBe(true);
    expect(await db.outbox.count()).toBe(1);
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({ write: 'leadStatus', leadStatus: 'UNQUALIFIED', contactId: String(lead.id) });
    expect((await db.leads.get(String(lead.id)))?.leadStatus).toBe('UNQUALIFIED');
    if (!row) return;
    await applyTag(db, writer(), row);
    expect((await db.outbox.get(row.id))?.state).toBe('applied');
    expect(portal.admin.record('contacts', lead.id)?.props.hs_lead_status).toBe('UNQUALIFIED');
    // A status the portal does not have stops as an invalid value, shown to the user.
    const bad = await enqueueLeadStatus(db, String(lead.id), 'NO_SUCH_STATUS', Date.now());
    if (!bad) throw new Error('expected a queued row');
    await applyTag(db, writer(), bad);
    expect(await db.outbox.get(bad.id)).toMatchObject({ state: 'conflict', conflict: { reason: 'invalidValue' } });
    await saveTaggingSettings({ notALeadStatus: undefined });
  });

  it('finds the contact by address, writes the tag and ends applied', async () => {
    const email = uniqueEmail('apply');
    const lead = portal.admin.createLead({ email });
    const row = await enqueueTag(db, tag(email), Date.now());
    const before = Date.now();
    await applyTag(db, writer(), row);
    const stored = await db.outbox.get(row.id);
    // The look-up found the contact; its id is recorded on the row.
    expect(stored).toMatchObject({ state: 'applied', contactId: lead.id, attempts: 0 });
    expect(stored?.appliedAt).toBeGreaterThanOrEqual(before);
    expect(stored?.conflict).toBeUndefined();
    expect(portal.admin.record('contacts', lead.id)?.props).toMatchObject({
      leadlens_source: 'partner_webinar',
      leadlens_campaign: 'q4-launch',
    });
  });

  it('creates the contact the marketer confirmed, then tags it', async () => {
    const email = uniqueEmail('new-lead');
    const row = await enqueueTag(db, tag(email, { create: { firstName: 'Yael' } }), Date.now());
    await applyTag(db, writer(), row);
    const stored = await db.outbox.get(row.id);
    expect(stored?.state).toBe('applied');
    const contactId = stored?.contactId ?? '';
    expect(portal.admin.record('contacts', contactId)?.props).toMatchObject({
      email,
      firstname: 'Yael',
      leadlens_source: 'partner_webinar',
    });
  });

  it('stops with contactNotFound for an unknown address when no create was confirmed', async () => {
    const email = uniqueEmail('nobody');
    const contactsBefore = portal.admin.records('contacts').length;
    const row = await enqueueTag(db, tag(email), Date.now());
    await applyTag(db, writer(), row);
    expect(await db.outbox.get(row.id)).toMatchObject({
      state: 'conflict',
      attempts: 1,
      conflict: { reason: 'contactNotFound', detail: email },
    });
    // Nothing was created behind the marketer's back.
    expect(portal.admin.records('contacts').length).toBe(contactsBefore);
  });

  it('stops with missingScope when the token cannot write contacts', async () => {
    const email = uniqueEmail('scoped');
    const lead = portal.admin.createLead({ email });
    const row = await enqueueTag(db, tag(email), Date.now());
    await applyTag(db, writer({ token: NO_WRITE_TOKEN }), row);
    // The token may read contacts and manage properties, so only the PATCH is refused, for the object write scope.
    expect(await db.outbox.get(row.id)).toMatchObject({
      state: 'conflict',
      contactId: lead.id,
      conflict: { reason: 'missingScope', detail: 'crm.objects.contacts.write' },
    });
    expect(portal.admin.record('contacts', lead.id)?.props.leadlens_source).toBeUndefined();
  });

  it('waits for a retry, pending with one attempt, when the portal is offline', { timeout: 40_000 }, async () => {
    const email = uniqueEmail('offline');
    portal.admin.createLead({ email });
    const row = await enqueueTag(db, tag(email), Date.now());
    await portal.admin.setOffline('refuse');
    try {
      // random 0 takes the shortest backoff between the transport's six tries: 0.5+1+2+4+8 s = 15.5 s.
      await applyTag(db, writer({ random: () => 0 }), row);
    } finally {
      await portal.admin.setOffline(false);
    }
    const after = Date.now();
    const stored = await db.outbox.get(row.id);
    expect(stored).toMatchObject({ state: 'pending', attempts: 1 });
    expect(stored?.lastError).toMatch(/HubSpot did not answer/);
    expect(stored?.conflict).toBeUndefined();
    // retryDelay(1) is 2 s ± 20 %, counted from the failure, which was at most a moment before `after`.
    expect(stored?.notBefore).toBeGreaterThan(after);
    expect(stored?.notBefore).toBeLessThanOrEqual(after + 2_400);
  });
});
