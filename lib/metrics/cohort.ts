import { type Funnel, funnelFromLevels } from './funnel.ts';
import type { LeadTable } from './prepare.ts';
import { slaOutcomes } from './prepare.ts';
import { type ResponseBucket, responseBuckets } from './response.ts';
import { borrowFloats, returnFloats } from './float-pool.ts';
import { quantileOf } from './quantile.ts';
import { mean, medianOf, ratio } from './stats.ts';

/** One of the two clocks: a median and the number of leads it is over. */
export interface ClockFigures {
  medianMinutes: number | null;
  count: number;
}

export interface ResponseFigures {
  responded: number;
  never: number;
  /** Over responded leads only (`never` left out). */
  medianMinutes: number | null;
  meanMinutes: number | null;
  /** The tail: the 0.9 quantile of the responded leads' response minutes. */
  p90Minutes: number | null;
  /** Created → owner assigned, for leads assigned by asOf and no later than their first response. */
  routingDelay: ClockFigures;
  /** Owner assigned → first response, for responded leads assigned between creation and the response. */
  responseAfterAssignment: ClockFigures;
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

/** A growing list of minutes in a buffer borrowed from the pool until `release`. */
class MinuteList {
  values: Float64Array = noMinutes;
  count = 0;

  push(minutes: number): void {
    if (this.count === this.values.length) {
      const larger = borrowFloats(Math.max(256, this.values.length * 2));
      larger.set(this.values.subarray(0, this.count));
      returnFloats(this.values);
      this.values = larger;
    }
    this.values[this.count++] = minutes;
  }

  view(): Float64Array {
    return this.values.subarray(0, this.count);
  }

  release(): void {
    returnFloats(this.values);
    this.values = noMinutes;
  }
}

function clockOf(list: MinuteList): ClockFigures {
  return { medianMinutes: medianOf(list.view()), count: list.count };
}

/** Adds leads one by one (one pass over a cohort, or over several groups at once). */
export class CohortAccumulator {
  private leads = 0;
  private readonly atLevel = [0, 0, 0, 0, 0, 0];
  private readonly bucketN = [0, 0, 0, 0, 0, 0];
  private readonly bucketQualified = [0, 0, 0, 0, 0, 0];
  private readonly bucketWon = [0, 0, 0, 0, 0, 0];
  /** Response minutes of the responded leads so far, and the two clocks' minutes. */
  private readonly minutes = new MinuteList();
  private readonly routing = new MinuteList();
  private readonly afterAssignment = new MinuteList();
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
    if (!Number.isNaN(minutes)) this.minutes.push(minutes);
    const routing = leads.routingMinutes[row] as number;
    if (!Number.isNaN(routing)) this.routing.push(routing);
    const afterAssignment = leads.afterAssignmentMinutes[row] as number;
    if (!Number.isNaN(afterAssignment)) this.afterAssignment.push(afterAssignment);
    const outcome = leads.slaOutcome[row] as number;
    this.sla[outcome] = (this.sla[outcome] ?? 0) + 1;
  }

  /** The figures; the accumulator is finished (adding more is an error), and asking again gives the same object. */
  result(): CohortFigures {
    this.finished ??= this.compute();
    this.minutes.release();
    this.routing.release();
    this.afterAssignment.release();
    return this.finished;
  }

  private compute(): CohortFigures {
    const minutes = this.minutes.view();
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
        p90Minutes: quantileOf(minutes, 0.9),
        routingDelay: clockOf(this.routing),
        responseAfterAssignment: clockOf(this.afterAssignment),
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

// Its own function so the loop's compiled code ends at the loop (see `stats.ts`).
function addRows(accumulator: CohortAccumulator, leads: LeadTable, first: number, end: number): void {
  for (let row = first; row < end; row++) accumulator.add(leads, row);
}

/** Cohort figures of rows `[first, end)` of the lead table. */
export function cohortFigures(leads: LeadTable, first: number, end: number): CohortFigures {
  const accumulator = new CohortAccumulator();
  addRows(accumulator, leads, first, end);
  return accumulator.result();
}
