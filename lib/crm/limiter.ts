import { nextMidnight } from './retry';

// One limiter for every request to the CRM, driven by the limits the CRM reports in its response headers. Pure
// timing logic with an injected clock, so it is tested without waiting.

export type RequestKind = 'standard' | 'search';

export interface LimiterOptions {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Until the first response says otherwise: HubSpot's smallest private-app limit, 100 per 10 s. */
  max?: number;
  intervalMs?: number;
  /** The search endpoints' own limit, which HubSpot does not report in headers (documented: 5 per second). */
  searchPerSecond?: number;
  /** Requests in flight at once: enough to keep the window full while earlier requests are still travelling. */
  concurrency?: number;
  /** The account's time zone (IANA): HubSpot resets the daily allowance at midnight there. */
  timeZone?: string;
  /** The first searches' pace, in requests a second (default SHARING.startSearchPerSecond). */
  searchStartPerSecond?: number;
  /** Jitter of the waits after a 429, so browsers refused together do not all come back together. */
  random?: () => number;
  /**
   * Awaited once, before the first request is booked: where the extension's worker adopts what its previous worker
   * learned (lib/background/limiter-share.ts), so no caller can send a request before it. A failure is ignored.
   */
  beforeFirstUse?: () => Promise<void>;
}

/**
 * How a browser shares one token with its colleagues' browsers. HubSpot counts the window and the search limit per
 * token, so fifty browsers with one key are one app. Each browser keeps a share of each limit, sent evenly rather than
 * in bursts: the share is cut when the server refuses a request (once per burst of refusals) and grows back a little
 * with every accepted one, so the refusals stay far under the 5 % of requests HubSpot asks of an integration.
 * Search answers carry no rate headers, so for search these refusals are all a browser knows of its colleagues: it
 * starts at a fifth of the limit and grows fast until the first refusal (a lone browser reaches the full limit within
 * seconds; it starts small when its first answer shows colleagues at work), then cuts deep (it has just learnt the
 * account is busy) and grows slowly, faster again after minutes
 * without a refusal (colleagues have finished). Measured on a virtual clock (test/unit/sync/shared-token.test.ts).
 */
export const SHARING = {
  /**
   * A first search's pace, in requests a second, and its growth per accepted search until the first refusal: a first
   * sync's census (one search a type, eight types) takes about 5 s, where 0.5 and 1.1 took 11 s. Starting faster
   * costs a busy account no more refusals: the first one cuts to the same share (firstCut) from either start.
   */
  startSearchPerSecond: 1,
  slowStartGrowth: 1.15,
  /**
   * The first search refusal leaves at most the limit over this (a share among 32 browsers), or half the pace if that
   * is less; later ones halve. It is a fraction of the limit, not of the pace: a refusal of the very first searches,
   * at the careful start's then 0.5 a second, cut by 32 left one search in 50 s, and a first sync's census (one search a
   * type) took minutes.
   */
  firstCut: 32,
  /** Growth per accepted request after that: of the search pace, of the window share. */
  searchGrowth: 1.01,
  windowGrowth: 1.02,
  /** After this long without a search refusal the pace also grows with time, this much a second. */
  quietMs: 240_000,
  quietGrowth: 1.005,
  /** Lower bounds: one search in 50 s, 1 % of the window. */
  minSearchPerSecond: 0.02,
  minWindowShare: 0.01,
  /**
   * One cut per this long: requests already in flight when the limit was hit are refused together, and cutting once
   * for each of them would leave the browser starved by one burst.
   */
  cutHoldMs: 1000,
  /**
   * A first answer showing others on the token (more than this share of the window used beyond our own requests:
   * colleagues' browsers at work, a Monday morning's first syncs) starts both shares small instead of learning them
   * from refusals: the window at what the others leave over `sharedWindowStart`, sent evenly, and search at the
   * limit times that over `sharedSearchStart`, still growing fast until its first refusal. Fifty reps starting within
   * a minute each drew several window refusals and a search refusal or more from the full starts (bench:team at
   * 20 000 contacts: 17 % of requests refused; 1.5 % with these starts, and the first syncs no slower). A lone
   * browser, or a worker that adopted its predecessor's shares (whose requests explain the window), starts in full.
   */
  othersAbove: 0.05,
  sharedWindowStart: 4,
  sharedSearchStart: 32,
  /**
   * While colleagues share the token (seen in an answer's window, or a refusal, within `colleaguesForgetMs`), at most
   * this many searches a second, however far the pace has grown. A team's day is polls of a few searches every 2
   * minutes per browser: with few refusals the paces grew to the whole limit, each poll went out as a burst within a
   * second, and bursts of different browsers met there (bench:team at 20 000 contacts, the day: 10 % of requests
   * refused; 4.0 % with one a second, 5.3 % with half, 7 % with two).
   */
  sharedSearchCeiling: 1,
  colleaguesForgetMs: 30 * 60_000,
} as const;

