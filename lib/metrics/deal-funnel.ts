// Reads of typed arrays and rows are cast (`as number`): every index is bounded by its loop or a binary search,
// which `noUncheckedIndexedAccess` cannot see.
import type { Snapshot } from '../model/snapshot.ts';
import { dayMs, rangeIn, type Span } from './calendar.ts';
import { medianOf, ratio, sortedOrder } from './stats.ts';

// The deal-stage funnel (METRICS.md, "Cohort funnel" → "Deal-stage funnel", and "Settled readings (v2)"): per
// pipeline, the deals created in W, how far each got along the pipeline's path and how long it stayed in each step.
// What does not depend on W (each deal's highest step and its days in each step) is worked out once per report
// index; a window is then a binary search and a pass over typed arrays per pipeline.

/** The last step of every path: the pipeline's won stage(s) as one. */
export const wonStep = 'won';

/** A pipeline's path: its open stages in `order`, then `won`. Lost stages are exits, not steps. */
export interface PipelinePath {
  pipelineId: string;
  label: string;
  /** Stage ids of the open steps, then `won`. */
  steps: string[];
  stepLabels: string[];
}

/** One pipeline's deals known at asOf, sorted by `createdAt`. */
interface PipelineDeals {
  path: PipelinePath;
  createdAt: Float64Array;
  /** The highest step reached (index into the path), -1 for none. */
  highest: Int16Array;
  /** Days in step k of deal i at `i × steps + k`; NaN when the deal lacks either entry. */
  daysInStep: Float64Array;
}

export interface DealStageIndex {
  pipelines: PipelineDeals[];
}

export interface DealFunnelStep {
  /** A stage id, or `won`. */
  step: string;
  label: string;
  /** Deals that reached this step or a later one. */
  reached: number;
  /** reached(next) / reached(this); null for the last step or when none reached this one. */
  conversionToNext: number | null;
  /** Median days from entering this step to entering the next step the deal entered; null when no deal has both. */
  medianDaysInStep: number | null;
  /** The deals that median is over. */
  daysCount: number;
}

export interface PipelineFunnel {
  pipelineId: string;
  label: string;
  /** Deals of this pipeline created in W. */
  deals: number;
  steps: DealFunnelStep[];
}

type StageRow = Snapshot['stages'][number];
type DealRecord = Snapshot['deals'][number];

function pathsOf(stages: readonly StageRow[]): Map<string, { path: PipelinePath; stepOf: Map<string, number> }> {
  const byPipeline = new Map<string, StageRow[]>();
  for (const stage of stages) {
    const list = byPipeline.get(stage.pipelineId) ?? [];
    list.push(stage);
    byPipeline.set(stage.pipelineId, list);
  }
  const paths = new Map<string, { path: PipelinePath; stepOf: Map<string, number> }>();
  for (const [pipelineId, list] of byPipeline) {
    // Stable: stages of equal `order` keep the snapshot's order.
    const open = list.filter((stage) => !stage.isClosed && !stage.isWon).sort((a, b) => a.order - b.order);
    const won = list.filter((stage) => stage.isWon);
    const stepOf = new Map<string, number>();
    for (const [step, stage] of open.entries()) stepOf.set(stage.stageId, step);
    for (const stage of won) stepOf.set(stage.stageId, open.length);
    const path: PipelinePath = {
      pipelineId,
      label: list.find((stage) => stage.pipelineLabel !== undefined)?.pipelineLabel ?? pipelineId,
      steps: [...open.map((stage) => stage.stageId), wonStep],
      stepLabels: [
        ...open.map((stage) => stage.label || stage.stageId),
        won.map((stage) => stage.label).join(' / ') || wonStep,
      ],
    };
    paths.set(pipelineId, { path, stepOf });
  }
  return paths;
}

/**
 * Each deal known at asOf (created by then; a closed deal closed by then) of a pipeline the snapshot lists: its
 * highest step and its days in each step. Stage dates after asOf and dates of stages outside the deal's path (another
 * pipeline's, or lost stages) are dropped; entry dates are taken as they are, even out of order.
 */
// The panel prepares a report of one snapshot for every filter and setting, at one asOf: the index is kept per deals
// array (a WeakMap, as snapshot-index.ts keeps its own) for the last stages and asOf it was built for. Reading every
// deal's stage dates was 28 ms of a 100 000-lead report.
const kept = new WeakMap<
  readonly DealRecord[],
  { stages: Snapshot['stages']; asOf: number; length: number; value: DealStageIndex }
>();

