// HubSpot's date-based API: the version replaces `v3`/`v4` after the API's name (`/crm/objects/2026-09/contacts`), a
// new one is generally available each March and September, and each is supported for 18 months. HubSpot retires
// `/crm/v4/…` on 30 March 2027 and v1–v3 in September 2027, and asks integrations to move straight to a dated path.
// Moving to the next release is this one line, plus the contract tests (test/integration/crm/dated-paths.test.ts).

/** The newest generally available version (2026-09, shipped 8 September 2026; 2027-03 is still a beta). */
export const HUBSPOT_API_VERSION = '2026-09';

// The official client's generated modules still build v3 and v4 paths; each of them has one dated equivalent.
const legacyApis: ReadonlyArray<{ pattern: RegExp; dated: (rest: string) => string }> = [
  { pattern: /^\/crm\/v3\/objects(\/.*)?$/, dated: (rest) => `/crm/objects/${HUBSPOT_API_VERSION}${rest}` },
  // The owners list was `/crm/v3/owners/`; the dated path has no trailing slash.
  { pattern: /^\/crm\/v3\/owners(\/.*)?$/, dated: (rest) => `/crm/owners/${HUBSPOT_API_VERSION}${trimSlash(rest)}` },
  { pattern: /^\/crm\/v3\/pipelines(\/.*)?$/, dated: (rest) => `/crm/pipelines/${HUBSPOT_API_VERSION}${rest}` },
  { pattern: /^\/crm\/v3\/properties(\/.*)?$/, dated: (rest) => `/crm/properties/${HUBSPOT_API_VERSION}${rest}` },
  {
    pattern: /^\/crm\/v4\/associations(\/.*)?$/,
    dated: (rest) => `/crm/associations/${HUBSPOT_API_VERSION}${rest}`,
  },
  { pattern: /^\/account-info\/v3(\/.*)?$/, dated: (rest) => `/account-info/${HUBSPOT_API_VERSION}${rest}` },
];

function trimSlash(rest: string): string {
  return rest === '/' ? '' : rest;
}

/** A path in HubSpot's numbered scheme (`/crm/v3/…`, `/account-info/v3/…`), which LeadLens no longer sends. */
export function isLegacyPath(pathname: string): boolean {
  return /^\/[a-z-]+(\/[a-z-]+)?\/v\d+(\/|$)/.test(pathname);
}

/** Thrown for a numbered path with no dated equivalent here: a new call must be added to the list above. */
export class LegacyPathError extends Error {
  constructor(readonly pathname: string) {
    super(`LeadLens calls only HubSpot's date-based API (${HUBSPOT_API_VERSION}); ${pathname} has no dated path`);
    this.name = 'LegacyPathError';
  }
}

/**
 * The URL with its path moved to the dated version; query and host unchanged. Dated and other paths pass through; a
 * numbered path this module does not know is refused rather than sent.
 */
export function datedUrl(url: string): string {
  const parsed = new URL(url);
  for (const { pattern, dated } of legacyApis) {
    const match = pattern.exec(parsed.pathname);
    if (match) {
      parsed.pathname = dated(match[1] ?? '');
      return parsed.toString();
    }
  }
  if (isLegacyPath(parsed.pathname)) throw new LegacyPathError(parsed.pathname);
  return url;
}
