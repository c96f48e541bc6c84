import { HUBSPOT_API_HOSTS, HUBSPOT_APP_HOSTS } from '../../sites';

// HubSpot's URLs: the API's default base and the links LeadLens builds into HubSpot's app (the overlay's badges and
// cards, the panel's exports, notifications). The hosts come from lib/sites.ts; the URL shapes are the ones the
// API's own `url` field uses (docs/SITES.md, "HubSpot"). Pure.

/** Where the sync goes when no base URL is set (connect form, managed policy, the client's own default). */
export const DEFAULT_BASE_URL = `https://${HUBSPOT_API_HOSTS[0]}`;

/** Where a link goes when the account's `uiDomain` is missing or not one of HubSpot's app hosts. */
export const DEFAULT_APP_HOST = HUBSPOT_APP_HOSTS[0];

export type RecordObject = 'contact' | 'company' | 'deal';

/** HubSpot's object type ids, as record and index URLs carry them. */
export const OBJECT_TYPE_IDS: Readonly<Record<string, RecordObject>> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
};

function typeIdOf(object: RecordObject): string {
  return Object.entries(OBJECT_TYPE_IDS).find(([, name]) => name === object)?.[0] ?? '0-1';
}

/**
 * The host every link into HubSpot is built on: the account's `uiDomain` (account details, e.g. app-eu1.hubspot.com)
 * when it is exactly one of HUBSPOT_APP_HOSTS, else DEFAULT_APP_HOST. `uiDomain` comes from an API response or an
 * imported snapshot file, and a link built on it is opened by a user who trusts LeadLens, so `evil.example`,
 * `app.hubspot.com.evil.example`, `app.hubspot.com@evil.example` or a host with a port or path must not get through.
 * The list rather than a pattern such as `app(-xxx)?.hubspot.com`: it is the list the overlays' match patterns come
 * from, so a link lands on a page where LeadLens runs, and a new data centre is one line in lib/sites.ts for both.
 */
export function hubspotAppHost(uiDomain: string | undefined): string {
  const host = uiDomain?.trim().toLowerCase();
  return host !== undefined && (HUBSPOT_APP_HOSTS as readonly string[]).includes(host) ? host : DEFAULT_APP_HOST;
}

/** A link to a record in the account's own app host (checked by `hubspotAppHost`). */
export function recordUrl(
  uiDomain: string | undefined,
  portalId: string | number,
  object: RecordObject,
  id: string,
): string {
  // Ids come from the CRM or an imported file: encoded, so one cannot add path segments or a query.
  return `https://${hubspotAppHost(uiDomain)}/contacts/${encodeURIComponent(String(portalId))}/record/${typeIdOf(object)}/${encodeURIComponent(id)}`;
}

/** A link to an index view (`views/all/list` for all contacts) in the account's own app host. */
export function indexUrl(uiDomain: string | undefined, portalId: string | number, object: RecordObject): string {
  return `https://${hubspotAppHost(uiDomain)}/contacts/${encodeURIComponent(String(portalId))}/objects/${typeIdOf(object)}/views/all/list`;
}
