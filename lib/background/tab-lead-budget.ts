// How many distinct leads the background tells one tab about. The background cannot see the page, so it cannot tell a
// real inbox from a script that writes every address it can think of into one; it can count. A tab may learn at most
// `limit` leads new to it within any `windowMs`; a lead it was already told about is answered again for free (a
// re-rendered inbox, a refresh after a sync cost nothing), so a real inbox of 400 leads is fully badged a minute later
// while a harvesting script gets no further than `limit` leads a minute. Pure: no browser API.

export interface TabLeadBudgetOptions {
  /** Leads new to a tab that it may be told about per window. */
  limit?: number;
  /** Leads new to their tab, over all tabs, per window: a script that opens tabs does not multiply the bound. */
  globalLimit?: number;
  /** CRM writes ("Not a lead" with a lead status) a tab may ask for per window, confirm or not. */
  writeLimit?: number;
  windowMs?: number;
  now?: () => number;
}

export const DEFAULT_TAB_LEAD_LIMIT = 200;
export const DEFAULT_GLOBAL_LEAD_LIMIT = 600;
export const DEFAULT_TAB_WRITE_LIMIT = 5;

/** Tab key for a sender that is neither a tab nor a LeadLens page: bounded like a tab, all such senders together. */
export const NO_TAB = -1;

interface TabState {
  /** Every lead this tab was told about, while the tab lives. */
  told: Set<string>;
  /** When each of the recent additions to `told` was made, oldest first. */
  additions: number[];
  /** When each of the recent writes was asked for, oldest first. */
  writes: number[];
}

/** Drops the instants older than the window from the front of a list kept oldest first. */
function prune(instants: number[], now: number, windowMs: number): void {
  while (instants.length > 0 && now - (instants[0] ?? now) >= windowMs) instants.shift();
}

export class TabLeadBudget {
  private readonly limit: number;
  private readonly globalLimit: number;
  private readonly writeLimit: number;
  private readonly globalAdditions: number[] = [];
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly tabs = new Map<number, TabState>();

  constructor(options: TabLeadBudgetOptions = {}) {
    this.limit = options.limit ?? DEFAULT_TAB_LEAD_LIMIT;
    this.globalLimit = options.globalLimit ?? DEFAULT_GLOBAL_LEAD_LIMIT;
    this.writeLimit = options.writeLimit ?? DEFAULT_TAB_WRITE_LIMIT;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private state(tabId: number): TabState {
    let state = this.tabs.get(tabId);
    if (!state) {
      state = { told: new Set(), additions: [], writes: [] };
      this.tabs.set(tabId, state);
    }
    const now = this.now();
    prune(state.additions, now, this.windowMs);
    prune(state.writes, now, this.windowMs);
    prune(this.globalAdditions, now, this.windowMs);
    return state;
  }

  /**
   * Which of `leadIds` the tab may be told about now, and whether the tab is being held back. Once the tab (or all
   * tabs together) has used the window's bound, every reply says `limited`, whether or not a lead was among the
   * addresses: otherwise the flag alone would tell a page which of its guesses are leads.
   */
  admit(tabId: number, leadIds: readonly string[]): { admitted: Set<string>; limited: boolean } {
    const state = this.state(tabId);
    const now = this.now();
    const admitted = new Set<string>();
    let limited = false;
    for (const id of leadIds) {
      if (state.told.has(id)) {
        admitted.add(id);
      } else if (state.additions.length < this.limit && this.globalAdditions.length < this.globalLimit) {
        state.told.add(id);
        state.additions.push(now);
        this.globalAdditions.push(now);
        admitted.add(id);
      } else {
        limited = true;
      }
    }
    const exhausted = state.additions.length >= this.limit || this.globalAdditions.length >= this.globalLimit;
    return { admitted, limited: limited || exhausted };
  }

  /**
   * Whether the tab may ask for one more CRM write now (and counts it). The card asks for two trusted clicks; this
   * bounds what a compromised content-script world, which can skip the card, can write.
   */
  allowWrite(tabId: number): boolean {
    const state = this.state(tabId);
    if (state.writes.length >= this.writeLimit) return false;
    state.writes.push(this.now());
    return true;
  }

  /** Whether the tab was told about this lead: a mark is accepted only for such a lead. */
  wasAnswered(tabId: number, leadId: string): boolean {
    return this.tabs.get(tabId)?.told.has(leadId) ?? false;
  }

  /** A closed tab's counts go with it. */
  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }

  /** Another portal (or none): what tabs were told of the old one says nothing of the new one's leads. */
  clear(): void {
    this.tabs.clear();
    this.globalAdditions.length = 0;
  }
}
