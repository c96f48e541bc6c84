import { addressesIn, addressFromMailto, referringDomain, type Utm, utmOf } from './page-clues';

// What the tagger learns from the page a marketer is on. `readPageForTagger` is injected into that page with
// `scripting.executeScript` (allowed by `activeTab` after the marketer's click), so it must be self-contained: the
// browser serialises its source, and nothing it refers to outside its own body exists there. It returns raw text;
// everything else is done by the pure `cluesFrom`, outside the page.

export interface RawPage {
  url: string;
  referrer: string;
  title: string;
  /** The page's visible text, capped. */
  text: string;
  /** `href`s of `mailto:` links. */
  mailtos: string[];
  selection: string;
}

/** Runs in the page. Keep it free of imports and closures. */
export function readPageForTagger(): RawPage {
  const TEXT_LIMIT = 200_000;
  const mailtos: string[] = [];
  for (const link of Array.from(document.querySelectorAll('a[href^="mailto:" i]')).slice(0, 200)) {
    const href = link.getAttribute('href');
    if (href) mailtos.push(href);
  }
  return {
    url: location.href,
    referrer: document.referrer,
    title: document.title,
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is wanted: it leaves out hidden nodes and breaks lines between blocks, so addresses in neighbouring elements do not run together.
    text: (document.body?.innerText ?? '').slice(0, TEXT_LIMIT),
    mailtos,
    selection: String(globalThis.getSelection?.() ?? '').slice(0, 10_000),
  };
}

export interface PageClues {
  /** The page (or the link the marketer right-clicked) that the tag will record. */
  url: string;
  title: string;
  /** A right-clicked `mailto:` link's address first, then selected addresses, then mailto links, then the text. */
  addresses: string[];
  utm: Utm;
  referrer?: string;
  /** The page could not be read (a browser page, a store page, or no permission): only the URL is known. */
  unreadable?: boolean;
}

/** Combines what was read (or only the tab's URL) with the context menu's details. */
export function cluesFrom(
  raw: RawPage | undefined,
  tab: { url?: string; title?: string },
  linkUrl?: string,
  selection?: string,
): PageClues {
  const pageUrl = raw?.url ?? tab.url ?? '';
  const link = linkUrl && /^https?:/i.test(linkUrl) ? linkUrl : undefined;
  const mailtoLink = linkUrl ? addressFromMailto(linkUrl) : undefined;
  const selected = addressesIn(selection ?? raw?.selection ?? '');
  const fromMailtos = (raw?.mailtos ?? []).map(addressFromMailto).filter((address) => address !== undefined);
  const addresses = [
    ...new Set([...(mailtoLink ? [mailtoLink] : []), ...selected, ...fromMailtos, ...addressesIn(raw?.text ?? '')]),
  ].slice(0, 50);
  const linkUtm = link ? utmOf(link) : {};
  const referrer = raw ? referringDomain(raw.referrer, pageUrl) : undefined;
  return {
    url: link ?? pageUrl,
    title: raw?.title ?? tab.title ?? '',
    addresses,
    utm: Object.keys(linkUtm).length > 0 ? linkUtm : utmOf(pageUrl),
    ...(referrer ? { referrer } : {}),
    ...(raw ? {} : { unreadable: true }),
  };
}
