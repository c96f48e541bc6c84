import { HUBSPOT_API_HOSTS, matchPatterns, PAGE_HOSTS } from '../../sites';

// The background's host checks, derived from the one list of sites (lib/sites.ts): the pages whose content scripts
// may message it and that it refreshes, and the API hosts the token may go to. The names are kept for their
// importers (the background, the connect form).
export { HUBSPOT_API_HOSTS, matchPatterns };

export const OVERLAY_HOSTS: readonly string[] = PAGE_HOSTS;

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
