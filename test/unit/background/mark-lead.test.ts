import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connection } from '../../../lib/background/connection';
import { leadContextHandlers } from '../../../lib/background/lead-context-service';
import { TabLeadBudget } from '../../../lib/background/tab-lead-budget';
import type { WorkerState } from '../../../lib/background/worker-state';
import type { SenderInfo } from '../../../lib/messaging/sender';
import { deleteAllSecrets, writeSecret } from '../../../lib/settings/secret-store';

// Issue 14, findings 2 and 4 at the background's door: a content-script world that skips the card (or a page that
// guesses ids) may mark only a lead its own tab was shown, and may ask for at most five CRM writes a minute. The
// tab-lead-budget test checks the counting; this one checks that the markLead handler asks it before it writes.

const queued: string[] = [];
vi.mock('../../../lib/background/outbox-service', () => ({
  queueNotALeadStatus: async (contactId: string) => {
    queued.push(contactId);
    return true;
  },
}));
// Neither tells anything the test reads; both would reach for browser APIs the fake browser lacks.
vi.mock('../../../lib/background/alerts-service', () => ({ checkAlerts: async () => undefined }));
vi.mock('../../../lib/background/overlay-refresh', () => ({ refreshOverlays: () => undefined }));

const connection: Connection = {
  token: 'pat-na1-secret',
  baseUrl: 'https://api.hubapi.com',
  portal: { portalId: 42, timeZone: 'UTC', currency: 'USD' },
  features: [],
  connectedAt: 0,
  managed: false,
};

const gmailTab = (id: number): SenderInfo => ({ id: 'ours', url: 'https://mail.google.com/mail/u/0/', tab: { id } });

let leadBudget: TabLeadBudget;
let handlers: ReturnType<typeof leadContextHandlers>;

beforeEach(async () => {
  fakeBrowser.reset();
  queued.length = 0;
  leadBudget = new TabLeadBudget();
  const worker = { leadBudget, signalCache: async () => undefined } as unknown as WorkerState;
  handlers = leadContextHandlers(worker);
  await writeSecret('hubspot.connection', connection);
});

afterEach(() => deleteAllSecrets());

const mark = (contactId: string, kind: 'notALead' | 'snooze1h', sender: SenderInfo) =>
  handlers.markLead({ contactId, mark: kind }, sender);

describe('markLead from a content script', () => {
  it('is refused for a lead the tab was never shown, or was shown in another tab, and stores nothing', async () => {
    leadBudget.admit(7, ['101']);
    expect(await mark('202', 'notALead', gmailTab(7))).toEqual({ done: false });
    expect(await mark('101', 'notALead', gmailTab(8))).toEqual({ done: false });
    expect(await mark('101', 'snooze1h', { id: 'ours', url: 'https://mail.google.com/' })).toEqual({ done: false });
    expect(queued).toEqual([]);
    expect(await fakeBrowser.storage.local.get('marks.42')).toEqual({});
  });

  it('marks a lead the tab was shown, and queues its lead status once', async () => {
    leadBudget.admit(7, ['101']);
    expect(await mark('101', 'snooze1h', gmailTab(7))).toMatchObject({ done: true, snoozedUntil: expect.any(Number) });
    expect(await mark('101', 'notALead', gmailTab(7))).toMatchObject({ done: true, notALead: true });
    expect(queued).toEqual(['101']);
  });

  it('asks for at most five CRM writes a tab a minute, whatever the card was skipped for', async () => {
    const shown = ['1', '2', '3', '4', '5', '6'];
    leadBudget.admit(7, shown);
    leadBudget.admit(8, ['9']);
    const replies = [];
    for (const id of shown) replies.push((await mark(id, 'notALead', gmailTab(7))).done);
    expect(replies).toEqual([true, true, true, true, true, false]);
    expect(queued).toEqual(['1', '2', '3', '4', '5']);
    // Another tab has its own bound.
    expect((await mark('9', 'notALead', gmailTab(8))).done).toBe(true);
  });

  it('is refused while nothing is connected', async () => {
    await deleteAllSecrets();
    leadBudget.admit(7, ['101']);
    expect(await mark('101', 'notALead', gmailTab(7))).toEqual({ done: false });
    expect(queued).toEqual([]);
  });
});
