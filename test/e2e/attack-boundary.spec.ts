import { readCache } from './cache';
import { connectAndSync } from './connect';
import { contentWorld } from './content-world';
import { expect, test } from './fixtures';

// Attacks on the trust boundary from LeadLens's own content-script world — what a compromised renderer of Gmail, or
// a bug in our content script, would have — and from the options form. Run alone with `npx playwright test -g attack`.
// Each scenario of issue 14 that touches the background: the token, the storage side channel, bulk reads, marks for
// leads a page guessed, and where the token may go.

const GMAIL = 'https://mail.google.com/mail/u/0/#inbox';

// A fresh profile: replacing the token starts a sync, whose searches the next test would take for writes.
test('attack: the content-script world can neither read the token nor hear it change', async ({
  extension,
  portal,
}) => {
  test.setTimeout(120_000);
  const options = await connectAndSync(extension, portal);
  const gmail = await extension.context.newPage();
  await gmail.goto(GMAIL);
  const world = await contentWorld(gmail, extension.extensionId);

  // Everything each storage area lets this world see, as one string (or the refusal's text).
  const everything = await world.evaluate<string>(`(async () => {
    const seen = [];
    for (const area of ['local', 'session', 'sync']) {
      try { seen.push(JSON.stringify(await chrome.storage[area].get(null))); }
      catch (error) { seen.push('refused: ' + error.message); }
    }
    return seen.join('\\n');
  })()`);
  expect(everything).not.toContain(portal.token);
  expect(everything).not.toContain('hubspot.connection');

  // A listener for any storage change, then the token is replaced from the options page (same portal).
  await world.evaluate(`(() => {
    globalThis.__heard = [];
    try { chrome.storage.onChanged.addListener((changes) => globalThis.__heard.push(JSON.stringify(changes))); }
    catch (error) { globalThis.__heard.push('refused'); }
  })()`);
  const cachedBefore = (await readCache<unknown>(options, 'leads')).length;
  expect(cachedBefore).toBeGreaterThan(0);
  await options.getByTestId('replace-token').locator('summary').click();
  await options.getByTestId('replace-token-input').fill(portal.token);
  await options.getByTestId('replace-token-submit').click();
  await expect(options.getByTestId('replace-token-done')).toBeVisible({ timeout: 30_000 });
  // Replacing the token for the same portal keeps the cache.
  expect((await readCache<unknown>(options, 'leads')).length).toBe(cachedBefore);
  const heard = await world.evaluate<string[]>('globalThis.__heard');
  expect(heard.join('\n')).not.toContain(portal.token);

  // Its own page's storage holds nothing of ours either.
  expect(await gmail.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(portal.token);
  await world.close();
});

test('attack: writing storage keys from the content-script world queues no write to HubSpot', async ({
  connected: { extension, options },
  portal,
}) => {
  test.setTimeout(120_000);
  // With a lead status chosen, a real "Not a lead" writes to HubSpot: the side channel would have too.
  await options.getByTestId('not-a-lead-status').selectOption('UNQUALIFIED');
  await expect(options.getByTestId('not-a-lead-status')).toHaveValue('UNQUALIFIED');
  const leads = await readCache<{ id: string }>(options, 'leads');
  const ids = leads.slice(0, 20).map((lead) => lead.id);
  const writesBefore = portal.admin.writeLog().length;
  const statusOf = () => ids.map((id) => portal.admin.record('contacts', id)?.props.hs_lead_status);
  const statusBefore = statusOf();

  const gmail = await extension.context.newPage();
  await gmail.goto(GMAIL);
  const world = await contentWorld(gmail, extension.extensionId);
  const wrote = await world.evaluate<string>(`(async () => {
    try {
      await chrome.storage.local.set({ 'overlay.notALead': ${JSON.stringify(ids)}, 'marks.${portal.portalId}': { snoozes: {}, notALead: ${JSON.stringify(ids)} } });
      return 'written';
    } catch (error) { return 'refused: ' + error.message; }
  })()`);
  expect(wrote).toMatch(/^refused/);
  // A mark for leads this tab was never shown is refused by the background too.
  const marked = await world.evaluate<{ ok: boolean; data?: { done: boolean } }>(
    `chrome.runtime.sendMessage({ type: 'markLead', payload: { contactId: ${JSON.stringify(ids[0])}, mark: 'notALead' } })`,
  );
  expect(marked).toEqual({ ok: true, data: { done: false } });

  // Give a queued write every chance to go out: the outbox drains at once when something is queued.
  await gmail.waitForTimeout(3_000);
  const writes = portal.admin.writeLog().slice(writesBefore);
  expect(writes.filter((entry) => entry.method !== 'GET')).toEqual([]);
  expect(statusOf()).toEqual(statusBefore);
  const outbox = await readCache<unknown>(options, 'outbox');
  expect(outbox).toEqual([]);
  await world.close();
});

test('attack: a tab cannot read the cache in bulk, and is told about a bounded number of leads a minute', async ({
  connected: { extension, options },
}) => {
  test.setTimeout(120_000);
  const leads = await readCache<{ id: string; archived?: boolean }>(options, 'leads');
  const ids = leads.filter((lead) => !lead.archived).map((lead) => lead.id);
  expect(ids.length).toBeGreaterThan(200);

  const gmail = await extension.context.newPage();
  await gmail.goto(GMAIL);
  const world = await contentWorld(gmail, extension.extensionId);
  const send = (type: string, payload: unknown) =>
    world.evaluate<{ ok: boolean; error?: string; data?: { leads?: Array<{ id: string }>; limited?: boolean } }>(
      `chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`,
    );

  // One message may not ask for more than a screenful.
  const bulk = await send('leadContext', { contactIds: ids.slice(0, 101) });
  expect(bulk.ok).toBe(false);
  // Many small messages get no further than the tab's bound of distinct leads.
  const told = new Set<string>();
  let limited = false;
  for (let start = 0; start < ids.length; start += 100) {
    const reply = await send('leadContext', { contactIds: ids.slice(start, start + 100) });
    expect(reply.ok).toBe(true);
    for (const lead of reply.data?.leads ?? []) told.add(lead.id);
    limited ||= reply.data?.limited === true;
  }
  expect(limited).toBe(true);
  expect(told.size).toBe(200);
  // Messages for LeadLens's own pages are refused from a content script: no sync status, settings or export. Refused
  // for the sender, not as unknown or malformed, so a route renamed or removed cannot pass this by accident.
  for (const type of ['syncStatus', 'taggingSettings', 'connectionStatus', 'disconnect']) {
    const reply = await send(type, {});
    expect(reply, type).toEqual({ ok: false, error: 'this message is only accepted from LeadLens pages' });
  }
  await world.close();
});

test('attack: the token is sent only to HubSpot: plain http and foreign hosts are refused', async ({
  extension,
  portal,
}) => {
  const options = await extension.context.newPage();
  await options.goto(extension.extensionUrl('options.html'));
  const requestsBefore = portal.admin.counters().requests;
  for (const baseUrl of [
    'http://api.hubapi.com',
    'https://www.example-partner.com',
    'https://api.hubapi.com.example-partner.com',
    `https://127.0.0.1:${portal.tlsPort}`,
  ]) {
    const reply = await options.evaluate(
      ([token, url]) =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; data?: unknown }> } };
          }
        ).chrome.runtime.sendMessage({ type: 'connect', payload: { token, baseUrl: url } }),
      [portal.token, baseUrl] as const,
    );
    expect(reply, baseUrl).toMatchObject({ ok: true, data: { ok: false, reason: 'hostNotAllowed' } });
  }
  // Not one request reached the portal, which answers under every mapped host name.
  expect(portal.admin.counters().requests).toBe(requestsBefore);
  // The form offers HubSpot's API hosts only: there is no free-form address to type.
  await options.getByText('Advanced').click();
  await expect(options.getByTestId('api-host').locator('option')).toHaveText([
    'api.hubapi.com',
    'api-eu1.hubapi.com',
    'api-na2.hubapi.com',
  ]);
  await expect(options.locator('input[type="url"]')).toHaveCount(0);
});
