import { rangeIn, type Span } from './calendar.ts';
import type { LeadTable, PreparedReport } from './prepare.ts';
import { ratio } from './stats.ts';

export interface ClvFigures {
  horizonMonths: number;
  /** Customers with `firstPurchaseAt ∈ W` whose horizon has ended by asOf. */
  customers: number;
  /** Mean of their won deals' amounts (as primary lead) closed before `firstPurchaseAt + H`. */
  clv: number | null;
  repeatCustomers: number;
  /** Share of those customers with ≥ 2 such deals. */
  repeatRate: number | null;
}

export interface CustomerFigures {
  /** Customers with `firstPurchaseAt ∈ W`. */
  newCustomers: number;
  clv: ClvFigures;
}

export class CustomerAccumulator {
  private newCustomers = 0;
  private eligible = 0;
  private value = 0;
  private repeat = 0;

  constructor(private readonly horizonMonths: number) {}

  add(leads: LeadTable, row: number): void {
    this.newCustomers++;
    if (leads.clvEligible[row] !== 1) return;
    this.eligible++;
    this.value += leads.clvValue[row] as number;
    if ((leads.clvDeals[row] as number) >= 2) this.repeat++;
  }

  result(): CustomerFigures {
    return {
      newCustomers: this.newCustomers,
      clv: {
        horizonMonths: this.horizonMonths,
        customers: this.eligible,
        clv: ratio(this.value, this.eligible),
        repeatCustomers: this.repeat,
        repeatRate: ratio(this.repeat, this.eligible),
      },
    };
  }
}

/** Lead-table rows of the customers whose first purchase falls in W. */
export function newCustomerRows(prepared: PreparedReport, span: Span): Uint32Array {
  const [first, end] = rangeIn(prepared.customerAt, span);
  return prepared.customerRows.subarray(first, end);
}

export function customerFigures(prepared: PreparedReport, span: Span): CustomerFigures {
  const accumulator = new CustomerAccumulator(prepared.settings.clvHorizonMonths);
  for (const row of newCustomerRows(prepared, span)) accumulator.add(prepared.leads, row);
  return accumulator.result();
}

/** Spend(W) per source: each month's amount × the share of that month inside W. */
export function spendBySource(prepared: PreparedReport, span: Span): Map<string, number> {
  const bySource = new Map<string, number>();
  for (const entry of prepared.spend) {
    const inside = Math.min(entry.month.to, span.to) - Math.max(entry.month.from, span.from);
    if (inside <= 0) continue;
    const share = (entry.amount * inside) / (entry.month.to - entry.month.from);
    bySource.set(entry.source, (bySource.get(entry.source) ?? 0) + share);
  }
  return bySource;
}

export interface SourceCac {
  spend: number;
  newCustomers: number;
  /** That source's Spend(W) / its new customers (no sales cost). */
  cac: number | null;
}

export interface CacFigures {
  spend: number;
  salesCost: number;
  newCustomers: number;
  /** (Spend(W) + salesCostPerMonth × months(W)) / new customers. Not clipped to adoption. */
  cac: number | null;
  bySource: Record<string, SourceCac>;
}

export function customerAcquisitionCost(prepared: PreparedReport, span: Span): CacFigures {
  const spendOf = spendBySource(prepared, span);
  const customersOf = new Map<string, number>();
  const customers = newCustomerRows(prepared, span);
  for (const row of customers) {
    const source = prepared.keys.sources.name(prepared.leads.source[row] as number);
    customersOf.set(source, (customersOf.get(source) ?? 0) + 1);
  }
  let spend = 0;
  for (const amount of spendOf.values()) spend += amount;
  const salesCost = (prepared.settings.salesCostPerMonth ?? 0) * prepared.clock.monthsIn(span);
  const bySource: Record<string, SourceCac> = {};
  for (const source of [...new Set([...spendOf.keys(), ...customersOf.keys()])].sort()) {
    const sourceSpend = spendOf.get(source) ?? 0;
    const newCustomers = customersOf.get(source) ?? 0;
    bySource[source] = { spend: sourceSpend, newCustomers, cac: ratio(sourceSpend, newCustomers) };
  }
  return {
    spend,
    salesCost,
    newCustomers: customers.length,
    cac: ratio(spend + salesCost, customers.length),
    bySource,
  };
}
