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
}

/** What a response told us about the limits, read from `X-HubSpot-RateLimit-*` by the CRM adapter. */
export interface LimitReport {
  max?: number;
  remaining?: number;
  intervalMs?: number;
  daily?: number;
  dailyRemaining?: number;
}

export class DailyLimitReached extends Error {
  constructor() {
    super('daily API limit reached');
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
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private sent: number[] = [];
  private searches: number[] = [];
  private inFlight = 0;
  private blockedUntil = 0;
  private searchBlockedUntil = 0;
  private waiters: (() => void)[] = [];
  /** Requests sent, by kind, since creation: the benchmark and the status read them. */
  readonly counts = { standard: 0, search: 0 };

  constructor(options: LimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    this.max = options.max ?? 100;
    this.intervalMs = options.intervalMs ?? 10_000;
    this.searchPerSecond = options.searchPerSecond ?? 5;
    this.concurrency = options.concurrency ?? 10;
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

  private prune(now: number): void {
    const since = now - this.intervalMs - this.margin();
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= since) this.sent.shift();
    while (this.searches.length > 0 && (this.searches[0] ?? 0) <= now - 1000) this.searches.shift();
  }

  /** How long a request of this kind must wait now; 0 when it may go. Pure apart from pruning old entries. */
  delayFor(kind: RequestKind): number {
    const now = this.now();
    this.prune(now);
    if (this.dailyRemaining !== undefined && this.dailyRemaining <= 0) throw new DailyLimitReached();
    let wait = Math.max(0, this.blockedUntil - now);
    if (this.sent.length >= this.max)
      wait = Math.max(wait, (this.sent[this.sent.length - this.max] ?? now) + this.intervalMs + this.margin() - now);
    if (kind === 'search') {
      wait = Math.max(wait, this.searchBlockedUntil - now);
      if (this.searches.length >= this.searchPerSecond)
        wait = Math.max(wait, (this.searches[this.searches.length - this.searchPerSecond] ?? now) + 1000 - now);
    }
    return wait;
  }

  /**
   * Waits for a slot and books it; call the returned function when the response (or failure) arrives, with
   * `counted: false` when the server refused it with a 429 (it did not count it, so neither do we).
   */
  async acquire(kind: RequestKind, signal?: AbortSignal): Promise<(outcome?: { counted: boolean }) => void> {
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
    if (kind === 'search') this.searches.push(now);
    this.counts[kind] += 1;
    this.inFlight += 1;
    let released = false;
    return (outcome) => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      if (outcome?.counted === false) {
        const index = this.sent.indexOf(now);
        if (index >= 0) this.sent.splice(index, 1);
      }
      this.waiters.shift()?.();
    };
  }

  /** Learns the limits from a response's headers. */
  observe(report: LimitReport): void {
    this.skewMs *= 0.99;
    if (report.max !== undefined && report.max > 0) this.max = report.max;
    if (report.intervalMs !== undefined && report.intervalMs > 0) this.intervalMs = report.intervalMs;
    if (report.daily !== undefined) this.daily = report.daily;
    if (report.dailyRemaining !== undefined) this.dailyRemaining = report.dailyRemaining;
    if (report.remaining !== undefined) {
      const now = this.now();
      this.prune(now);
      const unexplained = this.max - report.remaining - this.sent.length;
      for (let i = 0; i < unexplained; i += 1) this.sent.push(now);
      this.sent.sort((a, b) => a - b);
    }
  }

  /**
   * A 429: the server's window is fuller than ours says, because it stamps requests when they arrive and we when we
   * send them. The margin widens a little (`skewMs`), and this kind of request waits until our oldest request has
   * left the server's window too. Waiting a whole interval instead would leave the budget unused for that long.
   */
  rateLimited(kind: RequestKind, retryAfterMs?: number): void {
    if (kind === 'standard') this.skewMs += Math.max(2, this.intervalMs * 0.015);
    const now = this.now();
    this.prune(now);
    // The server's window is full: its oldest entry is (almost always) our oldest request, stamped a little later
    // than we sent it. Wait for that one to leave rather than retrying blindly into the same full window.
    const oldest = this.sent[0];
    const edge = oldest === undefined ? now + 50 : oldest + this.intervalMs + this.margin();
    const until =
      retryAfterMs !== undefined ? now + retryAfterMs : kind === 'search' ? now + 1000 : Math.max(now + 20, edge);
    if (kind === 'search') this.searchBlockedUntil = Math.max(this.searchBlockedUntil, until);
    else this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  /** The bound this limiter aims at, in requests per second. */
  requestsPerSecond(): number {
    return (this.max * 1000) / this.intervalMs;
  }
}
