// Which tags the background may send now. Pure, so the ordering rules are tested without a browser:
// - tags of one contact go out strictly in the order they were made, one at a time, so an old tag's retry can never
//   land after a newer tag for the same contact;
// - contacts are independent, so one stuck contact does not hold up the rest;
// - a failed attempt waits with exponential backoff and jitter; a conflict stops that contact's queue until the user
//   resolves it (it is shown, never dropped).

export type OutboxState = 'pending' | 'sending' | 'applied' | 'conflict';

export interface OutboxEntry {
  /** Stable id made when the tag is created; applying the same id twice writes the same values. */
  id: string;
  /** Lower-cased e-mail, or the contact id once known: the key that orders tags. */
  contactKey: string;
  /** Monotonic sequence from the moment of tagging; ties are impossible within one browser. */
  seq: number;
  state: OutboxState;
  attempts: number;
  /** Earliest instant of the next attempt (ms). */
  notBefore: number;
}

/** Why a tag stopped and waits for the user: each has its own message and action in the outbox list. */
export type ConflictReason =
  | 'contactNotFound'
  | 'contactDeleted'
  | 'invalidValue'
  | 'missingScope'
  | 'reconnect'
  | 'duplicateEmail';

/** The values a tag writes, as validated by `validateTag` when it was made. */
export interface TagValues {
  email: string;
  source: string;
  campaign?: string;
  url?: string;
  /** When the marketer made the tag (ms); written as the contact's "tagged at". */
  taggedAt: number;
  /** Set when no contact matched and the marketer confirmed creating one. */
  create?: { firstName?: string; lastName?: string };
}

/** An outbox entry as stored: the plan's fields plus the tag and what happened to it. */
export interface OutboxRow extends OutboxEntry {
  /** A source tag (the default), or the lead status a rep's "Not a lead" sets (`tag.source` is then empty). */
  write?: 'tag' | 'leadStatus';
  leadStatus?: string;
  tag: TagValues;
  /** The CRM contact, once known (from the cache, a look-up, or the create). */
  contactId?: string;
  createdAt: number;
  appliedAt?: number;
  conflict?: { reason: ConflictReason; detail: string };
  /** The cached lead's tag fields before this tag was shown on it, put back if the user discards the tag. */
  previous?: { sourceTag?: string; campaign?: string; taggedUrl?: string; taggedAt?: number };
  /** The last transient failure, shown while the tag waits for its retry. */
  lastError?: string;
}

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
