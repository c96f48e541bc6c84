import type { LeadKey } from './lead-lookup';

/** A place on a third-party page where a lead's badge belongs. */
export interface Anchor {
  /** The page's element the badge is placed after (a person chip, a record link, a heading). */
  element: Element;
  /** Who the badge is for; the first candidate that is a known lead wins (a thread's people, in order). */
  keys: LeadKey[];
  variant: 'chip' | 'strip';
}

export interface SiteAdapter {
  site: 'hubspot' | 'gmail' | 'outlook';
  /** Anchors inside `root` (root included) for the page at `location`. */
  anchorsIn(root: Element, location: Location): Anchor[];
}

/** Our own hosts are skipped when the page's observer reports them as added. */
export function isLeadLensNode(element: Element): boolean {
  return element.hasAttribute('data-leadlens') || element.closest('[data-leadlens]') !== null;
}
