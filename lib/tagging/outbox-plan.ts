// Which tags the background may send now. Pure, so the ordering rules are tested without a browser:
// - tags of one contact go out strictly in the order they were made, one at a time, so an old tag's retry can never
//   land after a newer tag for the same contact;
// - contacts are independent, so one stuck contact does not hold up the rest;
// - a failed attempt waits with exponential backoff and jitter; a conflict stops that contact's queue until the user
//   resolves it (it is shown, never dropped).

import type { OutboxEntry } from '../model/tags';

export interface PlanOptions {
  now: number;
  /** How many sends may be in flight at once across contacts. */
  concurrency: number;
}

export function sendable(entries: readonly OutboxEntry[], { now, concurrency }: PlanOptions): OutboxEntry[] {
  const headOf = new Map<string, OutboxEntry>();
  for (const entry of entries) {
    if (entry.state === 'applied') continue;
    const head = headOf.get(entry.contactKey);
    if (!head || entry.seq < head.seq) headOf.set(entry.contactKey, entry);
  }
  const inFlight = [...headOf.values()].filter((entry) => entry.state === 'sending').length;
  const ready = [...headOf.values()]
    .filter((entry) => entry.state === 'pending' && entry.notBefore <= now)
    .sort((a, b) => a.seq - b.seq);
  return ready.slice(0, Math.max(0, concurrency - inFlight));
}

/** When to try again after `attempts` failures: 2 s, 4 s, … capped at 10 min, with ±20 % jitter. */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(600_000, 2_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** The earliest instant at which something could become sendable, for the alarm; null when nothing waits. */
export function nextWake(entries: readonly OutboxEntry[]): number | null {
  let earliest: number | null = null;
  for (const entry of entries) {
    if (entry.state !== 'pending') continue;
    if (earliest === null || entry.notBefore < earliest) earliest = entry.notBefore;
  }
  return earliest;
}
