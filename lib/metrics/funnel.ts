import { standardLifecycleStages, type LifecycleStage, type Snapshot } from '../model/snapshot.ts';
import { ratio } from './stats.ts';

export const funnelSteps = ['new', 'contacted', 'qualified', 'opportunity', 'won'] as const;
export type FunnelStep = (typeof funnelSteps)[number];
export const funnelRateNames = [
  'newToContacted',
  'contactedToQualified',
  'qualifiedToOpportunity',
  'opportunityToWon',
] as const;
export type FunnelRateName = (typeof funnelRateNames)[number];

/** Step numbers: 1 = new … 5 = won; a lead at level k counts at every step ≤ k. */
export const stepLevel = { new: 1, contacted: 2, qualified: 3, opportunity: 4, won: 5 } as const;

/**
 * Ranks of lifecycle stages: the portal's order when the snapshot lists its stages, else the standard order.
 * `other` and the empty value rank nowhere.
 */
export class LifecycleRanks {
  private readonly ranks = new Map<string, number>();
  private readonly evidenceCache = new Map<string, number>();

  constructor(stages: readonly LifecycleStage[] | undefined) {
    const list = stages && stages.length > 0 ? [...stages].sort((a, b) => a.order - b.order) : standardLifecycleStages;
    let rank = 0;
    for (const stage of list) {
      if (stage.value === 'other' || stage.value === '' || this.ranks.has(stage.value)) continue;
      this.ranks.set(stage.value, rank++);
    }
  }

  static of(snapshot: Pick<Snapshot, 'lifecycleStages'>): LifecycleRanks {
    return new LifecycleRanks(snapshot.lifecycleStages);
  }

  rank(value: string): number | undefined {
    return this.ranks.get(value);
  }

  /** Is `value` the stage `reference` or a later one? False when either ranks nowhere. */
  atLeast(value: string, reference: string): boolean {
    const rank = this.ranks.get(value);
    const referenceRank = this.ranks.get(reference);
    return rank !== undefined && referenceRank !== undefined && rank >= referenceRank;
  }

  /**
   * What a lifecycle stage says, as bits: 1 = sales-qualified or later, 2 = opportunity or later, 4 = customer or
   * later, 8 = open (for freshness). Cached, since a portal has a handful of stages and the report asks per lead.
   */
  evidence(value: string): number {
    let bits = this.evidenceCache.get(value);
    if (bits === undefined) {
      bits =
        (this.atLeast(value, 'salesqualifiedlead') ? 1 : 0) |
        (this.atLeast(value, 'opportunity') ? 2 : 0) |
        (this.atLeast(value, 'customer') ? 4 : 0) |
        (this.isOpen(value) ? 8 : 0);
      this.evidenceCache.set(value, bits);
    }
    return bits;
  }

  /** An open lead for freshness: its stage ranks, and before `customer` (every ranked stage when none is `customer`). */
  isOpen(value: string): boolean {
    const rank = this.ranks.get(value);
    if (rank === undefined) return false;
    const customer = this.ranks.get('customer');
    return customer === undefined || rank < customer;
  }
}

export type FunnelCounts = Record<FunnelStep, number>;

export interface Funnel {
  counts: FunnelCounts;
  rates: Record<FunnelRateName, number | null>;
  /** The step with the lowest non-null rate (ties: the earliest); null when no rate is defined. */
  dropOffStep: FunnelRateName | null;
  leadToCustomerRate: number | null;
}

/** Counts per step from `atLevel[k]` = leads whose highest step is exactly k (index 1…5). */
export function funnelFromLevels(atLevel: ArrayLike<number>): Funnel {
  const reached = [0, 0, 0, 0, 0, 0];
  for (let level = 5; level >= 1; level--) {
    reached[level] = (reached[level + 1] ?? 0) + (atLevel[level] ?? 0);
  }
  const counts: FunnelCounts = {
    new: reached[1] ?? 0,
    contacted: reached[2] ?? 0,
    qualified: reached[3] ?? 0,
    opportunity: reached[4] ?? 0,
    won: reached[5] ?? 0,
  };
  return funnelFromCounts(counts);
}

export function funnelFromCounts(counts: FunnelCounts): Funnel {
  const rates: Record<FunnelRateName, number | null> = {
    newToContacted: ratio(counts.contacted, counts.new),
    contactedToQualified: ratio(counts.qualified, counts.contacted),
    qualifiedToOpportunity: ratio(counts.opportunity, counts.qualified),
    opportunityToWon: ratio(counts.won, counts.opportunity),
  };
  let dropOffStep: FunnelRateName | null = null;
  for (const name of funnelRateNames) {
    const rate = rates[name];
    if (rate === null) continue;
    const lowest = dropOffStep === null ? null : rates[dropOffStep];
    // Strictly lower, so a tie keeps the earlier step.
    if (lowest === null || lowest === undefined || rate < lowest) dropOffStep = name;
  }
  return { counts, rates, dropOffStep, leadToCustomerRate: ratio(counts.won, counts.new) };
}

/** The denominator of each step rate, for intervals. */
export function funnelRateDenominator(funnel: Funnel, name: FunnelRateName): number {
  switch (name) {
    case 'newToContacted':
      return funnel.counts.new;
    case 'contactedToQualified':
      return funnel.counts.contacted;
    case 'qualifiedToOpportunity':
      return funnel.counts.qualified;
    case 'opportunityToWon':
      return funnel.counts.opportunity;
  }
}