/** What a response told us about the limits, read from `X-HubSpot-RateLimit-*` by the CRM adapter. */
export interface LimitReport {
  max?: number;
  remaining?: number;
  intervalMs?: number;
  daily?: number;
  dailyRemaining?: number;
}

export class DailyLimitReached extends Error {
  /** When the allowance is back: the next midnight in the account's time zone. */
  constructor(readonly until?: number) {
    super('daily API limit reached');
  }
}

/**
 * What we believe of the headers. They come from the network (a proxy, a misconfigured gateway, a bug on either side
 * can change them), and the limiter acts on them for the whole worker: a `Max` of a million would flood the portal
 * into 429s, a negative or empty `Daily-Remaining` would stop every sync until midnight. Unusable values are dropped
 * (the limiter keeps what it knew), out-of-range ones are brought into range.
 */
export const LIMIT_BOUNDS = {
  /** HubSpot's largest documented private-app window is 250 per 10 s (with the API add-on); 1000 leaves room. */
  max: { min: 1, max: 1000 },
  /** HubSpot reports 10 000 ms; the local portal is run with windows down to a quarter second for benchmarks. */
  intervalMs: { min: 100, max: 60_000 },
  /** The largest documented daily allowance is 1 000 000 (Enterprise with the add-on); ten times that is absurd. */
  daily: { max: 10_000_000 },
} as const;

function clampTo(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** A report with every value usable: finite, non-negative integers within LIMIT_BOUNDS, remainders within their max. */
export function clampReport(report: LimitReport): LimitReport {
  const usable = (value: number | undefined) =>
    value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  const out: LimitReport = {};
  const max = usable(report.max);
  if (max !== undefined && max > 0) out.max = clampTo(max, LIMIT_BOUNDS.max.min, LIMIT_BOUNDS.max.max);
  const intervalMs = usable(report.intervalMs);
  if (intervalMs !== undefined && intervalMs > 0)
    out.intervalMs = clampTo(intervalMs, LIMIT_BOUNDS.intervalMs.min, LIMIT_BOUNDS.intervalMs.max);
  const remaining = usable(report.remaining);
  if (remaining !== undefined) out.remaining = Math.min(remaining, out.max ?? LIMIT_BOUNDS.max.max);
  const daily = usable(report.daily);
  if (daily !== undefined && daily > 0) out.daily = Math.min(daily, LIMIT_BOUNDS.daily.max);
  const dailyRemaining = usable(report.dailyRemaining);
  if (dailyRemaining !== undefined) out.dailyRemaining = Math.min(dailyRemaining, out.daily ?? LIMIT_BOUNDS.daily.max);
  return out;
}

/**
 * `Retry-After` of a 10-second-window 429, bounded: at least a second (0 or a past date would retry at once into the
 * same full window), at most a minute (the window is 10 s; a longer value is a fault, and the daily limit has its own
 * path). Seconds or an HTTP date, read against the server's clock when its skew is known. Undefined when unusable.
 */
export const RETRY_AFTER_BOUNDS = { minMs: 1000, maxMs: 60_000 } as const;

export function retryAfterMs(header: string | undefined, serverNow: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (text === '') return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    // A number with a sign, or words that are not a date: not a Retry-After.
    if (!Number.isFinite(at) || /^[-+]/.test(text)) return undefined;
    ms = at - serverNow;
  }
  if (!Number.isFinite(ms)) return undefined;
  return clampTo(ms, RETRY_AFTER_BOUNDS.minMs, RETRY_AFTER_BOUNDS.maxMs);
}

