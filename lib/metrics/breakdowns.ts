import { rangeIn, type Span } from './calendar.ts';
import { CustomerAccumulator, type CustomerFigures, newCustomerRows, spendBySource } from './clv-cac.ts';
import { CohortAccumulator, type CohortFigures } from './cohort.ts';
import { MoneyAccumulator, type MoneyFigures } from './money.ts';
import type { KeyTable, PreparedReport } from './prepare.ts';
import { ratio } from './stats.ts';
import { type WindowFigures, windowFigures } from './window-figures.ts';

export interface BreakdownRow {
  key: string;
  /** Response, SLA and funnel of the group's leads created in W. */
  cohort: CohortFigures;
  /** Won deals closed in W that fall in the group. */
  money: MoneyFigures;
  /** The group's customers with a first purchase in W, and their CLV. */
  customers: CustomerFigures;
  /**
   * By source: the source's Spend(W), and CAC = that / its new customers. By rep and campaign, which have no spend
   * of their own: each new customer carries its source's spend per new customer (see docs/report.md).
   */
  spend: number;
  cac: number | null;
}

interface Group {
  cohort: CohortAccumulator;
  money: MoneyAccumulator;
  customers: CustomerAccumulator;
  spend: number;
}

type Dimension = 'source' | 'rep' | 'campaign';

function keyTableOf(prepared: PreparedReport, dimension: Dimension): KeyTable {
  const { keys } = prepared;
  return dimension === 'source' ? keys.sources : dimension === 'rep' ? keys.owners : keys.campaigns;
}

function breakdown(prepared: PreparedReport, span: Span, dimension: Dimension): BreakdownRow[] {
  const { leads, wonDeals, keys } = prepared;
  const leadKeys = dimension === 'source' ? leads.source : dimension === 'rep' ? leads.owner : leads.campaign;
  const dealKeys = dimension === 'source' ? wonDeals.source : dimension === 'rep' ? wonDeals.rep : wonDeals.campaign;
  const table = keyTableOf(prepared, dimension);
  // Indexed by key code: the groups of one dimension share a code table built by `prepareReport`.
  const groups: Array<Group | undefined> = [];
  const group = (code: number): Group => {
    let found = groups[code];
    if (found === undefined) {
      found = {
        cohort: new CohortAccumulator(),
        money: new MoneyAccumulator(),
        customers: new CustomerAccumulator(prepared.settings.clvHorizonMonths),
        spend: 0,
      };
      groups[code] = found;
    }
    return found;
  };
  const [firstLead, endLead] = rangeIn(leads.createdAt, span);
  for (let row = firstLead; row < endLead; row++) group(leadKeys[row] as number).cohort.add(leads, row);
  const [firstDeal, endDeal] = rangeIn(wonDeals.closeDate, span);
  for (let row = firstDeal; row < endDeal; row++) group(dealKeys[row] as number).money.add(wonDeals, row);

  const spendOf = spendBySource(prepared, span);
  const customers = newCustomerRows(prepared, span);
  const customersOfSource = new Map<number, number>();
  for (const row of customers) {
    const source = leads.source[row] as number;
    customersOfSource.set(source, (customersOfSource.get(source) ?? 0) + 1);
  }
  for (const row of customers) {
    const target = group(leadKeys[row] as number);
    target.customers.add(leads, row);
    if (dimension !== 'source') {
      const source = leads.source[row] as number;
      target.spend += (spendOf.get(keys.sources.name(source)) ?? 0) / (customersOfSource.get(source) ?? 1);
    }
  }
  if (dimension === 'source') {
    for (const [source, amount] of spendOf) group(keys.sources.code(source)).spend += amount;
  }
  const rows: BreakdownRow[] = [];
  groups.forEach((found, code) => {
    if (found === undefined) return;
    const customerFigures = found.customers.result();
    rows.push({
      key: table.name(code),
      cohort: found.cohort.result(),
      money: found.money.result(),
      customers: customerFigures,
      spend: found.spend,
      cac: ratio(found.spend, customerFigures.newCustomers),
    });
  });
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Leads by effective source; deals by their primary lead's (no lead → `unknown`). */
export function breakdownBySource(prepared: PreparedReport, span: Span): BreakdownRow[] {
  return breakdown(prepared, span, 'source');
}

/** Lead figures by the lead's owner (`(no owner)`); money by the deal's owner, else its primary lead's. */
export function breakdownByRep(prepared: PreparedReport, span: Span): BreakdownRow[] {
  return breakdown(prepared, span, 'rep');
}

/** Leads by campaign; deals by their primary lead's campaign (`(no campaign)` when none). */
export function breakdownByCampaign(prepared: PreparedReport, span: Span): BreakdownRow[] {
  return breakdown(prepared, span, 'campaign');
}

export interface MonthRow {
  month: string;
  figures: WindowFigures;
}

/** Every windowed figure per local month of W, the first and last months clipped to W. */
export function breakdownByMonth(prepared: PreparedReport, span: Span): MonthRow[] {
  return prepared.clock
    .monthWindows(span)
    .map(({ key, window: part }) => ({ month: key, figures: windowFigures(prepared, part) }));
}

export interface Breakdowns {
  bySource: BreakdownRow[];
  byRep: BreakdownRow[];
  byCampaign: BreakdownRow[];
  byMonth: MonthRow[];
}

export function breakdowns(prepared: PreparedReport, span: Span): Breakdowns {
  return {
    bySource: breakdownBySource(prepared, span),
    byRep: breakdownByRep(prepared, span),
    byCampaign: breakdownByCampaign(prepared, span),
    byMonth: breakdownByMonth(prepared, span),
  };
}
