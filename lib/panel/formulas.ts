import type { MessageKey, Translate } from '../i18n';
import type { RoiReading } from '../metrics/intervals';
import type { KpiId } from '../metrics/kpis';
import type { RoiReason } from '../metrics/roi';
import type { MetricSettings } from '../model/settings';
import { type Formatters, formatDifference, formatValue } from './format';
import type { KpiCardModel, SettingToEnter } from './kpi-cards';
import type { FunnelModel, GroupRowModel, PanelView, RoiCheckpointModel, RoiToDateModel } from './view-model';

// "How is this computed?": METRICS.md's formula for a figure, then the same formula with this portal's numbers filled
// in. Lines are translated strings; numbers go through the reader's Intl formatters.

export type FormulaLines = string[];

/** Catalogue key of a KPI's definition (METRICS.md's wording). */
export function definitionKey(id: KpiId): MessageKey {
  return `kpi.def.${id}` as MessageKey;
}

export function labelKey(id: KpiId): MessageKey {
  return `kpi.label.${id}` as MessageKey;
}

function windowLine(checkpoint: RoiCheckpointModel, f: Formatters, t: Translate): string {
  // Windows are half-open: the last instant shown is the one before `to`.
  return t('kpi.formula.windows', {
    afterFrom: f.date(checkpoint.after.from),
    afterTo: f.date(checkpoint.after.to - 1),
    beforeFrom: f.date(checkpoint.baseline.from),
    beforeTo: f.date(checkpoint.baseline.to - 1),
  });
}

/** The stated assumptions a ROI waits for, in the reader's words ("Enter your gross margin to see ROI"). */
export function roiReasonLines(reasons: readonly RoiReason[], t: Translate): string[] {
  return reasons.map((reason) => t(reason === 'needsMargin' ? 'panel.kpi.needsMargin' : 'panel.kpi.needsAttribution'));
}

export function roiReadingText(reading: RoiReading, t: Translate): string {
  return t(`panel.kpi.${reading}` as MessageKey);
}

/** What the ROI assumed, named wherever it is shown: the attribution share (or control segment) and the margin. */
export function roiAssumptionText(checkpoint: Pick<RoiCheckpointModel, 'assumptions'>, f: Formatters, t: Translate) {
  const { attributionPct, controlSegment, grossMarginPct } = checkpoint.assumptions;
  const margin = f.rate(percentOf(grossMarginPct));
  if (controlSegment !== null) return t('panel.kpi.roiAssumesControl', { margin });
  return t('panel.kpi.roiAssumes', { attribution: f.rate(percentOf(attributionPct)), margin });
}

const settingLabel: Record<SettingToEnter, MessageKey> = {
  marketingSpend: 'setup.spend',
  salesCostPerMonth: 'setup.salesCostPerMonth',
  licensePerMonth: 'setup.licensePerMonth',
  maintenancePerMonth: 'setup.maintenancePerMonth',
  implementationCost: 'setup.implementationCost',
  trainingCost: 'setup.trainingCost',
  hourlyCost: 'setup.hourlyCost',
  minutesSavedPerAutomatedTouch: 'setup.minutesSavedPerAutomatedTouch',
  manualHoursSavedPerMonth: 'setup.manualHoursSavedPerMonth',
};

/** "Enter Licence per month, Maintenance per month, … to see this", for a card whose inputs are all unset. */
export function enterText(needs: readonly SettingToEnter[], t: Translate): string {
  return t('panel.kpi.enter', { fields: needs.map((field) => t(settingLabel[field])).join(', ') });
}

/** The interval lines of a card: which formula gave it, its ends, and whether it contains 0. */
function intervalLines(card: KpiCardModel, f: Formatters, t: Translate): string[] {
  const median = card.id === 'medianResponseMinutes' || card.id === 'medianSalesCycleDays';
  if (card.id === 'roi') {
    if (!card.interval || card.reading === null) return [];
    const [low, high] = [formatValue('ratio', card.interval.low, f), formatValue('ratio', card.interval.high, f)];
    return [t('kpi.formula.roiInterval', { low, high, reading: roiReadingText(card.reading, t) })];
  }
  if (card.unit !== 'rate' && !median && card.id !== 'revenueChange') return [];
  if (!card.interval) return [t(median ? 'kpi.formula.noMedianInterval' : 'kpi.formula.noInterval')];
  const ends = {
    low: formatDifference(card.unit, card.interval.low, f),
    high: formatDifference(card.unit, card.interval.high, f),
  };
  const key: MessageKey = median
    ? 'kpi.formula.medianInterval'
    : card.id === 'revenueChange'
      ? 'kpi.formula.revenueInterval'
      : 'kpi.formula.interval';
  return [t(key, ends), t(card.notSignificant ? 'kpi.formula.notSignificant' : 'kpi.formula.significant')];
}

