import { expect, type Page, test } from '@playwright/test';
import type { RunningPortal } from '../fake-hubspot/server';
import { startPortal } from '../fake-hubspot/server';
import { cluesFrom, readPageForTagger } from '../../lib/tagging/read-page';
import { type LaunchedExtension, launchWithExtension } from '../support/browser';
import { readCache } from './cache';
import { connectAndSync, syncNow } from './connect';
import { screenshot } from './screenshot';

// The tagger on a partner's landing page (UTM parameters, addresses in the text and in mailto links), and the outbox
// under the worst a marketer's afternoon can bring: HubSpot unreachable, 50 tags made meanwhile (several per contact,
// interleaved, one creating a new lead), the service worker stopped, then HubSpot back. Run alone with `-g outbox`.

const LANDING = 'https://www.example-partner.com/webinar?utm_source=partner&utm_medium=webinar&utm_campaign=q4-launch';

interface StoredRow {
  id: string;
  seq: number;
  state: string;
  contactId?: string;
  tag: { email: string; source: string; campaign?: string };
}

/** What the context-menu click does in the background: read the page (as `scripting.executeScript` would, with the
 * same self-contained function), keep the clues, and open the tagger on them. Playwright cannot click a browser
 * menu, so the test performs these steps itself; everything after is the product's own code. */
async function openTaggerOn(extension: LaunchedExtension, landing: Page): Promise<Page> {
  const raw = await landing.evaluate(readPageForTagger);
  const clues = cluesFrom(raw, { url: landing.url(), title: await landing.title() });
  const tagger = await extension.context.newPage();
  await tagger.goto(extension.extensionUrl('options.html'));
  await tagger.evaluate(async (value) => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
    };
    await chrome.storage.local.set({ 'tagger.clues': { 'from-test': { clues: value, at: Date.now() } } });
  }, clues);
  await tagger.goto(extension.extensionUrl('tagger.html#from-test'));
  await expect(tagger.getByTestId('tagger')).toHaveAttribute('data-ready', 'true');
  return tagger;
}

async function tag(tagger: Page, email: string, source: string, campaign: string): Promise<void> {
  await tagger.getByTestId('tagger-email').fill(email);
  await tagger.getByTestId('tagger-source').fill(source);
  await tagger.getByTestId('tagger-campaign').fill(campaign);
  await tagger.getByTestId('tagger-submit').click();
  await expect(tagger.getByTestId('tagger-status')).toContainText(email);
}

function contactProps(portal: RunningPortal, id: string) {
  return portal.admin.record('contacts', id)?.props ?? {};
}