/** An IANA zone the platform knows, else UTC: a zone we cannot compute in must not leave the daily block endless. */
export function usableTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * What a limiter has learned of its shares (SHARING), kept by the background across worker restarts. Chrome stops an
 * idle worker after 30 s, so without it every sync of a team's browsers began again at the careful start and the
 * slow growth after a refusal never outlived one sync: the shares cut for a busy account were forgotten at once, and
 * a lone browser's "Sync now" paced its searches from half a second each, every time.
 */
export interface LearnedShare {
  searchPace: number;
  searchSlowStart: boolean;
  windowShare: number;
  /** When search was last cut and last grew (the time-based growth counts from these). */
  lastSearchCutAt?: number;
  lastSearchGrowthAt: number;
  savedAt: number;
}

/**
 * Moves one entry of a window (sorted, every entry past) from `from` to `to`, now or later than every other one; with
 * no `to`, takes it out (a request the server did not count).
 */
function restamp(entries: number[], from: number, to?: number): void {
  const index = entries.indexOf(from);
  if (index < 0) return;
  entries.splice(index, 1);
  if (to !== undefined) entries.push(to);
}

/** A share older than this is not adopted: the account's load has changed since, and the careful start relearns it. */
export const LEARNED_SHARE_LIFETIME_MS = 30 * 60_000;

/**
 * A sliding window of the requests we sent (stricter than either a fixed or a rolling window on the server, so it
 * never causes a 429 by itself), plus a separate one-second window for search. When the server reports fewer
 * requests remaining than our own count explains — another app or tab using the same token — the difference is
 * booked as if we had sent it, so the shared budget is respected.
 */
export class RateLimiter {
  max: number;
  intervalMs: number;
  searchPerSecond: number;
  readonly concurrency: number;
  daily?: number;
  dailyRemaining?: number;
  /** Set when the daily allowance ran out: the next midnight in the account's zone, when HubSpot resets it. */
  dailyResetAt?: number;
  private timeZone: string;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private sent: number[] = [];
  private searches: number[] = [];
  private inFlight = 0;
  private blockedUntil = 0;
  private searchBlockedUntil = 0;
  private waiters: (() => void)[] = [];
  private readonly random: () => number;
  /** Our share of the search limit, in requests a second (≤ searchPerSecond): see SHARING. */
  searchPace: number;
  /** Our share of the window, in (0, 1]. */
  windowShare = 1;
  /** When our last search went out: searches below the full limit are paced evenly, not sent in bursts. */
  private lastSearchAt = Number.NEGATIVE_INFINITY;
  /** What share of the window others used, as the last report showed it (0 = we are alone). */
  othersShare = 0;
  /** Set once any answer came back, so a busy account seen first lowers the shares only once. */
  private learned = false;
  private searchSlowStart = true;
  private lastSearchGrowthAt = 0;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastCut = { standard: Number.NEGATIVE_INFINITY, search: Number.NEGATIVE_INFINITY };
  /** Requests sent, by kind, since creation: the benchmark and the status read them. */
  readonly counts = { standard: 0, search: 0 };
  private beforeFirstUse?: () => Promise<void>;
  private firstUse?: Promise<void>;

  constructor(options: LimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    this.max = options.max ?? 100;
    this.intervalMs = options.intervalMs ?? 10_000;
    this.searchPerSecond = options.searchPerSecond ?? 5;
    this.searchPace = Math.min(this.searchPerSecond, options.searchStartPerSecond ?? SHARING.startSearchPerSecond);
    this.random = options.random ?? Math.random;
    this.concurrency = options.concurrency ?? 10;
    this.timeZone = usableTimeZone(options.timeZone);
    if (options.beforeFirstUse) this.beforeFirstUse = options.beforeFirstUse;
  }

  /** What this limiter has learned, to be adopted by the next worker's (see LearnedShare). */
  learnedShare(): LearnedShare {
    return {
      searchPace: this.searchPace,
      searchSlowStart: this.searchSlowStart,
      windowShare: this.windowShare,
      ...(Number.isFinite(this.lastCut.search) ? { lastSearchCutAt: this.lastCut.search } : {}),
      lastSearchGrowthAt: this.lastSearchGrowthAt,
      savedAt: this.now(),
    };
  }