/** The formula of one KPI card at the dashboard's checkpoint. */
export function kpiFormula(
  card: KpiCardModel,
  checkpoint: RoiCheckpointModel | undefined,
  settings: MetricSettings,
  f: Formatters,
  t: Translate,
): FormulaLines {
  if (card.id === 'roi') {
    if (!checkpoint) return [t(definitionKey('roi')), ...roiReasonLines(card.reasons, t)];
    return [...roiFormula(checkpoint, settings, f, t), ...intervalLines(card, f, t)];
  }
  const lines = [t(definitionKey(card.id))];
  const value = (v: number | null) => formatValue(card.unit, v, f);
  if (card.unit === 'rate' && card.afterN !== null && card.beforeN !== null) {
    // A rate's numerator is a count: rate × its denominator, rounded back to the whole number it was.
    const numerator = (rate: number | null, n: number) => (rate === null ? null : Math.round(rate * n));
    lines.push(
      t('kpi.formula.rate', {
        afterNum: f.count(numerator(card.after, card.afterN)),
        afterN: f.count(card.afterN),
        after: value(card.after),
        beforeNum: f.count(numerator(card.before, card.beforeN)),
        beforeN: f.count(card.beforeN),
        before: value(card.before),
      }),
    );
  } else if (card.afterN !== null && card.beforeN !== null) {
    lines.push(
      t('kpi.formula.sample', {
        after: value(card.after),
        afterN: f.count(card.afterN),
        before: value(card.before),
        beforeN: f.count(card.beforeN),
      }),
    );
  } else {
    lines.push(t('kpi.formula.plain', { after: value(card.after), before: value(card.before) }));
  }
  lines.push(
    t('kpi.formula.difference', {
      after: value(card.after),
      before: value(card.before),
      difference: formatDifference(card.unit, card.difference, f),
    }),
  );
  lines.push(...intervalLines(card, f, t));
  if (card.needs.length > 0) lines.push(enterText(card.needs, t));
  if (checkpoint) lines.push(windowLine(checkpoint, f, t));
  return lines;
}

/** A stated percentage as a fraction; unset ("—" in the formula) stays null: the ROI waits for it. */
function percentOf(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : value / 100;
}

