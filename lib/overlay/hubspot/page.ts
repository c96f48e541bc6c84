// HubSpot's URL shapes, as the overlay reads them from the page it runs on (docs/SITES.md, "HubSpot"; observed
// 2026): record pages `/contacts/{portalId}/record/{typeId}/{id}` — the form the API's own `url` field uses — plus
// the legacy `/contact/{id}`, `/company/{id}`, `/deal/{id}`; index views
// `/contacts/{portalId}/objects/{typeId}/views/{view}/{list|board}`. URLs outlive HubSpot's generated class names.
// The links LeadLens builds into HubSpot are in lib/crm/hubspot/urls.ts.

import { OBJECT_TYPE_IDS, type RecordObject } from '../../crm/hubspot/urls';

const LEGACY: Record<string, RecordObject> = { contact: 'contact', company: 'company', deal: 'deal' };

export interface RecordRef {
  portalId: string;
  object: RecordObject;
  id: string;
}

export type HubSpotPage =
  | { kind: 'record'; record: RecordRef }
  | { kind: 'index'; portalId: string; object: RecordObject; layout: 'list' | 'board' }
  | { kind: 'other' };

const RECORD = /^\/contacts\/(\d+)\/record\/(0-[123])\/(\d+)(?:\/|$)/;
const LEGACY_RECORD = /^\/contacts\/(\d+)\/(contact|company|deal)\/(\d+)(?:\/|$)/;
const INDEX = /^\/contacts\/(\d+)\/objects\/(0-[123])\/views\/[^/]+\/(list|board)(?:\/|$)/;

/** A record reference from a path, or null; used for the page itself and for every link on it. */
export function recordFromPath(pathname: string): RecordRef | null {
  const modern = RECORD.exec(pathname);
  if (modern) {
    const [, portalId = '', typeId = '', id = ''] = modern;
    const object = OBJECT_TYPE_IDS[typeId];
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
    const object = OBJECT_TYPE_IDS[typeId];
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
