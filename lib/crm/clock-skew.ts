// How far HubSpot's clock is from ours, read from the `Date` header of its responses. Response timers (the SLA
// badges) compare CRM instants with "now"; a local clock minutes off would restart or jump them, so the background
// hands this estimate to the pages (the `ping` reply) and they read "now" as `Date.now() + clockSkewMs()`.

/** A `Date` further than this from our clock is a broken header or proxy, not a clock: it is not believed. */
export const ABSURD_SKEW_MS = 24 * 60 * 60_000;
/** Samples kept; the estimate is their median, so one late response or odd header cannot move it far. */
const SAMPLES = 9;
/**
 * A response that took this long says little: the header was stamped anywhere in that time. Such samples are still
 * taken while there are none better (a slow network is better than no estimate), but never replace quick ones.
 */
const SLOW_ROUND_TRIP_MS = 5_000;

export class ClockSkew {
  private samples: number[] = [];
  private slowSamples: number[] = [];

  /** Our clock: the transport times its requests on it, so samples and `serverNow` share one time base. */
  constructor(readonly now: () => number = Date.now) {}

  /**
   * One response: `serverDate` from its `Date` header (NaN when unreadable), sent and received on our clock. The
   * header has whole seconds and is truncated, so the server's instant is on average half a second after it; our
   * instant is taken halfway through the round trip.
   */
  observe(serverDate: number, sentAt: number, receivedAt: number): void {
    if (!Number.isFinite(serverDate) || !Number.isFinite(sentAt) || !Number.isFinite(receivedAt)) return;
    const sample = serverDate + 500 - (sentAt + receivedAt) / 2;
    if (Math.abs(sample) > ABSURD_SKEW_MS) return;
    const list = receivedAt - sentAt > SLOW_ROUND_TRIP_MS ? this.slowSamples : this.samples;
    list.push(sample);
    if (list.length > SAMPLES) list.shift();
  }

  /** HubSpot's clock minus ours, in ms (0 until a response has been seen); rounded to the second it can resolve. */
  skewMs(): number {
    const list = this.samples.length > 0 ? this.samples : this.slowSamples;
    if (list.length === 0) return 0;
    const sorted = [...list].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    const median =
      sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
    // Below a second the header cannot tell skew from noise; reporting it would only make timers jitter.
    return Math.abs(median) < 1000 ? 0 : Math.round(median / 1000) * 1000;
  }

  /** Whether a response has told us HubSpot's clock: until then `serverNow` is only ours. */
  measured(): boolean {
    return this.samples.length + this.slowSamples.length > 0;
  }

  /** Now on HubSpot's clock, by our best estimate. */
  serverNow(): number {
    return this.now() + this.skewMs();
  }

  reset(): void {
    this.samples = [];
    this.slowSamples = [];
  }
}

/** The worker's estimate: every transport feeds it, the `ping` reply reads it. */
export const clockSkew = new ClockSkew();

/** HubSpot's clock minus ours, in ms: add it to `Date.now()` to compare with CRM instants. */
export function clockSkewMs(): number {
  return clockSkew.skewMs();
}
