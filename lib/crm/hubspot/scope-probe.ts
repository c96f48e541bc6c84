import type { Part, ProbeOutcome, ScopeEvidence } from './feature-scopes';
import { API_PATHS, OBJECT_TYPE, TAG_PROPERTIES } from './properties';
import { type HttpResponse, missingScopesOf } from './transport';

// What a key can do, found by asking: one cheap request per part of a feature (feature-scopes.ts), none of which
// changes anything. Each answer speaks only for its own part: a 403 on deals says nothing about contacts or writes.
//
// HubSpot has no introspection a Service Key can use on the date-based API: GET /oauth/v1/access-tokens/{token}
// takes OAuth tokens only (it refuses `pat-` keys, hubspot-api-nodejs#530) and v1 OAuth goes in February 2027; the
// dated /oauth/2026-03/token/introspect needs an app's client secret; POST /oauth/v2/private-apps/get/access-token-info
// is documented for legacy private apps only, on a numbered path the transport refuses. So the probe asks per part.

export interface ProbeRequest {
  part: Part | 'tagProperties';
  method: 'GET' | 'PATCH' | 'POST';
  path: string;
  body?: unknown;
}

/**
 * Reads ask for one record; writes go where nothing can change: an update of record 0 (404 when allowed) and a
 * property definition with no fields (400 when allowed). HubSpot checks scopes before it looks at the record or body.
 */
export const PROBE_REQUESTS: readonly ProbeRequest[] = [
  { part: 'contacts', method: 'GET', path: `${API_PATHS.objects(OBJECT_TYPE.contacts)}?limit=1` },
  { part: 'engagements', method: 'GET', path: `${API_PATHS.objects(OBJECT_TYPE.calls)}?limit=1` },
  { part: 'emails', method: 'GET', path: `${API_PATHS.objects(OBJECT_TYPE.emails)}?limit=1` },
  { part: 'deals', method: 'GET', path: `${API_PATHS.objects(OBJECT_TYPE.deals)}?limit=1` },
  { part: 'owners', method: 'GET', path: `${API_PATHS.owners}?limit=1` },
  { part: 'pipelines', method: 'GET', path: API_PATHS.pipelines(OBJECT_TYPE.deals) },
  { part: 'propertyRead', method: 'GET', path: API_PATHS.property(OBJECT_TYPE.contacts, 'hs_lead_status') },
  { part: 'feedback', method: 'GET', path: `${API_PATHS.objects(OBJECT_TYPE.feedback)}?limit=1` },
  {
    part: 'contactWrite',
    method: 'PATCH',
    path: API_PATHS.object(OBJECT_TYPE.contacts, '0'),
    body: { properties: {} },
  },
  { part: 'propertyCreate', method: 'POST', path: API_PATHS.properties(OBJECT_TYPE.contacts), body: {} },
  { part: 'emailCreate', method: 'PATCH', path: API_PATHS.object(OBJECT_TYPE.emails, '0'), body: { properties: {} } },
  // Whether the first tag must create LeadLens's properties (and so needs the schema write scope).
  { part: 'tagProperties', method: 'GET', path: API_PATHS.property(OBJECT_TYPE.contacts, TAG_PROPERTIES.source) },
];

function categoryOf(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const category = (parsed as { category?: unknown }).category;
    return typeof category === 'string' ? category : undefined;
  } catch {
    return undefined;
  }
}

/** One answer read for its own part; writes count 400/404/409 as allowed (the scope check came first). */
export function outcomeOf(request: ProbeRequest, response: Pick<HttpResponse, 'status' | 'text'>): ProbeOutcome {
  const { status } = response;
  if (status === 403) {
    const category = categoryOf(response.text);
    // A body without a category (a proxy, an older answer) is read as a scope refusal when it names scopes.
    const named = missingScopesOf(response.text);
    if (category === 'MISSING_SCOPES' || (category === undefined && named.length > 0)) {
      return { state: 'refused', named };
    }
    return { state: 'refused', reason: category ?? 'FORBIDDEN' };
  }
  if (status >= 200 && status < 300) return { state: 'allowed' };
  if (request.method !== 'GET' && (status === 400 || status === 404 || status === 409)) return { state: 'allowed' };
  return { state: 'unknown' };
}

/** Thrown when HubSpot refuses the key itself: no part can tell anything. */
export class ProbeUnauthorizedError extends Error {
  constructor() {
    super('HubSpot refused the token');
    this.name = 'ProbeUnauthorizedError';
  }
}

/** Every probe, in order; the answers as evidence for judgeFeatures. `send` returns 4xx as values. */
export async function probeParts(
  send: (request: ProbeRequest) => Promise<Pick<HttpResponse, 'status' | 'text'>>,
): Promise<ScopeEvidence> {
  const probes: Partial<Record<Part, ProbeOutcome>> = {};
  let tagPropertiesExist: boolean | undefined;
  for (const request of PROBE_REQUESTS) {
    const response = await send(request);
    if (response.status === 401) throw new ProbeUnauthorizedError();
    if (request.part === 'tagProperties') {
      if (response.status === 200) tagPropertiesExist = true;
      else if (response.status === 404) tagPropertiesExist = false;
      continue;
    }
    probes[request.part] = outcomeOf(request, response);
  }
  return { probes, ...(tagPropertiesExist === undefined ? {} : { tagPropertiesExist }) };
}
