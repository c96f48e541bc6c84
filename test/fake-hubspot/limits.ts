// HubSpot's rate limits: a rolling window per token (100 or 190 per 10 s for private apps, by tier), a daily
// allowance, and a separate per-second limit for search. The window is a flag so benchmarks can scale time.

export interface RateSpec {
  max: number;
  windowMs: number;
}

/** Parses "100/10s", "5/1s", "100/250ms", "1000/1m"; a bare number of ms is accepted too ("100/10000"). */
export function parseRate(spec: string): RateSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(spec);
  if (!match) throw new Error(`invalid rate "${spec}" (expected like 100/10s)`);
  const max = Number(match[1]);
  const amount = Number(match[2]);
  const unit = match[3] ?? 'ms';
  const windowMs = unit === 'ms' ? amount : unit === 's' ? amount * 1000 : amount * 60_000;
  if (max <= 0 || windowMs <= 0) throw new Error(`invalid rate "${spec}"`);
  return { max, windowMs };
}

/** A true rolling window: the requests of the last `windowMs`, not fixed buckets. */
export class RollingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(readonly spec: RateSpec) {}

  /** Counts the request if allowed; returns whether it was and how many remain in the window after it. */
  take(key: string, now: number): { allowed: boolean; remaining: number } {
    let list = this.hits.get(key);
    if (!list) {
      list = [];
      this.hits.set(key, list);
    }
    const cutoff = now - this.spec.windowMs;
    let drop = 0;
    while (drop < list.length && (list[drop] ?? 0) <= cutoff) drop++;
    if (drop > 0) list.splice(0, drop);
    if (list.length >= this.spec.max) return { allowed: false, remaining: 0 };
    list.push(now);
    return { allowed: true, remaining: this.spec.max - list.length };
  }

  /** What remains of the key's window now, without counting a request. */
  peek(key: string, now: number): number {
    const list = this.hits.get(key) ?? [];
    const cutoff = now - this.spec.windowMs;
    return Math.max(0, this.spec.max - list.filter((at) => at > cutoff).length);
  }

  reset(): void {
    this.hits.clear();
  }
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(timeZone: string, now: number): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * The daily allowance, reset at midnight in the account's time zone, as HubSpot documents it ("resets at midnight
 * based on your time zone setting"); the portal passes its own zone.
 */
export class DailyCounter {
  private readonly used = new Map<string, { day: string; count: number }>();

  constructor(
    readonly max: number,
    readonly timeZone = 'UTC',
  ) {}

  take(key: string, now: number): { allowed: boolean; remaining: number } {
    const day = dayIn(this.timeZone, now);
    let entry = this.used.get(key);
    if (!entry || entry.day !== day) {
      entry = { day, count: 0 };
      this.used.set(key, entry);
    }
    if (entry.count >= this.max) return { allowed: false, remaining: 0 };
    entry.count++;
    return { allowed: true, remaining: this.max - entry.count };
  }

  remaining(key: string, now: number): number {
    const day = dayIn(this.timeZone, now);
    const entry = this.used.get(key);
    return entry && entry.day === day ? this.max - entry.count : this.max;
  }

  reset(): void {
    this.used.clear();
  }
}

// ---- HubSpot's tiers and the portal's enforcement -------------------------------------------------------------

export type LimitPolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

export interface TierLimits {
  /** The rolling 10-second window per app (a private app's token; a key shared by a team is one app). */
  rate: string;
  /** Requests a day for the whole account, whatever app sends them. */
  daily: number;
  /** The search endpoints' own limit per token; HubSpot sends no rate headers with search answers. */
  searchRate: string;
}

/**
 * Private-app limits by subscription as HubSpot's usage guidelines and its changelog ("Increasing our API limits")
 * give them; the capacity pack adds a million a day and raises the window to 250 (it does not stack).
 */
export const PORTAL_TIERS = {
  starter: { rate: '100/10s', daily: 250_000, searchRate: '5/1s' },
  professional: { rate: '190/10s', daily: 650_000, searchRate: '5/1s' },
  enterprise: { rate: '190/10s', daily: 1_000_000, searchRate: '5/1s' },
  'enterprise-capacity-pack': { rate: '250/10s', daily: 2_000_000, searchRate: '5/1s' },
} as const satisfies Record<string, TierLimits>;

export type PortalTier = keyof typeof PORTAL_TIERS;

export function isPortalTier(name: string): name is PortalTier {
  return Object.hasOwn(PORTAL_TIERS, name);
}

export type Admission =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; policy: LimitPolicy; headers: Record<string, string> };

/**
 * What HubSpot counts and where: the 10-second window per token, the search limit per token (counted apart from the
 * window, answered without headers), and one daily allowance for the account that every token draws on. Times are
 * passed in — the window's clock and the wall's day — so a benchmark can run the same rules on a virtual clock.
 */
export class PortalLimits {
  readonly tenSecondly: RollingWindow;
  readonly secondly: RollingWindow;
  readonly daily: DailyCounter;
  /** Refusals per policy since creation or the last reset. */
  readonly refused: Record<LimitPolicy, number> = { TEN_SECONDLY_ROLLING: 0, DAILY: 0, SECONDLY: 0 };

  constructor(
    limits: { rate: RateSpec; searchRate: RateSpec; daily: number },
    timeZone: string,
    /** The account all tokens belong to: the daily allowance's key. */
    private readonly account = 'account',
  ) {
    this.tenSecondly = new RollingWindow(limits.rate);
    this.secondly = new RollingWindow(limits.searchRate);
    this.daily = new DailyCounter(limits.daily, timeZone);
  }

  /** `X-HubSpot-RateLimit-*` of a non-search answer, with what remains of this token's window and the account's day. */
  rateHeaders(windowRemaining: number, wallNow: number): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Daily': String(this.daily.max),
      'X-HubSpot-RateLimit-Daily-Remaining': String(this.daily.remaining(this.account, wallNow)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(this.tenSecondly.spec.windowMs),
      'X-HubSpot-RateLimit-Max': String(this.tenSecondly.spec.max),
      'X-HubSpot-RateLimit-Remaining': String(windowRemaining),
    };
  }

  /** Counts a request of this token if its limits allow it; a refused request is not counted anywhere. */
  admit(token: string, search: boolean, windowNow: number, wallNow: number): Admission {
    if (search) {
      if (this.daily.remaining(this.account, wallNow) <= 0) return this.refuse('DAILY', {});
      if (!this.secondly.take(token, windowNow).allowed) return this.refuse('SECONDLY', {});
      this.daily.take(this.account, wallNow);
      return { allowed: true, headers: {} };
    }
    if (this.daily.remaining(this.account, wallNow) <= 0)
      return this.refuse('DAILY', this.rateHeaders(this.tenSecondly.peek(token, windowNow), wallNow));
    const window = this.tenSecondly.take(token, windowNow);
    if (!window.allowed) return this.refuse('TEN_SECONDLY_ROLLING', this.rateHeaders(0, wallNow));
    this.daily.take(this.account, wallNow);
    return { allowed: true, headers: this.rateHeaders(window.remaining, wallNow) };
  }

  resetCounts(): void {
    for (const policy of Object.keys(this.refused) as LimitPolicy[]) this.refused[policy] = 0;
  }

  private refuse(policy: LimitPolicy, headers: Record<string, string>): Admission {
    this.refused[policy]++;
    return { allowed: false, policy, headers };
  }
}

/** HubSpot's message for each policy, as its 429 bodies carry it. */
export const POLICY_MESSAGES: Record<LimitPolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  DAILY: 'You have reached your daily limit.',
  SECONDLY: 'You have reached your secondly limit.',
};
