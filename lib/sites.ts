// The sites LeadLens works on, listed once. Everything that names a host derives from here: the manifest's host
// permissions (wxt.config.ts), each content script's match patterns (entrypoints/*.content), the background's
// sender check and open-tab refresh (entrypoints/background.ts, lib/background/overlay-refresh.ts), the work-tab
// watcher (lib/background/work-tabs.ts), the token's host allow-list (lib/crm/hubspot/api-hosts.ts) and the links into
// HubSpot (lib/crm/hubspot/urls.ts). Pure: wxt.config.ts imports it at
// build time, outside any browser. What we know of each site's page is in docs/SITES.md.

/** The overlay adapters: `lib/overlay/<adapter>/` reads the page, `entrypoints/<adapter>.content/` runs it. */
export type OverlayAdapter = 'hubspot' | 'gmail' | 'outlook';

export interface Site {
  /** The site as users call it. */
  name: string;
  adapter: OverlayAdapter;
  /** The page hosts, served over https only; a content script matches every path on them. */
  hosts: readonly string[];
}

/**
 * HubSpot's app, one host per data centre (US, EU, North America 2). The first is the default, where a link goes
 * when the account's own host is unknown. The account-details call names the account's host (`uiDomain`); a new data
 * centre is one line here, for the overlay and the links alike.
 */
export const HUBSPOT_APP_HOSTS = ['app.hubspot.com', 'app-eu1.hubspot.com', 'app-na2.hubspot.com'] as const;

/** HubSpot's API, the only hosts the token is sent to; the first is the default base URL. */
export const HUBSPOT_API_HOSTS = ['api.hubapi.com', 'api-eu1.hubapi.com', 'api-na2.hubapi.com'] as const;

export const SITES: readonly Site[] = [
  { name: 'HubSpot', adapter: 'hubspot', hosts: HUBSPOT_APP_HOSTS },
  { name: 'Gmail', adapter: 'gmail', hosts: ['mail.google.com'] },
  {
    name: 'Outlook on the web',
    adapter: 'outlook',
    // Work or school accounts (office.com and its older office365.com name) and personal accounts (live.com).
    hosts: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'],
  },
];

/** Match patterns for every path on each host, over https. */
export function matchPatterns(hosts: readonly string[]): string[] {
  return hosts.map((host) => `https://${host}/*`);
}

/** Every page host an overlay runs on, in the order of SITES. */
export const PAGE_HOSTS: readonly string[] = SITES.flatMap((site) => site.hosts);

/** The hosts one overlay adapter serves. */
export function hostsOf(adapter: OverlayAdapter): string[] {
  return SITES.filter((site) => site.adapter === adapter).flatMap((site) => site.hosts);
}

/** A content script's `matches`: the pages of the sites its adapter serves. */
export function contentScriptMatches(adapter: OverlayAdapter): string[] {
  return matchPatterns(hostsOf(adapter));
}

/** The manifest's `host_permissions`: HubSpot's API (the sync) and every page an overlay runs on. */
export const HOST_PERMISSIONS: readonly string[] = matchPatterns([...HUBSPOT_API_HOSTS, ...PAGE_HOSTS]);