/** ROI at one checkpoint: every step of METRICS.md's "ROI and the before/after comparison" with its numbers. */
export function roiFormula(
  checkpoint: RoiCheckpointModel,
  settings: MetricSettings,
  f: Formatters,
  t: Translate,
): FormulaLines {
  const lines = [t(definitionKey('roi')), ...roiReasonLines(checkpoint.reasons, t)];
  const { assumptions } = checkpoint;
  if (assumptions.controlSegment !== null) {
    const segment = [...assumptions.controlSegment.owners, ...assumptions.controlSegment.sources].join(', ');
    lines.push(
      t('panel.formula.assumptionsControl', { segment, margin: f.rate(percentOf(assumptions.grossMarginPct)) }),
    );
  } else {
    lines.push(
      t('panel.formula.assumptions', {
        attribution: f.rate(percentOf(assumptions.attributionPct)),
        margin: f.rate(percentOf(assumptions.grossMarginPct)),
      }),
    );
  }
  if (checkpoint.attribution === 'controlSegment' && checkpoint.control) {
    const { control } = checkpoint;
    lines.push(
      t('panel.formula.incrementalControl', {
        treatedAfter: f.money(control.treatedAfter),
        treatedBefore: f.money(control.treatedBefore),
        controlAfter: f.money(control.controlAfter),
        controlBefore: f.money(control.controlBefore),
        incremental: f.money(checkpoint.incrementalRevenue),
      }),
    );
  } else {
    lines.push(
      t('panel.formula.incrementalAttribution', {
        revenueAfter: f.money(checkpoint.revenueAfter),
        revenueBefore: f.money(checkpoint.revenueBefore),
        attribution: f.rate(percentOf(settings.attributionPct)),
        incremental: f.money(checkpoint.incrementalRevenue),
      }),
    );
  }
  lines.push(
    t('panel.formula.profit', {
      incremental: f.money(checkpoint.incrementalRevenue),
      margin: f.rate(percentOf(settings.grossMarginPct)),
      profit: f.money(checkpoint.incrementalProfit),
    }),
    t('panel.formula.hours', {
      touches: checkpoint.automatedTouches,
      minutes: f.number(settings.minutesSavedPerAutomatedTouch),
      manual: f.number(settings.manualHoursSavedPerMonth),
      months: checkpoint.systemCostMonths,
      hours: f.number(checkpoint.hoursSaved, 1),
      hourly: f.money(settings.hourlyCost),
      value: f.money(checkpoint.hoursSavedValue),
    }),
    t('panel.formula.gain', {
      profit: f.money(checkpoint.incrementalProfit),
      hoursValue: f.money(checkpoint.hoursSavedValue),
      gain: f.money(checkpoint.gain),
    }),
    t('panel.formula.cost', {
      months: checkpoint.systemCostMonths,
      licence: f.money(settings.licensePerMonth),
      maintenance: f.money(settings.maintenancePerMonth),
      oneOff: f.money(checkpoint.systemCostOneOff),
      cost: f.money(checkpoint.systemCost),
    }),
    t('panel.formula.roi', {
      gain: f.money(checkpoint.gain),
      cost: f.money(checkpoint.systemCost),
      roi: f.rate(checkpoint.roi),
    }),
    windowLine(checkpoint, f, t),
  );
  if (checkpoint.status === 'in-progress') lines.push(t('panel.formula.inProgress'));
  return lines;
}

/** The payback month, with the cumulative gain and cost it rests on (and the month before, which had not paid). */
export function paybackFormula(view: Pick<PanelView, 'roi'>, f: Formatters, t: Translate): FormulaLines {
  const { paybackMonth: month, payback } = view.roi;
  const lines = [t('panel.formula.payback')];
  const figures = (at: RoiToDateModel) => ({
    months: at.months,
    gain: f.money(at.gain),
    cost: f.money(at.cost),
    roi: f.rate(at.roi),
  });
  if (payback === null) {
    lines.push(t('panel.formula.paybackNoMonth'));
  } else if (payback.paidBack) {
    if (payback.previous) lines.push(t('panel.formula.paybackBefore', figures(payback.previous)));
    lines.push(t('panel.formula.paybackAt', figures(payback.at)));
  } else {
    lines.push(t('panel.formula.paybackNotYet', figures(payback.at)));
  }
  lines.push(month === null ? t('panel.roi.noPayback') : t('panel.roi.paybackMonth', { month }));
  return lines;
}

export function funnelFormula(funnel: FunnelModel, f: Formatters, t: Translate): FormulaLines {
  const { counts, rates } = funnel;
  const line = (rate: keyof FunnelModel['rates'], numerator: number, denominator: number) =>
    t('panel.formula.funnelRate', {
      step: t(`panel.funnel.rate.${rate}` as MessageKey),
      numerator: f.count(numerator),
      denominator: f.count(denominator),
      rate: f.rate(rates[rate]),
    });
  return [
    t('panel.formula.funnel'),
    line('newToContacted', counts.contacted, counts.new),
    line('contactedToQualified', counts.qualified, counts.contacted),
    line('qualifiedToOpportunity', counts.opportunity, counts.qualified),
    line('opportunityToWon', counts.won, counts.opportunity),
    t('panel.formula.leadToCustomer', {
      won: f.count(counts.won),
      leads: f.count(counts.new),
      rate: f.rate(funnel.leadToCustomerRate),
    }),
  ];
}

export function revenueAtStakeFormula(view: Pick<PanelView, 'speedToLead'>, f: Formatters, t: Translate): FormulaLines {
  const { buckets, revenueAtStake, averageDealSize } = view.speedToLead;
  const fastest = buckets.find((bucket) => bucket.bucket === '<5m')?.wonRate ?? null;
  const lines = [t('panel.formula.revenueAtStake')];
  for (const bucket of buckets) {
    if (!['30–60m', '1–24h', '>24h', 'never'].includes(bucket.bucket)) continue;
    const part =
      fastest === null || averageDealSize === null || bucket.wonRate === null
        ? null
        : Math.max(0, bucket.n * (fastest - bucket.wonRate) * averageDealSize);
    lines.push(
      t('panel.formula.revenueAtStakeBucket', {
        bucket: t(`panel.bucket.${bucket.bucket}` as MessageKey),
        n: f.count(bucket.n),
        fastest: f.rate(fastest),
        rate: f.rate(bucket.wonRate),
        average: f.money(averageDealSize),
        part: f.money(part),
      }),
    );
  }
  lines.push(t('panel.formula.total', { total: f.money(revenueAtStake) }));
  return lines;
}

