// How many distinct leads the background tells one tab about. The background cannot see the page, so it cannot tell a
// real inbox from a script that writes every address it can think of into one; it can count. A tab may learn at most
// `limit` leads new to it within any `windowMs`; a lead it was already told about is answered again for free (a
// re-rendered inbox, a refresh after a sync cost nothing), so a real inbox of 400 leads is fully badged a minute later
// while a harvesting script gets no further than `limit` leads a minute. Pure: no browser API.

export interface TabLeadBudgetOptions {
  /** Leads new to a tab that it may be told about per window. */
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

export const DEFAULT_TAB_LEAD_LIMIT = 200;

interface TabState {
  /** Every lead this tab was told about, while the tab lives. */
  told: Set<string>;
  /** When each of the recent additions to `told` was made, oldest first. */
  additions: number[];
}

export class TabLeadBudget {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly tabs = new Map<number, TabState>();

  constructor(options: TabLeadBudgetOptions = {}) {
    this.limit = options.limit ?? DEFAULT_TAB_LEAD_LIMIT;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private state(tabId: number): TabState {
    let state = this.tabs.get(tabId);
    if (!state) {
      state = { told: new Set(), additions: [] };
      this.tabs.set(tabId, state);
    }
    const now = this.now();
    while (state.additions.length > 0 && now - (state.additions[0] ?? now) >= this.windowMs) state.additions.shift();
    return state;
  }

  /**
   * Which of `leadIds` the tab may be told about now, and whether any was held back. The admitted new ones count
   * against the window from now on.
   */
  admit(tabId: number, leadIds: readonly string[]): { admitted: Set<string>; limited: boolean } {
    const state = this.state(tabId);
    const now = this.now();
    const admitted = new Set<string>();
    let limited = false;
    for (const id of leadIds) {
      if (state.told.has(id)) {
        admitted.add(id);
      } else if (state.additions.length < this.limit) {
        state.told.add(id);
        state.additions.push(now);
        admitted.add(id);
      } else {
        limited = true;
      }
    }
    return { admitted, limited };
  }

  /** Whether the tab was told about this lead: a mark is accepted only for such a lead. */
  wasAnswered(tabId: number, leadId: string): boolean {
    return this.tabs.get(tabId)?.told.has(leadId) ?? false;
  }

  /** A closed tab's counts go with it. */
  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
