// The sites LeadLens overlays. The manifest's match patterns (wxt.config.ts and each content script) and the
// background's sender check both derive from these lists, so they cannot drift apart.
export const HUBSPOT_APP_HOSTS = ['app.hubspot.com', 'app-eu1.hubspot.com', 'app-na2.hubspot.com'] as const;
export const GMAIL_HOSTS = ['mail.google.com'] as const;
export const OUTLOOK_HOSTS = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'] as const;
export const HUBSPOT_API_HOSTS = ['api.hubapi.com', 'api-eu1.hubapi.com', 'api-na2.hubapi.com'] as const;

export const OVERLAY_HOSTS: readonly string[] = [...HUBSPOT_APP_HOSTS, ...GMAIL_HOSTS, ...OUTLOOK_HOSTS];

export function matchPatterns(hosts: readonly string[]): string[] {
  return hosts.map((host) => `https://${host}/*`);
}

export type ApiBaseCheck = { ok: true; baseUrl: string } | { ok: false; problem: string };

/**
 * The token goes only to HubSpot: a base URL is accepted when it is `https://` on one of HubSpot's API hosts, with no
 * credentials, port or path. The local portal is reached under these same host names (the browser maps them), so
 * tests need no way around this. Returns the canonical `https://host` form, or the problem in words.
 */
export function checkApiBase(value: string): ApiBaseCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, problem: `"${value.slice(0, 80)}" is not a URL` };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: `only https:// is allowed, not ${url.protocol}//` };
  if (url.username || url.password) return { ok: false, problem: 'a URL with a user name or password is not allowed' };
  if (url.port) return { ok: false, problem: `a port (${url.port}) is not allowed` };
  if (!(HUBSPOT_API_HOSTS as readonly string[]).includes(url.hostname))
    return { ok: false, problem: `${url.hostname} is not a HubSpot API host (${HUBSPOT_API_HOSTS.join(', ')})` };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return { ok: false, problem: 'the API address takes no path or query' };
  return { ok: true, baseUrl: `https://${url.hostname}` };
}

/** Before every request: the request's URL is on an allowed API host over https. */
export function isAllowedApiUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' &&
      !url.username &&
      !url.password &&
      !url.port &&
      (HUBSPOT_API_HOSTS as readonly string[]).includes(url.hostname)
    );
  } catch {
    return false;
  }
}