  /**
   * Takes over what an earlier worker learned, if this limiter has sent nothing yet (what it learns itself is newer)
   * and the share is recent. Values come from storage: each is checked and bounded. Returns whether it was adopted.
   */
  adoptShare(share: LearnedShare): boolean {
    const now = this.now();
    const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
    if (this.counts.standard + this.counts.search > 0 || this.learned) return false;
    if (!finite(share.savedAt) || share.savedAt > now || now - share.savedAt > LEARNED_SHARE_LIFETIME_MS) return false;
    if (!finite(share.searchPace) || !finite(share.windowShare) || typeof share.searchSlowStart !== 'boolean')
      return false;
    this.searchPace = clampTo(share.searchPace, SHARING.minSearchPerSecond, this.searchPerSecond);
    this.windowShare = clampTo(share.windowShare, SHARING.minWindowShare, 1);
    this.searchSlowStart = share.searchSlowStart;
    if (finite(share.lastSearchCutAt) && share.lastSearchCutAt <= now) this.lastCut.search = share.lastSearchCutAt;
    if (finite(share.lastSearchGrowthAt) && share.lastSearchGrowthAt <= now)
      this.lastSearchGrowthAt = share.lastSearchGrowthAt;
    // The previous worker's requests are still in the window: they are not colleagues arriving.
    this.learned = true;
    return true;
  }

  /** The account's zone, from its details (the adapter) or the stored connection (the sync service). */
  setTimeZone(timeZone: string): void {
    const zone = usableTimeZone(timeZone);
    if (zone === this.timeZone) return;
    this.timeZone = zone;
    if (this.dailyResetAt !== undefined) this.dailyResetAt = nextMidnight(this.now(), zone);
  }

  /**
   * The daily allowance is spent (a 429 with policy DAILY, or `Daily-Remaining: 0`): no request until the next
   * midnight in the account's zone. Without this the spent allowance was never forgotten by a living worker, so the
   * sync stayed stopped until the worker happened to restart, whatever the time.
   */
  dailyLimitReached(): DailyLimitReached {
    this.dailyRemaining = 0;
    this.dailyResetAt ??= nextMidnight(this.now(), this.timeZone);
    return new DailyLimitReached(this.dailyResetAt);
  }

  /**
   * The server counts a request when it arrives, we when we send it; an entry is kept a little past the window so a
   * request sent just as an earlier one leaves our window does not arrive while that one is still in the server's.
   */
  private margin(): number {
    return Math.min(this.intervalMs * 0.2, Math.min(250, Math.max(10, this.intervalMs * 0.01)) + this.skewMs);
  }

  /**
   * Learned from 429s: how much later than we sent them the server stamps our requests (its pauses bunch arrivals).
   * Each refusal widens the margin a little; every accepted response narrows it again, so it settles where refusals
   * are rare without leaving the budget unused.
   */
  private skewMs = 0;

  /**
   * The search window's margin, as `margin` is the window's: the server stamps a search when it arrives, so one sent
   * exactly a second after the fifth-last can arrive while that one is still in its second. Without it a lone browser
   * at the full pace drew a SECONDLY 429 in its first burst of searches, and the cut that followed left it one search
   * every six seconds.
   */
  private searchMargin(): number {
    return Math.min(250, 50 + this.skewMs);
  }

