import { type Funnel, funnelFromLevels } from './funnel.ts';
import type { LeadTable } from './prepare.ts';
import { slaOutcomes } from './prepare.ts';
import { type ResponseBucket, responseBuckets } from './response.ts';
import { borrowFloats, returnFloats } from './float-pool.ts';
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

const noMinutes = new Float64Array(0);

/** Adds leads one by one (one pass over a cohort, or over several groups at once). */
export class CohortAccumulator {
  private leads = 0;
  private readonly atLevel = [0, 0, 0, 0, 0, 0];
  private readonly bucketN = [0, 0, 0, 0, 0, 0];
  private readonly bucketQualified = [0, 0, 0, 0, 0, 0];
  private readonly bucketWon = [0, 0, 0, 0, 0, 0];
  /** Response minutes of the responded leads so far: `minutes[0 … minuteCount)`, a buffer borrowed until `result`. */
  private minutes: Float64Array = noMinutes;
  private minuteCount = 0;
  private finished: CohortFigures | undefined;
  /** Leads per SLA outcome, indexed as `slaOutcomes` (an array: a keyed object update per lead was most of `add`). */
  private readonly sla = [0, 0, 0, 0];

  add(leads: LeadTable, row: number): void {
    if (this.finished) throw new Error('CohortAccumulator: add after result');
    this.leads++;
    const level = leads.level[row] as number;
    this.atLevel[level] = (this.atLevel[level] ?? 0) + 1;
    const b = leads.bucket[row] as number;
    this.bucketN[b] = (this.bucketN[b] ?? 0) + 1;
    if (level >= 3) this.bucketQualified[b] = (this.bucketQualified[b] ?? 0) + 1;
    if (level >= 5) this.bucketWon[b] = (this.bucketWon[b] ?? 0) + 1;
    const minutes = leads.responseMinutes[row] as number;
    if (!Number.isNaN(minutes)) {
      if (this.minuteCount === this.minutes.length) this.grow();
      this.minutes[this.minuteCount++] = minutes;
    }
    const outcome = leads.slaOutcome[row] as number;
    this.sla[outcome] = (this.sla[outcome] ?? 0) + 1;
  }

  private grow(): void {
    const larger = borrowFloats(Math.max(256, this.minutes.length * 2));
    larger.set(this.minutes.subarray(0, this.minuteCount));
    returnFloats(this.minutes);
    this.minutes = larger;
  }

  /** The figures; the accumulator is finished (adding more is an error), and asking again gives the same object. */
  result(): CohortFigures {
    this.finished ??= this.compute();
    returnFloats(this.minutes);
    this.minutes = noMinutes;
    return this.finished;
  }

  private compute(): CohortFigures {
    const minutes = this.minutes.subarray(0, this.minuteCount);
    const buckets = Object.fromEntries(responseBuckets.map((bucket, i) => [bucket, this.bucketN[i] ?? 0])) as Record<
      ResponseBucket,
      number
    >;
    const [met, missed, overdue, waiting] = slaOutcomes.map((_, i) => this.sla[i] ?? 0) as [
      number,
      number,
      number,
      number,
    ];
    const decided = met + missed + overdue;
    return {
      leads: this.leads,
      response: {
        responded: minutes.length,
        never: this.bucketN[5] ?? 0,
        medianMinutes: medianOf(minutes),
        meanMinutes: mean(minutes),
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