export function prepareDealStages(snapshot: Snapshot, asOf: number): DealStageIndex {
  const found = kept.get(snapshot.deals);
  if (found && found.stages === snapshot.stages && found.asOf === asOf && found.length === snapshot.deals.length)
    return found.value;
  const value = buildDealStages(snapshot, asOf);
  kept.set(snapshot.deals, { stages: snapshot.stages, asOf, length: snapshot.deals.length, value });
  return value;
}

function buildDealStages(snapshot: Snapshot, asOf: number): DealStageIndex {
  const paths = pathsOf(snapshot.stages);
  const members = new Map<string, DealRecord[]>();
  for (const deal of snapshot.deals) {
    if (deal.createdAt > asOf) continue;
    if ((deal.isClosed || deal.isWon) && deal.closeDate !== undefined && deal.closeDate > asOf) continue;
    if (!paths.has(deal.pipelineId)) continue;
    const list = members.get(deal.pipelineId) ?? [];
    list.push(deal);
    members.set(deal.pipelineId, list);
  }
  const pipelines: PipelineDeals[] = [];
  for (const [pipelineId, { path, stepOf }] of paths) {
    const deals = members.get(pipelineId) ?? [];
    const order = sortedOrder(Float64Array.from(deals, (deal) => deal.createdAt));
    const steps = path.steps.length;
    const won = steps - 1;
    const createdAt = new Float64Array(deals.length);
    const highest = new Int16Array(deals.length);
    const daysInStep = new Float64Array(deals.length * steps).fill(Number.NaN);
    // Per deal: entry instant of each step (NaN none) and whether the deal entered it.
    const entry = new Float64Array(steps);
    const entered = new Uint8Array(steps);
    for (let i = 0; i < deals.length; i++) {
      const deal = deals[order[i] as number] as DealRecord;
      createdAt[i] = deal.createdAt;
      entry.fill(Number.NaN);
      entered.fill(0);
      let top = -1;
      const dates = deal.stageDates;
      if (dates !== undefined) {
        for (const stageId in dates) {
          const at = dates[stageId];
          const step = stepOf.get(stageId);
          if (at === undefined || step === undefined || at > asOf) continue;
          entered[step] = 1;
          if (step !== won && !(at >= (entry[step] as number))) entry[step] = at;
          if (step > top) top = step;
        }
      }
      // The current stage is a step reached and entered (a lost stage is none); for `won`, being won is too.
      const current = stepOf.get(deal.stageId);
      if (current !== undefined) {
        entered[current] = 1;
        if (current > top) top = current;
      }
      if (deal.isWon) {
        entered[won] = 1;
        top = won;
      }
      if (entered[won] === 1 && deal.closeDate !== undefined && deal.closeDate <= asOf) entry[won] = deal.closeDate;
      highest[i] = top;
      // "The next step it reached" is the next one it actually entered; a skipped step is skipped.
      for (let k = 0; k < won; k++) {
        const from = entry[k] as number;
        if (Number.isNaN(from)) continue;
        let next = k + 1;
        while (next < steps && entered[next] === 0) next++;
        if (next < steps) daysInStep[i * steps + k] = ((entry[next] as number) - from) / dayMs;
      }
    }
    pipelines.push({ path, createdAt, highest, daysInStep });
  }
  return { pipelines };
}

/** The deal-stage funnel of every pipeline for the deals created in W. */
export function dealStageFunnel(index: DealStageIndex, span: Span): PipelineFunnel[] {
  return index.pipelines.map(({ path, createdAt, highest, daysInStep }) => {
    const steps = path.steps.length;
    const [first, end] = rangeIn(createdAt, span);
    const atHighest = new Uint32Array(steps + 1);
    for (let i = first; i < end; i++) {
      const top = highest[i] as number;
      if (top >= 0) atHighest[top] = (atHighest[top] as number) + 1;
    }
    // A deal that reached step k+1 counts at step k.
    const reached = new Uint32Array(steps + 1);
    for (let k = steps - 1; k >= 0; k--) reached[k] = (reached[k + 1] as number) + (atHighest[k] as number);
    const days = new Float64Array(end - first);
    return {
      pipelineId: path.pipelineId,
      label: path.label,
      deals: end - first,
      steps: path.steps.map((step, k) => {
        let count = 0;
        for (let i = first; i < end; i++) {
          const value = daysInStep[i * steps + k] as number;
          if (!Number.isNaN(value)) days[count++] = value;
        }
        return {
          step,
          label: path.stepLabels[k] ?? step,
          reached: reached[k] as number,
          conversionToNext: k + 1 < steps ? ratio(reached[k + 1] as number, reached[k] as number) : null,
          medianDaysInStep: medianOf(days.subarray(0, count)),
          daysCount: count,
        };
      }),
    };
  });
}
