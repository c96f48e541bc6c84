import { monthKeyOf } from './calendar.ts';
import { revenueIn } from './money.ts';
import type { PreparedReport } from './prepare.ts';
import { leastSquares } from './stats.ts';

export interface PipelineMonth {
  deals: number;
  amount: number;
  weighted: number;
}

export interface Forecast {
  /** Σ open deals amount × probability(stage); a stage the snapshot does not list counts with probability 0. */
  weightedPipeline: number;
  openDeals: number;
  unknownStageDeals: number;
  /** By the local month (`YYYY-MM`) of the expected close, or `undated`. */
  byMonth: Record<string, PipelineMonth>;
  trend: {
    /** The 6 full months before asOf's month (x = 0…5); a month with no wins is 0. */
    history: Array<{ month: string; revenue: number }>;
    intercept: number;
    slope: number;
    /** asOf's month and the 2 after (x = 6, 7, 8), not floored. */
    projection: Array<{ month: string; revenue: number }>;
  };
}

export function forecast(prepared: PreparedReport): Forecast {
  const { clock } = prepared;
  let weightedPipeline = 0;
  let unknownStageDeals = 0;
  const byMonth: Record<string, PipelineMonth> = {};
  for (const deal of prepared.openDeals) {
    const weighted = deal.amount * deal.probability;
    weightedPipeline += weighted;
    if (!deal.stageKnown) unknownStageDeals++;
    const key = deal.closeDate === undefined ? 'undated' : monthKeyOf(clock.monthOf(deal.closeDate));
    const month = byMonth[key] ?? { deals: 0, amount: 0, weighted: 0 };
    month.deals++;
    month.amount += deal.amount;
    month.weighted += weighted;
    byMonth[key] = month;
  }
  const sortedByMonth = Object.fromEntries(Object.entries(byMonth).sort(([a], [b]) => a.localeCompare(b)));

  const current = clock.monthOf(prepared.asOf);
  const history: Array<{ month: string; revenue: number }> = [];
  for (let month = current - 6; month < current; month++) {
    const monthSpan = { from: clock.monthStart(month), to: clock.monthStart(month + 1) };
    history.push({ month: monthKeyOf(month), revenue: revenueIn(prepared, monthSpan) });
  }
  // Six points always exist, so the fit is defined.
  const line = leastSquares(history.map((point) => point.revenue)) ?? { intercept: 0, slope: 0 };
  const projection = [0, 1, 2].map((ahead) => ({
    month: monthKeyOf(current + ahead),
    revenue: line.intercept + line.slope * (6 + ahead),
  }));
  return {
    weightedPipeline,
    openDeals: prepared.openDeals.length,
    unknownStageDeals,
    byMonth: sortedByMonth,
    trend: { history, intercept: line.intercept, slope: line.slope, projection },
  };
}
