import type { RunningPortal } from '../fake-hubspot/server';
import { truncate } from '../../lib/overlay/badge-model';
import { readCache } from './cache';
import { expect, test } from './fixtures';
import { OverlayDom } from './overlay-dom';

// HubSpot deal lists (issue 19): each deal card of the board carries the badge of the deal's primary contact (its
// first associated contact) when that contact is a cached lead, and only then.

function primaryContact(portal: RunningPortal, dealId: string): string | undefined {
  const id = portal.admin.store.associatedIds('deals', Number(dealId), 'contacts')[0];
  return id === undefined ? undefined : String(id);
}

test("deal cards on the board carry their primary contact's badge", async ({
  connected: { extension, options },
  portal,
}) => {
  const cached = new Set(
    (await readCache<{ id: string; archived?: boolean }>(options, 'leads'))
      .filter((lead) => !lead.archived)
      .map((lead) => lead.id),
  );
  const board = await extension.context.newPage();
  await board.goto(`https://app.hubspot.com/contacts/${portal.portalId}/objects/0-3/views/all/board`);
  const hrefs = await board
    .locator('a[href*="/record/0-3/"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const primaries = hrefs.map((href) => primaryContact(portal, /\/record\/0-3\/(\d+)/.exec(href)?.[1] ?? ''));
  const expected = primaries.filter((id) => id !== undefined && cached.has(id));
  expect(expected.length).toBeGreaterThan(0);

  const dom = await OverlayDom.open(board);
  await expect.poll(async () => (await dom.badges()).length).toBe(expected.length);
  // Each badge is beside a deal link and names that deal's primary contact.
  for (const badge of await dom.badges()) {
    const dealId = /\/record\/0-3\/(\d+)/.exec(badge.after?.attributes.href ?? '')?.[1] ?? '';
    const contact = portal.admin.record('contacts', primaryContact(portal, dealId) ?? '');
    const name = `${contact?.props.firstname ?? ''} ${contact?.props.lastname ?? ''}`.trim();
    // The badge names at most 60 characters of it, as every badge does (the demo's day-seeded names can be longer).
    expect(badge.label).toContain(`Lead ${truncate(name, 60)}`);
  }
});
