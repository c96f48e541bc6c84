import { type Funnel, funnelFromLevels } from './funnel.ts';
import type { LeadTable } from './prepare.ts';
import { slaOutcomes } from './prepare.ts';
import { type ResponseBucket, responseBuckets } from './response.ts';
import { mean, medianOf, ratio } from './stats.ts';

export interface ResponseFigures {
  responded: number;
  never: number;
  /** Over responded leads only (`never` left out). */
  medianMinutes: number | null;
  meanMinutes: number | null;
  buckets: Record<ResponseBucket, number>;
}

export interface SlaFigures {
  met: number;
  missed: number;
  /** No response and the open timer overdue at asOf. */
  overdue: number;
  /** No response yet, still inside the SLA: undecided, left out of the share. */
  waiting: number;
  /** met / (met + missed + overdue). */
  shareWithinSla: number | null;
  decided: number;
}

export interface BucketOutcome {
  bucket: ResponseBucket;
  n: number;
  qualified: number;
  won: number;
  qualifiedRate: number | null;
  wonRate: number | null;
}

/** Figures over a cohort: the leads created in a window (their response may come later). */
export interface CohortFigures {
  leads: number;
  response: ResponseFigures;
  sla: SlaFigures;
  funnel: Funnel;
  byBucket: BucketOutcome[];
}

/** Adds leads one by one (one pass over a cohort, or over several groups at once). */
export class CohortAccumulator {
  private leads = 0;
  private readonly atLevel = [0, 0, 0, 0, 0, 0];
  private readonly bucketN = [0, 0, 0, 0, 0, 0];
  private readonly bucketQualified = [0, 0, 0, 0, 0, 0];
  private readonly bucketWon = [0, 0, 0, 0, 0, 0];
  private readonly minutes: number[] = [];
  private readonly sla = { met: 0, missed: 0, overdue: 0, waiting: 0 };

  add(leads: LeadTable, row: number): void {
    this.leads++;
    const level = leads.level[row] as number;
    this.atLevel[level] = (this.atLevel[level] ?? 0) + 1;
    const b = leads.bucket[row] as number;
    this.bucketN[b] = (this.bucketN[b] ?? 0) + 1;
    if (level >= 3) this.bucketQualified[b] = (this.bucketQualified[b] ?? 0) + 1;
    if (level >= 5) this.bucketWon[b] = (this.bucketWon[b] ?? 0) + 1;
    const minutes = leads.responseMinutes[row] as number;
    if (!Number.isNaN(minutes)) this.minutes.push(minutes);
    this.sla[slaOutcomes[leads.slaOutcome[row] as number] ?? 'waiting']++;
  }

  result(): CohortFigures {
    const buckets = Object.fromEntries(responseBuckets.map((bucket, i) => [bucket, this.bucketN[i] ?? 0])) as Record<
      ResponseBucket,
      number
    >;
    const { met, missed, overdue, waiting } = this.sla;
    const decided = met + missed + overdue;
    return {
      leads: this.leads,
      response: {
        responded: this.minutes.length,
        never: this.bucketN[5] ?? 0,
        medianMinutes: medianOf(this.minutes),
        meanMinutes: mean(this.minutes),
        buckets,
      },
      sla: { met, missed, overdue, waiting, shareWithinSla: ratio(met, decided), decided },
      funnel: funnelFromLevels(this.atLevel),
      byBucket: responseBuckets.map((bucket, i) => {
        const n = this.bucketN[i] ?? 0;
        const qualified = this.bucketQualified[i] ?? 0;
        const won = this.bucketWon[i] ?? 0;
        return { bucket, n, qualified, won, qualifiedRate: ratio(qualified, n), wonRate: ratio(won, n) };
      }),
    };
  }
}

/** Cohort figures of rows `[first, end)` of the lead table. */
export function cohortFigures(leads: LeadTable, first: number, end: number): CohortFigures {
  const accumulator = new CohortAccumulator();
  for (let row = first; row < end; row++) accumulator.add(leads, row);
  return accumulator.result();
}
