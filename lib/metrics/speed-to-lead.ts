import type { BucketOutcome, CohortFigures } from './cohort.ts';
import type { ResponseBucket } from './response.ts';

/** The buckets whose leads could have converted like those answered within 5 minutes. */
export const slowBuckets: readonly ResponseBucket[] = ['30–60m', '1–24h', '>24h', 'never'];

export interface SpeedToLeadCurve {
  buckets: BucketOutcome[];
  /**
   * Σ over slow buckets of max(0, n × (wonRate(<5m) − wonRate(bucket)) × average deal size(W)); an empty bucket
   * adds 0; null when wonRate(<5m) or the average deal size is null.
   */
  revenueAtStake: number | null;
  label: string;
}

export const revenueAtStakeLabel = 'if these leads had converted like those answered within 5 minutes';

export function speedToLeadCurve(cohort: CohortFigures, averageDealSize: number | null): SpeedToLeadCurve {
  const fastest = cohort.byBucket.find((outcome) => outcome.bucket === '<5m')?.wonRate ?? null;
  let revenueAtStake: number | null = null;
  if (fastest !== null && averageDealSize !== null) {
    revenueAtStake = 0;
    for (const outcome of cohort.byBucket) {
      if (!slowBuckets.includes(outcome.bucket) || outcome.wonRate === null) continue;
      revenueAtStake += Math.max(0, outcome.n * (fastest - outcome.wonRate) * averageDealSize);
    }
  }
  return { buckets: cohort.byBucket, revenueAtStake, label: revenueAtStakeLabel };
}
