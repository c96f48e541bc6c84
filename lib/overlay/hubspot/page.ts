// HubSpot's URL shapes (SITES.md, observed 2026): record pages `/contacts/{portalId}/record/{typeId}/{id}` — the form
// the API's own `url` field uses — plus the legacy `/contact/{id}`, `/company/{id}`, `/deal/{id}`; index views
// `/contacts/{portalId}/objects/{typeId}/views/{view}/{list|board}`. URLs outlive HubSpot's generated class names.

import { HUBSPOT_APP_HOSTS } from '../hosts';

export type HubSpotObject = 'contact' | 'company' | 'deal';

const TYPE_IDS: Record<string, HubSpotObject> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal' };
const LEGACY: Record<string, HubSpotObject> = { contact: 'contact', company: 'company', deal: 'deal' };

export interface RecordRef {
  portalId: string;
  object: HubSpotObject;
  id: string;
}

export type HubSpotPage =
  | { kind: 'record'; record: RecordRef }
  | { kind: 'index'; portalId: string; object: HubSpotObject; layout: 'list' | 'board' }
  | { kind: 'other' };

const RECORD = /^\/contacts\/(\d+)\/record\/(0-[123])\/(\d+)(?:\/|$)/;
const LEGACY_RECORD = /^\/contacts\/(\d+)\/(contact|company|deal)\/(\d+)(?:\/|$)/;
const INDEX = /^\/contacts\/(\d+)\/objects\/(0-[123])\/views\/[^/]+\/(list|board)(?:\/|$)/;

/** A record reference from a path, or null; used for the page itself and for every link on it. */
export function recordFromPath(pathname: string): RecordRef | null {
  const modern = RECORD.exec(pathname);
  if (modern) {
    const [, portalId = '', typeId = '', id = ''] = modern;
    const object = TYPE_IDS[typeId];
    return object ? { portalId, object, id } : null;
  }
  const legacy = LEGACY_RECORD.exec(pathname);
  if (legacy) {
    const [, portalId = '', kind = '', id = ''] = legacy;
    const object = LEGACY[kind];
    return object ? { portalId, object, id } : null;
  }
  return null;
}

export function hubspotPage(location: Pick<Location, 'pathname'> = globalThis.location): HubSpotPage {
  const record = recordFromPath(location.pathname);
  if (record) return { kind: 'record', record };
  const index = INDEX.exec(location.pathname);
  if (index) {
    const [, portalId = '', typeId = '', layout] = index;
    const object = TYPE_IDS[typeId];
    if (object) return { kind: 'index', portalId, object, layout: layout === 'board' ? 'board' : 'list' };
  }
  return { kind: 'other' };
}

/** The record a link points to, if it is a HubSpot record link (absolute or relative). */
export function recordFromHref(href: string, base: string): RecordRef | null {
  try {
    return recordFromPath(new URL(href, base).pathname);
  } catch {
    return null;
  }
}

/** Where a link goes when the account's `uiDomain` is missing or not one of HubSpot's app hosts. */
export const DEFAULT_APP_HOST = 'app.hubspot.com';

/**
 * The host every link into HubSpot is built on: the account's `uiDomain` (account details, e.g. app-eu1.hubspot.com)
 * when it is exactly one of HUBSPOT_APP_HOSTS, else app.hubspot.com. `uiDomain` comes from an API response or an
 * imported snapshot file, and a link built on it is opened by a user who trusts LeadLens, so `evil.example`,
 * `app.hubspot.com.evil.example`, `app.hubspot.com@evil.example` or a host with a port or path must not get through.
 * The list rather than a pattern such as `app(-xxx)?.hubspot.com`: it is the list the overlays' match patterns come
 * from, so a link lands on a page where LeadLens runs, and a new data centre is one line there for both.
 */
export function hubspotAppHost(uiDomain: string | undefined): string {
  const host = uiDomain?.trim().toLowerCase();
  return host !== undefined && (HUBSPOT_APP_HOSTS as readonly string[]).includes(host) ? host : DEFAULT_APP_HOST;
}

/** A link to a record in the account's own app host (checked by `hubspotAppHost`). */
export function recordUrl(
  uiDomain: string | undefined,
  portalId: string | number,
  object: HubSpotObject,
  id: string,
): string {
  const typeId = Object.entries(TYPE_IDS).find(([, name]) => name === object)?.[0] ?? '0-1';
  // Ids come from the CRM or an imported file: encoded, so one cannot add path segments or a query.
  return `https://${hubspotAppHost(uiDomain)}/contacts/${encodeURIComponent(String(portalId))}/record/${typeId}/${encodeURIComponent(id)}`;
}

/** A link to an index view (`views/all/list` for all contacts) in the account's own app host. */
export function indexUrl(uiDomain: string | undefined, portalId: string | number, object: HubSpotObject): string {
  const typeId = Object.entries(TYPE_IDS).find(([, name]) => name === object)?.[0] ?? '0-1';
  return `https://${hubspotAppHost(uiDomain)}/contacts/${encodeURIComponent(String(portalId))}/objects/${typeId}/views/all/list`;
}
