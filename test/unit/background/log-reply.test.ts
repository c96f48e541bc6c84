import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connection } from '../../../lib/background/connection';
import { logReplyCapability, logReplyHandlers } from '../../../lib/background/log-reply-service';
import { TabLeadBudget } from '../../../lib/background/tab-lead-budget';
import type { WorkerState } from '../../../lib/background/worker-state';
import type { FeatureCheck } from '../../../lib/crm/adapter';
import type { SenderInfo } from '../../../lib/messaging/sender';
import { deleteAllSecrets, writeSecret } from '../../../lib/settings/secret-store';

// "Log this reply" at the background's door (issue #20): the card's trusted clicks and click guard hold a page back;
// this holds back a content-script world that skips the card. Only a lead the tab was shown, only with a key that can
// create e-mails, only a plausible sent time, within the tab's write budget, and then into the outbox.

const queued: { contactId: string; reply: { sentAt: number; subject: string; ownerId?: string } }[] = [];
vi.mock('../../../lib/db/outbox', () => ({
  enqueueEmailReply: async (_db: unknown, contactId: string, reply: (typeof queued)[number]['reply']) => {
    queued.push({ contactId, reply });
    return { id: 'row' };
  },
}));
vi.mock('../../../lib/background/outbox-service', () => ({ drainOutbox: async () => undefined }));
vi.mock('../../../lib/db/db', () => ({ database: () => ({}) }));

const can: FeatureCheck = { feature: 'logReply', state: 'can', lacking: [], parts: [] };
const cannot: FeatureCheck = {
  feature: 'logReply',
  state: 'cannot',
  lacking: [{ part: 'emailCreate', lacking: [['sales-email-read']] }],
  parts: [],
};

function connection(features: FeatureCheck[] | undefined): Connection {
  return {
    token: 'pat-na1-secret',
    baseUrl: 'https://api.hubapi.com',
    portal: { portalId: 42, timeZone: 'UTC', currency: 'USD' },
    ...(features ? { features } : {}),
    connectedAt: 0,
    managed: false,
  };
}

const gmailTab = (id: number): SenderInfo => ({ id: 'ours', url: 'https://mail.google.com/mail/u/0/', tab: { id } });

let leadBudget: TabLeadBudget;
let handlers: ReturnType<typeof logReplyHandlers>;

beforeEach(async () => {
  fakeBrowser.reset();
  // The subject is written in the user's language; the fake browser has no UI language of its own.
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  queued.length = 0;
  leadBudget = new TabLeadBudget();
  const worker = {
    leadBudget,
    teamSettings: async () => ({ settings: { myOwnerId: '77' } }),
  } as unknown as WorkerState;
  handlers = logReplyHandlers(worker);
  await writeSecret('hubspot.connection', connection([can]));
});

afterEach(() => deleteAllSecrets());

const log = (contactId: string, sentAt: number, sender: SenderInfo) => handlers.logReply({ contactId, sentAt }, sender);

describe('logReplyCapability', () => {
  it('offers the action only when the probe said the key can create e-mails, and otherwise names the scopes', () => {
    expect(logReplyCapability(connection([can]))).toEqual({ can: true });
    expect(logReplyCapability(connection([cannot]))).toEqual({ can: false, lacking: [['sales-email-read']] });
    // A connection kept from before the probe: not offered, with every scope the feature names.
    expect(logReplyCapability(connection(undefined))).toEqual({
      can: false,
      lacking: [['crm.objects.contacts.write', 'sales-email-read']],
    });
  });
});

describe('logReply from a content script', () => {
  it('queues the reply of a lead the tab was shown, as the rep, and nothing else', async () => {
    leadBudget.admit(7, ['101']);
    const sentAt = Date.now() - 5 * 60_000;
    expect(await log('202', sentAt, gmailTab(7))).toEqual({ queued: false });
    expect(await log('101', sentAt, gmailTab(8))).toEqual({ queued: false });
    // A sent time in the future or months back is a date read wrongly.
    expect(await log('101', Date.now() + 3_600_000, gmailTab(7))).toEqual({ queued: false });
    expect(await log('101', Date.now() - 90 * 86_400_000, gmailTab(7))).toEqual({ queued: false });
    expect(queued).toEqual([]);
    expect(await log('101', sentAt, gmailTab(7))).toEqual({ queued: true });
    expect(queued).toEqual([{ contactId: '101', reply: { sentAt, subject: expect.any(String), ownerId: '77' } }]);
  });

  it('is refused, naming the scopes, when the key cannot create e-mails', async () => {
    await writeSecret('hubspot.connection', connection([cannot]));
    leadBudget.admit(7, ['101']);
    expect(await log('101', Date.now() - 60_000, gmailTab(7))).toEqual({
      queued: false,
      lacking: [['sales-email-read']],
    });
    expect(queued).toEqual([]);
  });

  it('counts against the tab’s five CRM writes a minute', async () => {
    const shown = ['1', '2', '3', '4', '5', '6'];
    leadBudget.admit(7, shown);
    const replies = [];
    for (const id of shown) replies.push((await log(id, Date.now() - 60_000, gmailTab(7))).queued);
    expect(replies).toEqual([true, true, true, true, true, false]);
  });
});