  private prune(now: number): void {
    const since = now - this.intervalMs - this.margin();
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= since) this.sent.shift();
    while (this.searches.length > 0 && (this.searches[0] ?? 0) <= now - 1000 - this.searchMargin())
      this.searches.shift();
  }

  /** How long a request of this kind must wait now; 0 when it may go. Pure apart from pruning old entries. */
  delayFor(kind: RequestKind): number {
    const now = this.now();
    this.prune(now);
    if (this.dailyResetAt !== undefined && now >= this.dailyResetAt) {
      // A new day in the account's zone: the allowance is full again; the next response reports the real figure.
      this.dailyResetAt = undefined;
      this.dailyRemaining = undefined;
    }
    if (this.dailyRemaining !== undefined && this.dailyRemaining <= 0) throw this.dailyLimitReached();
    let wait = Math.max(0, this.blockedUntil - now);
    const max = this.ownMax();
    if (this.sent.length >= max)
      wait = Math.max(wait, (this.sent[this.sent.length - max] ?? now) + this.intervalMs + this.margin() - now);
    if (this.windowShare < 1)
      wait = Math.max(wait, this.lastSentAt + this.intervalMs / (this.max * this.windowShare) - now);
    if (kind === 'search') {
      wait = Math.max(wait, this.searchBlockedUntil - now);
      if (this.searches.length >= this.searchPerSecond)
        wait = Math.max(
          wait,
          (this.searches[this.searches.length - this.searchPerSecond] ?? now) + 1000 + this.searchMargin() - now,
        );
      const pace = Math.min(this.searchPace, this.searchCeiling(now));
      if (pace < this.searchPerSecond) wait = Math.max(wait, this.lastSearchAt + 1000 / pace - now);
    }
    return wait;
  }

  /**
   * Waits for a slot and books it; call the returned function when the response (or failure) arrives, with
   * `counted: false` when the server refused it with a 429 (it did not count it, so neither do we).
   */
  async acquire(kind: RequestKind, signal?: AbortSignal): Promise<(outcome?: { counted: boolean }) => void> {
    if (this.beforeFirstUse) {
      this.firstUse ??= this.beforeFirstUse().catch(() => undefined);
      await this.firstUse;
    }
    for (;;) {
      signal?.throwIfAborted();
      if (this.inFlight >= this.concurrency) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      const wait = this.delayFor(kind);
      if (wait <= 0) break;
      // +1 ms: the window is half-open, an entry leaves it strictly after `intervalMs`.
      await this.sleep(wait + 1, signal);
    }
    const now = this.now();
    this.sent.push(now);
    this.lastSentAt = now;
    if (kind === 'search') {
      this.searches.push(now);
      this.lastSearchAt = now;
    }
    this.counts[kind] += 1;
    this.inFlight += 1;
    let released = false;
    return (outcome) => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      if (outcome?.counted === false) restamp(this.sent, now);
      else {
        // Kept in our windows from its answer on, not only from its sending: the server stamped it when it arrived,
        // somewhere in between, so our windows hold every request the server's can, however the browser's queue
        // and the network bunched their arrivals (a lone sync drew dozens of 429s from its own requests).
        const answeredAt = this.now();
        restamp(this.sent, now, answeredAt);
        if (kind === 'search') restamp(this.searches, now, answeredAt);
        if (outcome?.counted === true) this.accepted(kind);
      }
      this.waiters.shift()?.();
    };
  }

  /** Learns the limits from a response's headers. */
  observe(reported: LimitReport): void {
    const report = clampReport(reported);
    this.skewMs *= 0.99;
    if (report.max !== undefined && report.max > 0) this.max = report.max;
    if (report.intervalMs !== undefined && report.intervalMs > 0) this.intervalMs = report.intervalMs;
    if (report.daily !== undefined) this.daily = report.daily;
    if (report.dailyRemaining !== undefined) {
      this.dailyRemaining = report.dailyRemaining;
      if (report.dailyRemaining > 0) this.dailyResetAt = undefined;
      else this.dailyLimitReached();
    }
    if (report.remaining !== undefined) {
      const now = this.now();
      this.prune(now);
      const unexplained = this.max - report.remaining - this.sent.length;
      this.othersShare = Math.max(0, unexplained) / this.max;
      if (this.othersShare > SHARING.othersAbove) this.colleaguesSeenAt = now;
      if (!this.learned && this.othersShare > SHARING.othersAbove) {
        // Colleagues at work on the first answer: small starts (SHARING.othersAbove). What they used of the window
        // is also booked just below, but they all read the same remainder at once and would all spend it.
        const free = Math.max(0, 1 - this.othersShare);
        this.windowShare = Math.max(
          SHARING.minWindowShare,
          Math.min(this.windowShare, free / SHARING.sharedWindowStart),
        );
        const search = (this.searchPerSecond * free) / SHARING.sharedSearchStart;
        this.searchPace = Math.max(SHARING.minSearchPerSecond, Math.min(this.searchPace, search));
      }
      this.learned = true;
      for (let i = 0; i < unexplained; i += 1) this.sent.push(now);
      this.sent.sort((a, b) => a - b);
    }
  }

  /**
   * A 429: the server's window is fuller than ours says, because it stamps requests when they arrive and we when we
   * send them. The margin widens a little (`skewMs`), and this kind of request waits until our oldest request has
   * left the server's window too. Waiting a whole interval instead would leave the budget unused for that long.
   */
  rateLimited(kind: RequestKind, retryAfter?: number): void {
    const retryAfterMs =
      retryAfter !== undefined && Number.isFinite(retryAfter)
        ? clampTo(retryAfter, RETRY_AFTER_BOUNDS.minMs, RETRY_AFTER_BOUNDS.maxMs)
        : undefined;
    if (kind === 'standard') this.skewMs += Math.max(2, this.intervalMs * 0.015);
    this.learned = true;
    const now = this.now();
    // We keep to the limits ourselves: a refusal means others share them.
    this.colleaguesSeenAt = now;
    if (now - this.lastCut[kind] >= SHARING.cutHoldMs) {
      this.lastCut[kind] = now;
      if (kind === 'search') {
        const cut = this.searchSlowStart
          ? Math.min(this.searchPace / 2, this.searchPerSecond / SHARING.firstCut)
          : this.searchPace / 2;
        this.searchPace = Math.max(SHARING.minSearchPerSecond, cut);
        this.searchSlowStart = false;
      } else this.windowShare = Math.max(SHARING.minWindowShare, this.windowShare / 2);
    }
    this.prune(now);
    // The server's window is full: its oldest entry is (almost always) our oldest request, stamped a little later
    // than we sent it. Wait for that one to leave rather than retrying blindly into the same full window.
    const oldest = this.sent[0];
    const edge = oldest === undefined ? now + 50 : oldest + this.intervalMs + this.margin();
    // Search: a second, plus up to one more at random, so browsers refused in the same second spread out.
    const until =
      retryAfterMs !== undefined
        ? now + retryAfterMs
        : kind === 'search'
          ? now + 1000 + 1000 * this.random()
          : Math.max(now + 20, edge);
    if (kind === 'search') this.searchBlockedUntil = Math.max(this.searchBlockedUntil, until);
    else this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  /** When an answer last showed colleagues on the token (their requests in the window, or a refusal): SHARING. */
  private colleaguesSeenAt = Number.NEGATIVE_INFINITY;

  /** The most searches a second: the limit, or SHARING.sharedSearchCeiling while colleagues share the token. */
  private searchCeiling(now: number): number {
    return now - this.colleaguesSeenAt < SHARING.colleaguesForgetMs
      ? Math.min(this.searchPerSecond, SHARING.sharedSearchCeiling)
      : this.searchPerSecond;
  }

  /** The bound this limiter aims at, in requests per second. */
  requestsPerSecond(): number {
    return (this.ownMax() * 1000) / this.intervalMs;
  }

  /** Our share of the window, in requests: never below one, or a browser could be starved for good. */
  private ownMax(): number {
    return this.windowShare >= 1 ? this.max : Math.max(1, Math.floor(this.max * this.windowShare));
  }

  /** An accepted request wins back a percent of the share a refusal took. */
  private accepted(kind: RequestKind): void {
    if (kind === 'search') {
      const now = this.now();
      // Growth with time counts from the last growth, never from the clock's zero: before the first accepted search
      // there is no "since", and (now − 0) made the pace jump to the full limit on the first answer.
      const since = Math.max(this.lastSearchGrowthAt, this.lastCut.search);
      const quietFor =
        this.lastSearchGrowthAt > 0 && now - this.lastCut.search > SHARING.quietMs ? (now - since) / 1000 : 0;
      this.lastSearchGrowthAt = now;
      const growth = this.searchSlowStart ? SHARING.slowStartGrowth : SHARING.searchGrowth;
      this.searchPace = Math.min(this.searchPerSecond, this.searchPace * growth * SHARING.quietGrowth ** quietFor);
    } else this.windowShare = Math.min(1, this.windowShare * SHARING.windowGrowth);
  }
}
