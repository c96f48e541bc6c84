import { rangeIn, type Span } from './calendar.ts';
import type { RevenueSpread } from './intervals.ts';
import type { PreparedReport, WonDealTable } from './prepare.ts';
import { mean, medianOf, ratio } from './stats.ts';

export interface MoneyFigures {
  /** Σ amount of won deals closed in W. */
  revenue: number;
  /** Σ amount² of those deals: the revenue's variance, for the revenue-change interval. */
  revenueSumOfSquares: number;
  dealsWon: number;
  averageDealSize: number | null;
  /** Sales cycle of won deals closed in W, in days. */
  salesCycleDays: { median: number | null; mean: number | null; deals: number };
}

export class MoneyAccumulator {
  private revenue = 0;
  private sumOfSquares = 0;
  private readonly cycles: number[] = [];

  add(deals: WonDealTable, row: number): void {
    const amount = deals.amount[row] as number;
    this.revenue += amount;
    this.sumOfSquares += amount * amount;
    this.cycles.push(deals.cycleDays[row] as number);
  }

  result(): MoneyFigures {
    const dealsWon = this.cycles.length;
    return {
      revenue: this.revenue,
      revenueSumOfSquares: this.sumOfSquares,
      dealsWon,
      averageDealSize: ratio(this.revenue, dealsWon),
      salesCycleDays: { median: medianOf(this.cycles), mean: mean(this.cycles), deals: dealsWon },
    };
  }
}

export function moneyFigures(prepared: PreparedReport, span: Span): MoneyFigures {
  const accumulator = new MoneyAccumulator();
  const [first, end] = rangeIn(prepared.wonDeals.closeDate, span);
  for (let row = first; row < end; row++) accumulator.add(prepared.wonDeals, row);
  return accumulator.result();
}

export type RevenueSegment = 'all' | 'control' | 'rest';

/** Revenue(W) from prefix sums: two binary searches, for the many windows of ROI and payback. */
export function revenueIn(prepared: PreparedReport, span: Span, segment: RevenueSegment = 'all'): number {
  const prefix =
    segment === 'all'
      ? prepared.revenuePrefix
      : segment === 'control'
        ? prepared.controlRevenuePrefix
        : prepared.restRevenuePrefix;
  const [first, end] = rangeIn(prepared.wonDeals.closeDate, span);
  return (prefix[end] as number) - (prefix[first] as number);
}

/** The won deals of W and Σ amount², for the revenue-change interval. */
export function revenueSpread(prepared: PreparedReport, span: Span): RevenueSpread {
  const { amount, closeDate } = prepared.wonDeals;
  const [first, end] = rangeIn(closeDate, span);
  let sumOfSquares = 0;
  for (let row = first; row < end; row++) sumOfSquares += (amount[row] as number) ** 2;
  return { deals: end - first, sumOfSquares };
}
