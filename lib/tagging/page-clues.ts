// What a page tells a marketer about where a lead came from: the addresses on it, its UTM parameters and the
// referring domain. Pure functions of text and URLs, so the tagger's content side stays a thin reader of the DOM.

export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type Utm = Partial<Record<UtmKey, string>>;

/** UTM parameters of a URL; names are matched case-insensitively because hand-built links vary. */
export function utmOf(url: string): Utm {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  const utm: Utm = {};
  for (const [name, value] of parsed.searchParams) {
    const key = name.toLowerCase() as UtmKey;
    if ((UTM_KEYS as readonly string[]).includes(key) && value.trim() !== '' && utm[key] === undefined) {
      utm[key] = value.trim();
    }
  }
  return utm;
}

/** The referring site's host without `www.`, or undefined for none, for our own host, or a non-web referrer. */
export function referringDomain(referrer: string, currentUrl: string): string | undefined {
  try {
    const from = new URL(referrer);
    if (from.protocol !== 'https:' && from.protocol !== 'http:') return undefined;
    const here = new URL(currentUrl);
    if (from.hostname === here.hostname) return undefined;
    return from.hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

// Deliberately narrower than RFC 5322: a marketer picks from these, and a false positive (an image name like
// logo@2x.png) is worse than missing an exotic address, which can still be typed.
const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/g;
const NOT_A_DOMAIN_END = /\.(png|jpe?g|gif|webp|svg|css|js)$/i;

/** Distinct addresses in order of first appearance, lower-cased (HubSpot compares e-mails case-insensitively). */
export function addressesIn(text: string, limit = 50): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(ADDRESS)) {
    const address = match[0].toLowerCase().replace(/\.+$/, '');
    if (NOT_A_DOMAIN_END.test(address)) continue;
    seen.add(address);
    if (seen.size >= limit) break;
  }
  return [...seen];
}

/** `mailto:` links carry addresses that the visible text may not show. */
export function addressFromMailto(href: string): string | undefined {
  if (!href.toLowerCase().startsWith('mailto:')) return undefined;
  const rest = decodeURIComponent(href.slice('mailto:'.length).split('?')[0] ?? '');
  return addressesIn(rest, 1)[0];
}
