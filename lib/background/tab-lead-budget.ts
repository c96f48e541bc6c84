// How many distinct leads the background tells one tab about. The background cannot see the page, so it cannot tell a
// real inbox from a script that writes every address it can think of into one; it can count. A tab gets the leads it
// asks for until it has been answered `limit` distinct leads within `windowMs`; leads it was already told about in
// that window are answered again for free (a re-rendered inbox costs nothing), new ones wait. Pure: no browser API.

export interface TabLeadBudgetOptions {
  /** Distinct leads a tab is told about per window. */
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

export const DEFAULT_TAB_LEAD_LIMIT = 200;

export class TabLeadBudget {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  /** Tab → lead id → when it was last answered to that tab. */
  private readonly answered = new Map<number, Map<string, number>>();

  constructor(options: TabLeadBudgetOptions = {}) {
    this.limit = options.limit ?? DEFAULT_TAB_LEAD_LIMIT;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private recent(tabId: number): Map<string, number> {
    const now = this.now();
    let seen = this.answered.get(tabId);
    if (!seen) {
      seen = new Map();
      this.answered.set(tabId, seen);
    }
    for (const [id, at] of seen) if (now - at >= this.windowMs) seen.delete(id);
    return seen;
  }

  /**
   * Which of `leadIds` the tab may be told about now, in order, and whether any was held back. The admitted ones
   * count from now on.
   */
  admit(tabId: number, leadIds: readonly string[]): { admitted: Set<string>; limited: boolean } {
    const seen = this.recent(tabId);
    const now = this.now();
    const admitted = new Set<string>();
    let limited = false;
    for (const id of leadIds) {
      if (admitted.has(id)) continue;
      if (seen.has(id) || seen.size < this.limit) {
        seen.set(id, now);
        admitted.add(id);
      } else {
        limited = true;
      }
    }
    return { admitted, limited };
  }

  /** Whether the tab was told about this lead within the window: a mark is accepted only for such a lead. */
  wasAnswered(tabId: number, leadId: string): boolean {
    return this.recent(tabId).has(leadId);
  }

  /** A closed tab's counts go with it. */
  forget(tabId: number): void {
    this.answered.delete(tabId);
  }
}