test.describe('tagging', () => {
  let portal: RunningPortal;
  let extension: LaunchedExtension;
  test.beforeAll(async () => {
    portal = await startPortal({ contacts: 250, seed: 11 });
  });
  test.afterAll(async () => {
    await portal.close();
  });
  test.beforeEach(async () => {
    extension = await launchWithExtension({ tlsPort: portal.tlsPort });
  });
  test.afterEach(async () => {
    await extension.context.close();
  });

  test('the tagger reads the landing page, refuses bad input inline, and writes a tag to HubSpot', async () => {
    // The portal's request log from here on is the product's alone: a full sync, a tag write, an incremental sync.
    portal.admin.resetCounters();
    const options = await connectAndSync(extension, portal);
    const landing = await extension.context.newPage();
    await landing.goto(LANDING);
    const tagger = await openTaggerOn(extension, landing);

    await expect(tagger.getByTestId('tagger-utm')).toContainText('q4-launch');
    await expect(tagger.getByTestId('tagger-utm')).toContainText('utm_medium');
    await expect(tagger.getByTestId('tagger-source')).toHaveValue('partner');
    await expect(tagger.getByTestId('tagger-campaign')).toHaveValue('q4-launch');
    await expect(tagger.getByTestId('tagger-url')).toHaveValue(LANDING);
    const addresses = await tagger.getByTestId('tagger-address').allTextContents();
    expect(addresses).toContain('events@example-partner.com');

    // Bad input: an invalid address and markup in the source are refused inline and nothing reaches the outbox.
    await tagger.getByTestId('tagger-email').fill('not-an-address');
    await tagger.getByTestId('tagger-source').fill('<img src=x onerror=alert(1)>');
    await tagger.getByTestId('tagger-submit').click();
    await expect(tagger.getByTestId('tagger-error-email')).toBeVisible();
    await expect(tagger.getByTestId('tagger-error-source')).toBeVisible();
    await tagger.getByTestId('tagger-source').fill(`partner\u202Eevil`);
    await tagger.getByTestId('tagger-submit').click();
    await expect(tagger.getByTestId('tagger-error-source')).toBeVisible();
    expect(await readCache(options, 'outbox')).toHaveLength(0);

    // A speaker on the page who is a known lead: pick the address, keep the page's UTM source and campaign.
    const leads = (await readCache(options, 'leads')) as { id: string; email: string }[];
    const known = addresses.map((address) => leads.find((lead) => lead.email === address)).find(Boolean);
    expect(known, 'a speaker on the landing page is a known lead').toBeDefined();
    if (!known) return;
    await tagger.getByTestId('tagger-source').fill('partner');
    await tagger.getByRole('button', { name: new RegExp(known.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await expect(tagger.getByTestId('tagger-known')).toBeVisible();
    await tagger.getByTestId('tagger-submit').click();
    const row = tagger.locator(`[data-testid="outbox-row"][data-email="${known.email}"]`);
    await expect(row).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });
    await screenshot(tagger, 'tagger');
    const props = contactProps(portal, known.id);
    expect(props.leadlens_source).toBe('partner');
    expect(props.leadlens_campaign).toBe('q4-launch');

    // Every request went to HubSpot's date-based API (v3 and v4 go unsupported in 2027).
    await syncNow(options);
    const routes = Object.keys(portal.admin.counters().byRoute);
    expect(routes).toEqual(expect.arrayContaining(['POST /crm/objects/{version}/{type}/search']));
    expect(routes.some((route) => route.startsWith('PATCH /crm/objects/{version}/'))).toBe(true);
    expect(routes.filter((route) => /\/v\d+(\/|$)/.test(route))).toEqual([]);
    expect(props.leadlens_tagged_url).toBe(LANDING);
    // The tag shows at once in the cache the badges and the ROI panel read (the tag wins over the CRM source).
    const cached = ((await readCache(options, 'leads')) as { id: string; effectiveSource: string }[]).find(
      (lead) => lead.id === known.id,
    );
    expect(cached?.effectiveSource).toBe('partner');

    // The manager's own dropdown property as a second target: options are checked before a tag is queued, a label
    // is written as its option's value.
    const created = await fetch(`${portal.httpUrl}/crm/v3/properties/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${portal.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'team_lead_source',
        label: 'Team lead source',
        type: 'enumeration',
        fieldType: 'select',
        groupName: 'contactinformation',
        options: [
          { value: 'partner_referral', label: 'Partner referral' },
          { value: 'trade_show', label: 'Trade show' },
        ],
      }),
    });
    expect(created.status).toBe(201);
    await options.reload();
    await options.getByTestId('tagging-target-input').fill('no_such_property');
    await options.getByTestId('tagging-target-save').click();
    await expect(options.getByTestId('tagging-target-problem')).toBeVisible();
    await options.getByTestId('tagging-target-input').fill('team_lead_source');
    await options.getByTestId('tagging-target-save').click();
    await expect(options.getByTestId('tagging-target-summary')).toContainText('Team lead source');
    await tagger.reload();
    await tagger.getByTestId('tagger-email').fill(known.email);
    await tagger.getByTestId('tagger-source').fill('Billboard');
    await tagger.getByTestId('tagger-submit').click();
    await expect(tagger.getByTestId('tagger-error-source')).toContainText('Partner referral');
    await tagger.getByTestId('tagger-source').fill('Partner referral');
    await tagger.getByTestId('tagger-submit').click();
    await expect(tagger.getByTestId('tagger-status')).toContainText(known.email);
    await expect(tagger.locator('[data-testid="outbox-row"][data-state="applied"]')).toHaveCount(2, {
      timeout: 30_000,
    });
    expect(contactProps(portal, known.id).team_lead_source).toBe('partner_referral');

    // Hebrew: the tagger is translated and right to left.
    await tagger.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { local: { set(items: object): Promise<void> } } };
      };
      await chrome.storage.local.set({ settings: { version: 1, language: 'he' } });
    });
    await expect(tagger.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(tagger.locator('h1')).toHaveText('תיוג מקור ליד');
    await screenshot(tagger, 'tagger-he');
  });

  test('outbox: 50 tags made offline, worker stopped, all applied in order once HubSpot answers', async () => {
    test.setTimeout(240_000);
    const options = await connectAndSync(extension, portal);
    const landing = await extension.context.newPage();
    await landing.goto(LANDING);
    const tagger = await openTaggerOn(extension, landing);

    // Twelve known leads with addresses no other contact shares (the portal has the same address in other cases).
    const leads = (await readCache(options, 'leads')) as { id: string; email: string; emails: string[] }[];
    const counts = new Map<string, number>();
    for (const lead of leads) for (const address of lead.emails) counts.set(address, (counts.get(address) ?? 0) + 1);
    const targets = leads.filter((lead) => lead.email !== '' && counts.get(lead.email) === 1).slice(0, 12);
    expect(targets).toHaveLength(12);

    const cdp = await extension.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    const writesBefore = portal.admin.writeLog().length;
    await portal.admin.setOffline('refuse');

    // 49 tags round-robin over the twelve (4–5 each, interleaved) and one new lead, made while HubSpot is away.
    const newLead = `webinar.guest.${Date.now()}@example.org`;
    for (let index = 0; index < 49; index += 1) {
      const target = targets[index % targets.length];
      if (!target) continue;
      await tag(tagger, target.email, `src-${index}`, `camp-${index}`);
      if (index === 20 || index === 35) await cdp.send('ServiceWorker.stopAllWorkers');
    }
    await tagger.getByTestId('tagger-email').fill(newLead);
    await expect(tagger.getByTestId('tagger-create')).toBeVisible();
    await tagger.getByTestId('tagger-source').fill('src-new');
    await tagger.getByTestId('tagger-campaign').fill('camp-new');
    await tagger.getByTestId('tagger-submit').click();
    await expect(tagger.getByTestId('tagger-error-create')).toBeVisible();
    await tagger.getByTestId('tagger-create-confirm').check();
    await tagger.getByTestId('tagger-firstname').fill('Webinar');
    await tagger.getByTestId('tagger-lastname').fill('Guest');
    await tagger.getByTestId('tagger-submit').click();
    await expect(tagger.getByTestId('tagger-status')).toContainText(newLead);

    await cdp.send('ServiceWorker.stopAllWorkers');
    let rows = (await readCache(options, 'outbox')) as StoredRow[];
    expect(rows.filter((row) => row.tag.source.startsWith('src-'))).toHaveLength(50);
    expect(rows.some((row) => row.state === 'applied' && row.tag.source !== 'partner')).toBe(false);

    await portal.admin.setOffline(false);
    // Any extension event wakes the stopped worker; it resumes the outbox from IndexedDB.
    await options.evaluate(() => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
      };
      return chrome.runtime.sendMessage({ type: 'ping', payload: {} });
    });
    await expect
      .poll(
        async () =>
          ((await readCache(options, 'outbox')) as StoredRow[]).filter((row) => row.state !== 'applied').length,
        {
          timeout: 180_000,
          intervals: [1000],
        },
      )
      .toBe(0);
    await expect(tagger.locator('[data-testid="outbox-row"][data-state="applied"]')).toHaveCount(50);

    // Each contact ends with its latest tag's values.
    rows = (await readCache(options, 'outbox')) as StoredRow[];
    for (const target of targets) {
      const latest = rows.filter((row) => row.tag.email === target.email).sort((a, b) => b.seq - a.seq)[0];
      expect(latest).toBeDefined();
      const props = contactProps(portal, target.id);
      expect(props.leadlens_source, target.email).toBe(latest?.tag.source);
      expect(props.leadlens_campaign, target.email).toBe(latest?.tag.campaign);
    }
    const created = portal.admin.records('contacts').find((record) => record.props.email === newLead);
    expect(created?.props.firstname).toBe('Webinar');
    expect(created?.props.leadlens_source).toBe('src-new');

    // The portal's log of writes: per contact, tags arrive in the order they were made; a tag is repeated only as a
    // retry of itself (never after a newer one).
    const tagIndex = (source: string) => (source === 'src-new' ? 0 : Number(source.slice('src-'.length)));
    const perContact = new Map<string, number[]>();
    for (const entry of portal.admin.writeLog().slice(writesBefore)) {
      const match = /^\/crm\/objects\/2026-09\/contacts\/(\d+)$/.exec(entry.path);
      const source = (entry.body as { properties?: Record<string, string> } | undefined)?.properties?.leadlens_source;
      if (entry.method !== 'PATCH' || !match?.[1] || !source?.startsWith('src-') || entry.status !== 200) continue;
      perContact.set(match[1], [...(perContact.get(match[1]) ?? []), tagIndex(source)]);
    }
    for (const target of targets) {
      const sequence = perContact.get(target.id) ?? [];
      const made = rows.filter((row) => row.tag.email === target.email).map((row) => tagIndex(row.tag.source));
      expect(new Set(sequence), `${target.email}: every tag applied`).toEqual(new Set(made));
      for (let index = 1; index < sequence.length; index += 1) {
        expect(sequence[index] ?? 0, `${target.email}: ${sequence.join(',')}`).toBeGreaterThanOrEqual(
          sequence[index - 1] ?? 0,
        );
      }
    }
  });
});
