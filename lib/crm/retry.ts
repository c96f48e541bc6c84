import { TZDate } from '@date-fns/tz';

// How requests to the CRM are retried and when its daily allowance comes back: pure functions used by the transport,
// the limiter and the sync service.

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many clients spread out. */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 500,
  capMs = 30_000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return ceiling / 2 + (ceiling / 2) * random();
}

export const MAX_ATTEMPTS = 6;

/** Which failures are transient: timeouts and network errors (status 0), 5xx. 429 is handled by the limiter. */
export function isTransient(status: number): boolean {
  return status === 0 || status >= 500;
}

/** HubSpot's daily limit resets at midnight in the portal's time zone. */
export function nextMidnight(now: number, timeZone: string): number {
  const local = new TZDate(now, timeZone);
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, 0, 0, 0, timeZone).getTime();
}
