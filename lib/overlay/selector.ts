// A selector of another site's page: a primary query built on what the site cannot restyle away (URLs,
// attributes), and a dated fallback for when it moves. When only the fallback finds something, that is logged —
// without any personal data — so a breaking change is noticed before users report it.

export interface SiteSelector {
  /** Stable name for logs and tests, e.g. `gmail.person`. */
  name: string;
  primary: string;
  /** Slower or more fragile; each with the date it was observed, in the definition's comment. */
  fallback?: string;
}

export type SelectorWarning = (message: string) => void;

const defaultWarn: SelectorWarning = (message) => console.warn(message);

/** Elements the selector matches under `root`; the root itself counts when it matches. */
export function queryAll(root: ParentNode, selector: SiteSelector, warn: SelectorWarning = defaultWarn): Element[] {
  const found = matchAll(root, selector.primary);
  if (found.length > 0 || !selector.fallback) return found;
  const fallback = matchAll(root, selector.fallback);
  if (fallback.length > 0) {
    // Names and counts only: never text, addresses or ids of the page.
    warn(`LeadLens: selector ${selector.name} found nothing; its fallback found ${fallback.length}`);
  }
  return fallback;
}

function matchAll(root: ParentNode, query: string): Element[] {
  const inside = [...root.querySelectorAll(query)];
  // Duck-typed: the root may come from another window (an iframe, or a test's own DOM).
  if ('matches' in root && (root as Element).matches(query)) inside.unshift(root as Element);
  return inside;
}

const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/;

/** The first e-mail address in a text (an `aria-label`, a `title`), lower-cased; sites put names around it. */
export function addressIn(text: string | null | undefined): string | undefined {
  const match = text ? ADDRESS.exec(text) : null;
  return match ? match[0].toLowerCase() : undefined;
}
