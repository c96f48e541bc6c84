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

// The passes over rows are functions of their own so each loop's compiled code ends at the loop (see `stats.ts`).

function addLeads(
  leads: PreparedReport['leads'],
  keys: Uint32Array,
  first: number,
  end: number,
  group: (code: number) => Group,
): void {
  for (let row = first; row < end; row++) group(keys[row] as number).cohort.add(leads, row);
}

function addDeals(
  deals: PreparedReport['wonDeals'],
  keys: Uint32Array,
  first: number,
  end: number,
  group: (code: number) => Group,
): void {
  for (let row = first; row < end; row++) group(keys[row] as number).money.add(deals, row);
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
  addLeads(leads, leadKeys, firstLead, endLead, group);
  const [firstDeal, endDeal] = rangeIn(wonDeals.closeDate, span);
  addDeals(wonDeals, dealKeys, firstDeal, endDeal, group);

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
 * Below this many cohort leads a rep's rate is shown with a caution: at n = 30 a rate of 20 % still has a Wilson
 * interval of about 10 %–37 %, so a smaller gap to the expected rate is mostly chance.
 */
export const FAIR_REP_MIN_LEADS = 30;

/**
 * Fair rep comparison over the report window's cohort: a rep handed mostly referrals should beat one handed cold
 * paid traffic, so each rate is set against the rate the rep's own source mix would give at the team's conversion.
 */
export function fairRepComparison(prepared: PreparedReport, span: Span): FairRepRow[] {
  const { leads, wonDeals, lostDeals, keys } = prepared;
  // Counts in typed arrays indexed by key code (rep × source for the mix): one pass over the cohort without hashing,
  // since every window of the report computes this.
  const sourceCount = keys.sources.names.length;
  const repCount = keys.owners.names.length;
  const sourceLeads = new Uint32Array(sourceCount);
  const sourceWon = new Uint32Array(sourceCount);
  const repLeads = new Uint32Array(repCount);
  const repWon = new Uint32Array(repCount);
  const mix = new Uint32Array(repCount * sourceCount);
  const dealsWon = new Uint32Array(repCount);
  const dealsClosed = new Uint32Array(repCount);
  const [first, end] = rangeIn(leads.createdAt, span);
  for (let row = first; row < end; row++) {
    const source = leads.source[row] as number;
    const rep = leads.owner[row] as number;
    const won = (leads.level[row] as number) >= wonLevel ? 1 : 0;
    sourceLeads[source] = (sourceLeads[source] as number) + 1;
    sourceWon[source] = (sourceWon[source] as number) + won;
    repLeads[rep] = (repLeads[rep] as number) + 1;
    repWon[rep] = (repWon[rep] as number) + won;
    const cell = rep * sourceCount + source;
    mix[cell] = (mix[cell] as number) + 1;
  }
  const [firstWon, endWon] = rangeIn(wonDeals.closeDate, span);
  for (let row = firstWon; row < endWon; row++) {
    const rep = wonDeals.rep[row] as number;
    dealsWon[rep] = (dealsWon[rep] as number) + 1;
    dealsClosed[rep] = (dealsClosed[rep] as number) + 1;
  }
  const [firstLost, endLost] = rangeIn(lostDeals.closeDate, span);
  for (let row = firstLost; row < endLost; row++) {
    const rep = lostDeals.rep[row] as number;
    dealsClosed[rep] = (dealsClosed[rep] as number) + 1;
  }
  const rows: FairRepRow[] = [];
  for (let rep = 0; rep < repCount; rep++) {
    const n = repLeads[rep] as number;
    const closed = dealsClosed[rep] as number;
    // Reps known to the snapshot but with neither cohort leads nor closed deals in W have nothing to compare.
    if (n === 0 && closed === 0) continue;
    const won = repWon[rep] as number;
    const rate = ratio(won, n);
    let expected: number | null = null;
    if (n > 0) {
      let sum = 0;
      for (let source = 0; source < sourceCount; source++) {
        const fromSource = mix[rep * sourceCount + source] as number;
        // A source of one of the rep's cohort leads has cohort leads, so its rate is defined.
        if (fromSource > 0) sum += (fromSource * (sourceWon[source] as number)) / (sourceLeads[source] as number);
      }
      expected = sum / n;
    }
    rows.push({
      key: keys.owners.name(rep),
      leads: n,
      won,
      leadToCustomerRate: rate,
      interval: rate === null ? null : wilsonInterval(rate, n),
      expectedRate: expected,
      vsExpected: rate === null || expected === null ? null : rate - expected,
      dealsWon: dealsWon[rep] as number,
      dealsClosed: closed,
      winRate: ratio(dealsWon[rep] as number, closed),
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
