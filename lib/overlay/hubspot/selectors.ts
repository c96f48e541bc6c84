import type { SiteHealth } from '../health';
import type { SiteSelector } from '../selector';
import { hubspotPage } from './page';

// HubSpot's app (docs/SITES.md, "HubSpot"). Class names are generated per release; records are found by their
// links, whose URL shape is the one the API's own `url` field uses.

/** Links to contact and deal records in index tables, board cards and association cards. */
export const recordLink: SiteSelector = {
  name: 'hubspot.recordLink',
  primary: 'a[href*="/record/0-1/"], a[href*="/record/0-3/"]',
  // Legacy URLs, still met in older views and e-mailed links (2025).
  fallback: 'a[href*="/contact/"], a[href*="/deal/"]',
};

/** The record page's heading (the record's name): its strip goes right under it. */
export const recordHeading: SiteSelector = {
  name: 'hubspot.recordHeading',
  primary: 'main h1',
  // Unverified 2026: some layouts put the name in a level-one heading outside <main>.
  fallback: '[role="main"] h1, h1',
};

/**
 * What this module expects on a loaded page (checked against the replica on the date below; no capture of HubSpot
 * exists): an index table with rows, or a board with cards, shows records; a contact's record page shows its name.
 * Only once the connected portal is known, since only its records are anchored.
 */
export const hubspotHealth: SiteHealth = {
  checked: '2026-12-02',
  expectations: [
    {
      name: 'hubspot.index',
      view: (location) => hubspotPage(location).kind === 'index',
      loaded: 'table tbody tr > td + td, [role="list"] [role="listitem"] a',
      needsPortal: true,
    },
    {
      name: 'hubspot.record',
      view: (location) => {
        const page = hubspotPage(location);
        return page.kind === 'record' && page.record.object === 'contact';
      },
      loaded: 'h1',
      needsPortal: true,
    },
  ],
};
