import type { Feedback } from '../model/snapshot.ts';
import { dayMs, rangeIn, type Span } from './calendar.ts';
import type { PreparedReport } from './prepare.ts';
import { medianOf, ratio } from './stats.ts';

export type Temperature = 'hot' | 'warm' | 'cold';

/**
 * Tested in this order: hot (an `in` touch in the last 3 days, or score ≥ 70), cold (no touch in the last 30 days
 * and created over 30 days ago), else warm. `lastTouchAt` and `lastInboundAt` are the latest touches at or before
 * asOf (any kind; `in` ones); each of them and `score` is NaN or undefined when none. Positional, because the report
 * calls it per lead.
 */
export function temperatureFrom(
  createdAt: number,
  score: number | undefined,
  lastTouchAt: number | undefined,
  lastInboundAt: number | undefined,
  asOf: number,
): Temperature {
  if ((lastInboundAt !== undefined && lastInboundAt >= asOf - 3 * dayMs) || (score !== undefined && score >= 70)) {
    return 'hot';
  }
  const touchedRecently = lastTouchAt !== undefined && lastTouchAt >= asOf - 30 * dayMs;
  if (!touchedRecently && createdAt < asOf - 30 * dayMs) return 'cold';
  return 'warm';
}

export interface HandoffTime {
  /** Leads whose MQL date falls in the window. */
  leads: number;
  /** Of those, the ones with a response at or after the MQL date. */
  responded: number;
  medianHours: number | null;
}

/** Marketing → sales hand-off: elapsed hours from the MQL date to the first response at or after it. */
export function handoffTime(prepared: PreparedReport, span: Span): HandoffTime {
  const [first, end] = rangeIn(prepared.mqlAt, span);
  const hours: number[] = [];
  for (let i = first; i < end; i++) {
    const value = prepared.leads.handoffHours[prepared.mqlRows[i] as number] as number;
    if (!Number.isNaN(value)) hours.push(value);
  }
  return { leads: end - first, responded: hours.length, medianHours: medianOf(hours) };
}

export interface DataQuality {
  liveLeads: number;
  completeLeads: number;
  /** Share of live leads with e-mail, owner, a known source and a lifecycle stage. */
  dataCompleteness: number | null;
  openLeads: number;
  freshLeads: number;
  /** Share of open leads updated or touched in the last 30 days. */
  dataFreshness: number | null;
}

export function dataQuality(prepared: PreparedReport): DataQuality {
  const { completeLeads: complete, openLeads: open, freshLeads: fresh } = prepared.atAsOf;
  const live = prepared.leads.count;
  return {
    liveLeads: live,
    completeLeads: complete,
    dataCompleteness: ratio(complete, live),
    openLeads: open,
    freshLeads: fresh,
    dataFreshness: ratio(fresh, open),
  };
}

export interface Satisfaction {
  npsResponses: number;
  promoters: number;
  detractors: number;
  /** 100 × (share 9–10 − share 0–6). */
  nps: number | null;
  csatResponses: number;
  satisfied: number;
  /** Share of CSAT scores ≥ 4. */
  csat: number | null;
}

export function satisfactionOf(feedback: readonly Feedback[]): Satisfaction {
  let npsResponses = 0;
  let promoters = 0;
  let detractors = 0;
  let csatResponses = 0;
  let satisfied = 0;
  for (const entry of feedback) {
    if (entry.kind === 'nps') {
      npsResponses++;
      if (entry.score >= 9) promoters++;
      else if (entry.score <= 6) detractors++;
    } else {
      csatResponses++;
      if (entry.score >= 4) satisfied++;
    }
  }
  const share = ratio(promoters - detractors, npsResponses);
  return {
    npsResponses,
    promoters,
    detractors,
    nps: share === null ? null : 100 * share,
    csatResponses,
    satisfied,
    csat: ratio(satisfied, csatResponses),
  };
}

/** Customer satisfaction over feedback with `at ∈ W`. */
export function customerSatisfaction(prepared: PreparedReport, span: Span): Satisfaction {
  const [first, end] = rangeIn(prepared.feedbackAt, span);
  return satisfactionOf(prepared.feedback.slice(first, end));
}

export interface TemperatureCounts {
  hot: number;
  warm: number;
  cold: number;
}

export function temperatureCounts(prepared: PreparedReport): TemperatureCounts {
  return { ...prepared.atAsOf.temperature };
}
