import { rangeIn, type Span } from './calendar.ts';
import { CustomerAccumulator, type CustomerFigures, newCustomerRows, spendBySource } from './clv-cac.ts';
import { CohortAccumulator, type CohortFigures } from './cohort.ts';
import { type Interval, wilsonInterval } from './intervals.ts';
import { MoneyAccumulator, type MoneyFigures } from './money.ts';
import type { KeyTable, PreparedReport } from './prepare.ts';
import { speedToLeadCurve } from './speed-to-lead.ts';
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
  /** The group's revenue in W / its cohort leads in W. */
  revenuePerLead: number | null;
  /** Revenue / spend; null when the spend is 0. */
  returnOnSpend: number | null;
  /** Revenue at stake over the group's own response buckets and average deal size. */
  revenueAtStake: number | null;
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
    const cohort = found.cohort.result();
    const money = found.money.result();
    rows.push({
      key: table.name(code),
      cohort,
      money,
      customers: customerFigures,
      spend: found.spend,
      cac: ratio(found.spend, customerFigures.newCustomers),
      revenuePerLead: ratio(money.revenue, cohort.leads),
      returnOnSpend: ratio(money.revenue, found.spend),
      revenueAtStake: speedToLeadCurve(cohort, money.averageDealSize).revenueAtStake,
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

export interface FairRepRow {
  /** The lead's owner id, or `(no owner)`. */
  key: string;
  /** The rep's cohort leads in W and how many of them reached the funnel's `won` step. */
  leads: number;
  won: number;
  leadToCustomerRate: number | null;
  /** Wilson 95 % interval of that rate; null without leads. */
  interval: Interval | null;
  /** Σ_s (rep's leads from s × the whole cohort's lead-to-customer rate of s) / rep's leads. */
  expectedRate: number | null;
  /** Rate − expected: how the rep did against what their lead mix predicts. */
  vsExpected: number | null;
  /** Won deals / closed (won or lost) deals with a close in W, deals going to reps as money figures do. */
  dealsWon: number;
  dealsClosed: number;
  winRate: number | null;
}

const wonLevel = 5;

/**
 * Fair rep comparison over the report window's cohort: a rep handed mostly referrals should beat one handed cold
 * paid traffic, so each rate is set against the rate the rep's own source mix would give at the team's conversion.
 */
export function fairRepComparison(prepared: PreparedReport, span: Span): FairRepRow[] {
  const { leads, wonDeals, lostDeals, keys } = prepared;
  const [first, end] = rangeIn(leads.createdAt, span);
  // Per source: the whole cohort's leads and wins; per rep: leads, wins and leads by source.
  const sourceLeads = new Map<number, number>();
  const sourceWon = new Map<number, number>();
  const reps = new Map<
    number,
    { leads: number; won: number; bySource: Map<number, number>; dealsWon: number; dealsClosed: number }
  >();
  const repOf = (code: number) => {
    let found = reps.get(code);
    if (found === undefined) {
      found = { leads: 0, won: 0, bySource: new Map(), dealsWon: 0, dealsClosed: 0 };
      reps.set(code, found);
    }
    return found;
  };
  for (let row = first; row < end; row++) {
    const source = leads.source[row] as number;
    const won = (leads.level[row] as number) >= wonLevel ? 1 : 0;
    sourceLeads.set(source, (sourceLeads.get(source) ?? 0) + 1);
    sourceWon.set(source, (sourceWon.get(source) ?? 0) + won);
    const rep = repOf(leads.owner[row] as number);
    rep.leads++;
    rep.won += won;
    rep.bySource.set(source, (rep.bySource.get(source) ?? 0) + 1);
  }
  const [firstWon, endWon] = rangeIn(wonDeals.closeDate, span);
  for (let row = firstWon; row < endWon; row++) {
    const rep = repOf(wonDeals.rep[row] as number);
    rep.dealsWon++;
    rep.dealsClosed++;
  }
  const [firstLost, endLost] = rangeIn(lostDeals.closeDate, span);
  for (let row = firstLost; row < endLost; row++) repOf(lostDeals.rep[row] as number).dealsClosed++;
  const rows: FairRepRow[] = [];
  for (const [code, rep] of reps) {
    const rate = ratio(rep.won, rep.leads);
    let expected: number | null = null;
    if (rep.leads > 0) {
      let sum = 0;
      for (const [source, n] of rep.bySource) {
        // Every source of a rep's cohort lead has cohort leads, so its rate is defined.
        sum += (n * (sourceWon.get(source) ?? 0)) / (sourceLeads.get(source) ?? 1);
      }
      expected = sum / rep.leads;
    }
    rows.push({
      key: keys.owners.name(code),
      leads: rep.leads,
      won: rep.won,
      leadToCustomerRate: rate,
      interval: rate === null ? null : wilsonInterval(rate, rep.leads),
      expectedRate: expected,
      vsExpected: rate === null || expected === null ? null : rate - expected,
      dealsWon: rep.dealsWon,
      dealsClosed: rep.dealsClosed,
      winRate: ratio(rep.dealsWon, rep.dealsClosed),
    });
  }
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
  fairRep: FairRepRow[];
}

export function breakdowns(prepared: PreparedReport, span: Span): Breakdowns {
  return {
    bySource: breakdownBySource(prepared, span),
    byRep: breakdownByRep(prepared, span),
    byCampaign: breakdownByCampaign(prepared, span),
    byMonth: breakdownByMonth(prepared, span),
    fairRep: fairRepComparison(prepared, span),
  };
}
