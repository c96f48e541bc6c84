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
