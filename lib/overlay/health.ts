import * as z from 'zod/mini';
import type { AnchorScope, SiteAdapter } from './anchors';

// Selector health (refined-github attaches to each selector what it expects on a loaded page): each site module says
// on which views people must be found once the view shows items, read from signs that do not depend on the markup
// the selectors rely on (roles, plain structure). When such a view shows items and the module finds nobody, the site
// changed its layout under us: the popup says so, with the date the selector set was last checked, instead of the
// badges silently not appearing.

/** One expectation of a site module: on `view`, once `loaded` matches, at least one person or record is found. */
export interface PageExpectation {
  /** For logs and tests, e.g. `gmail.list`. */
  name: string;
  view(location: Location): boolean;
  /** The view has loaded and shows items: a query on roles and plain structure, not on the selectors' attributes. */
  loaded: string;
  /** Where anchors come from only once the background has answered (HubSpot: the connected portal). */
  needsPortal?: boolean;
}

export interface SiteHealth {
  /** The day the site's selector set was last checked against the site (docs/SITES.md), `YYYY-MM-DD`. */
  checked: string;
  expectations: readonly PageExpectation[];
}

/** `readable`: the view's people were found; `unreadable`: it shows items and nobody was found; `idle`: no claim. */
export type LayoutState = 'readable' | 'unreadable' | 'idle';

export interface LayoutHealth {
  state: LayoutState;
  site: SiteAdapter['site'];
  checked: string;
  /** The expectation that failed or held, by name (no page data). */
  expectation?: string;
}

export function layoutHealth(
  adapter: SiteAdapter & { health: SiteHealth },
  document: Document,
  location: Location,
  scope: AnchorScope,
): LayoutHealth {
  const base = { site: adapter.site, checked: adapter.health.checked };
  for (const expectation of adapter.health.expectations) {
    if (!expectation.view(location)) continue;
    if (expectation.needsPortal && scope.portalId === undefined) continue;
    if (!document.querySelector(expectation.loaded)) continue;
    const found = adapter.anchorsIn(document.body, location, scope).length > 0;
    return { ...base, state: found ? 'readable' : 'unreadable', expectation: expectation.name };
  }
  return { ...base, state: 'idle' };
}

/**
 * The popup's question to the content script of the tab it was opened on (`tabs.sendMessage`): how its layout reads.
 * Only our extension's own pages may ask; the answer names the site, the selector set's date and a state, nothing of
 * the page.
 */
export const LAYOUT_QUERY = 'leadlens:layout';

export function isLayoutQuery(message: unknown, sender: { id?: string; tab?: unknown }, runtimeId: string): boolean {
  // From an extension page (no tab) of this extension: a content script of any page has a tab.
  return (
    sender.id === runtimeId &&
    sender.tab === undefined &&
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === LAYOUT_QUERY
  );
}

/** The answer as the popup checks it on receipt (it comes from a content script, which lives in the site's process). */
export const layoutHealthSchema = z.object({
  state: z.enum(['readable', 'unreadable', 'idle']),
  site: z.enum(['hubspot', 'gmail', 'outlook']),
  checked: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  expectation: z.optional(z.string().check(z.maxLength(100))),
});