export function dataQualityFormula(view: Pick<PanelView, 'dataQuality'>, f: Formatters, t: Translate): FormulaLines {
  const q = view.dataQuality;
  return [
    t('panel.formula.missing', {
      live: f.count(q.liveLeads),
      complete: f.count(q.completeLeads),
      missing: f.count(q.missingCount),
      email: f.count(q.missingByField.email),
      owner: f.count(q.missingByField.owner),
      source: f.count(q.missingByField.source),
      stage: f.count(q.missingByField.stage),
    }),
    t('panel.formula.completeness', {
      complete: f.count(q.completeLeads),
      live: f.count(q.liveLeads),
      rate: f.rate(q.dataCompleteness),
    }),
    t('panel.formula.freshness', {
      fresh: f.count(q.freshLeads),
      open: f.count(q.openLeads),
      rate: f.rate(q.dataFreshness),
    }),
  ];
}

export function forecastFormula(view: Pick<PanelView, 'forecast'>, f: Formatters, t: Translate): FormulaLines {
  const { forecast } = view;
  return [
    t('panel.formula.pipeline', { deals: forecast.openDeals, weighted: f.money(forecast.weightedPipeline) }),
    t('panel.formula.trend', { intercept: f.money(forecast.intercept), slope: f.money(forecast.slope) }),
  ];
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The breakdown and trend tables: what each column is, from METRICS.md, then the table's total row with this
 * portal's numbers. Leads and revenue are sums of the rows (every lead and won deal is in exactly one row); rates,
 * medians and CAC are taken over all rows together, never averaged over the rows.
 */
export function tableFormula(
  kind: 'source' | 'campaign' | 'rep' | 'trends',
  view: Pick<PanelView, 'bySource' | 'byCampaign' | 'byRep' | 'trends' | 'totals'>,
  f: Formatters,
  t: Translate,
): FormulaLines {
  const { totals } = view;
  const rows: ReadonlyArray<Pick<GroupRowModel, 'leads' | 'revenue'>> =
    kind === 'source'
      ? view.bySource
      : kind === 'campaign'
        ? view.byCampaign
        : kind === 'rep'
          ? view.byRep
          : view.trends;
  const lines = [
    t(`panel.formula.table.${kind}` as MessageKey),
    t('panel.formula.table.total', {
      leads: sum(rows.map((row) => row.leads)),
      revenue: f.money(sum(rows.map((row) => row.revenue))),
    }),
    t('panel.formula.table.totalRate', {
      won: f.count(totals.won),
      leads: f.count(totals.leads),
      rate: f.rate(totals.leadToCustomerRate),
    }),
  ];
  if (kind === 'rep' || kind === 'trends') {
    lines.push(
      t('panel.formula.table.totalResponse', {
        median: f.minutes(totals.medianResponseMinutes),
        responded: totals.responded,
      }),
    );
  }
  if (kind === 'rep') {
    lines.push(
      t('panel.formula.table.totalSla', {
        met: f.count(totals.slaMet),
        decided: f.count(totals.slaDecided),
        share: f.rate(totals.shareWithinSla),
      }),
    );
  }
  if (kind === 'trends') {
    lines.push(
      t('panel.formula.table.totalCycle', {
        median: f.days(totals.medianCycleDays),
        deals: totals.cycleDeals,
      }),
    );
  }
  if (kind === 'source' || kind === 'campaign') {
    const groups = kind === 'source' ? view.bySource : view.byCampaign;
    const spend = sum(groups.map((row) => row.spend));
    const customers = sum(groups.map((row) => row.newCustomers));
    lines.push(
      t('panel.formula.table.totalCac', {
        spend: f.money(spend),
        customers: f.count(customers),
        cac: f.money(customers === 0 ? null : spend / customers),
      }),
    );
  }
  return lines;
}
