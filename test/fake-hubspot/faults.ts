// Injected faults: transient by design. A request that drew a fault is remembered by its fingerprint and the same
// request again gets the true answer, so a client that retries correctly always gets through. The generator's
// malformed records, by contrast, are permanent data.
import { createRng, deriveSeed, type Rng } from './prng.ts';

export const FAULT_KINDS = ['rate_limit', 'server_error', 'hang', 'truncated', 'malformed', 'wrong_types'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSettings {
  /** Chance in [0, 1] that a request gets a fault. */
  probability: number;
  /** Which kinds to draw from (default: all). */
  kinds?: FaultKind[];
  /** How long a hang holds the connection before destroying it (default 5 minutes: longer than any sane timeout). */
  hangMs?: number;
}

export class FaultInjector {
  private settings: Required<FaultSettings>;
  private readonly rng: Rng;
  private readonly faulted = new Set<string>();
  readonly counts: Record<FaultKind, number> = {
    rate_limit: 0,
    server_error: 0,
    hang: 0,
    truncated: 0,
    malformed: 0,
    wrong_types: 0,
  };

  constructor(seed: number, probability: number) {
    this.rng = createRng(deriveSeed(seed, 'faults'));
    this.settings = { probability, kinds: [...FAULT_KINDS], hangMs: 5 * 60_000 };
  }

  set(settings: FaultSettings): void {
    const probability = Math.min(1, Math.max(0, settings.probability));
    const kinds = settings.kinds && settings.kinds.length > 0 ? settings.kinds : [...FAULT_KINDS];
    this.settings = { probability, kinds, hangMs: settings.hangMs ?? this.settings.hangMs };
    this.faulted.clear();
  }

  get current(): Required<FaultSettings> {
    return { ...this.settings, kinds: [...this.settings.kinds] };
  }

  /** Draws a fault for this request, or none; the same request right after a fault is always spared. */
  draw(fingerprint: string): FaultKind | null {
    if (this.faulted.delete(fingerprint)) return null;
    if (this.settings.probability <= 0 || !this.rng.chance(this.settings.probability)) return null;
    const kind = this.rng.pick(this.settings.kinds);
    this.faulted.add(fingerprint);
    // Bound the memory of faulted requests; a client that never retries should not grow it forever.
    if (this.faulted.size > 10_000) {
      const first = this.faulted.values().next();
      if (!first.done) this.faulted.delete(first.value);
    }
    this.counts[kind]++;
    return kind;
  }

  /** A status for a server-error fault. */
  serverStatus(): number {
    return this.rng.pick([500, 502, 503]);
  }

  resetCounts(): void {
    for (const kind of FAULT_KINDS) this.counts[kind] = 0;
  }
}

/** Corrupts the types of one record in a response body: a string property becomes a number, a date a number. */
export function corruptTypes(body: unknown): boolean {
  const record = findRecord(body);
  if (!record) return false;
  const properties = record.properties as Record<string, unknown>;
  const names = Object.keys(properties);
  const name = names.find((n) => typeof properties[n] === 'string') ?? names[0];
  if (name !== undefined) {
    const value = properties[name];
    const numeric = typeof value === 'string' ? Number(value) : Number.NaN;
    properties[name] = Number.isFinite(numeric) ? numeric : { value };
  }
  if (typeof record.createdAt === 'string') record.createdAt = Date.parse(record.createdAt);
  return true;
}

function findRecord(body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null) return null;
  const candidate = body as Record<string, unknown>;
  if (typeof candidate.properties === 'object' && candidate.properties !== null) return candidate;
  if (Array.isArray(candidate.results)) {
    for (const item of candidate.results) {
      const found = findRecord(item);
      if (found) return found;
    }
  }
  return null;
}
