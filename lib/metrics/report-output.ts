import { csvCell } from '../csv/csv.ts';
import type { BreakdownRow } from './breakdowns.ts';
import type { Report, WindowReport } from './report.ts';

// Instants are numbers in memory; the report's readers (people, spreadsheets, other tools) get ISO strings.
const instantKeys = new Set(['from', 'to', 'asOf', 'startedAt', 'firstResponseAt', 'firstPurchaseAt']);

function isoReplacer(key: string, value: unknown): unknown {
  if (instantKeys.has(key) && typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  // JSON has no Infinity; an open-ended window bound is written as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** The report as JSON text, instants as ISO strings. */
export function reportToJsonText(report: Report, indent?: number): string {
  return JSON.stringify(report, isoReplacer, indent);
}

/** Every leaf of the report's JSON form as `path,value` lines, e.g. `window.money.revenue,125000`. */
export function reportToCsv(report: Report): string {
  const lines = ['path,value'];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`);
    } else {
      // Numbers stay numbers; text (source tags, rep names, labels: CRM text) goes through the formula guard.
      const cell =
        typeof value === 'number' || typeof value === 'string' ? value : value == null ? null : String(value);
      lines.push(`${csvCell(path)},${csvCell(cell)}`);
    }
  };
  walk(JSON.parse(reportToJsonText(report)), '');
  return `${lines.join('\n')}\n`;
}

/** The per-lead facts of METRICS.md ("Per-lead facts"), in its order, after the lead's id: the CSV's columns. */
export const perLeadColumns = [
  'id',
  'owner',
  'groupSource',
  'sla',
  'firstResponseAt',
  'responseMinutes',
  'bucket',
  'slaOutcome',
  'funnelStep',
  'firstPurchaseAt',
  'timer',
  'timerState',
  'timerWaitingMinutes',
  'temperature',
  'openLead',
  'fresh',
  'complete',
] as const;

/**
 * One row per cohort lead (`--per-lead --format csv`): a table a spreadsheet opens, not `path,value` lines. Instants
 * as ISO strings, numbers as numbers, absent values empty, and text (ids, owners, sources: CRM text) through the
 * formula guard.
 */
export function perLeadToCsv(rows: ReadonlyArray<object>): string {
  const lines = [perLeadColumns.join(',')];
  for (const row of rows) {
    const record = row as Readonly<Record<string, unknown>>;
    const cells = perLeadColumns.map((column) => {
      const value = isoReplacer(column, record[column]);
      if (value === undefined || value === null) return '';
      return csvCell(typeof value === 'number' || typeof value === 'string' ? value : String(value));
    });
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

const dash = '—';

function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return dash;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? dash : `${(value * 100).toFixed(1)} %`;
}

function iso(at: number): string {
  return Number.isFinite(at) ? new Date(at).toISOString() : dash;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function windowSummary(figures: WindowReport): string[][] {
  const { cohort, money, customers, cac, hoursSaved, systemCost, handoff, satisfaction, speedToLead } = figures;
  return [
    ['Leads (cohort)', formatNumber(cohort.leads)],
    ['Median response (min)', formatNumber(cohort.response.medianMinutes)],
    ['Mean response (min)', formatNumber(cohort.response.meanMinutes)],
    ['Share within SLA', formatRate(cohort.sla.shareWithinSla)],
    ...Object.entries(cohort.response.buckets).map(([bucket, n]) => [`Response ${bucket}`, formatNumber(n)]),
    ...Object.entries(cohort.funnel.counts).map(([step, n]) => [`Funnel ${step}`, formatNumber(n)]),
    ...Object.entries(cohort.funnel.rates).map(([rate, value]) => [`Rate ${rate}`, formatRate(value)]),
    ['Drop-off step', cohort.funnel.dropOffStep ?? dash],
    ['Lead-to-customer rate', formatRate(cohort.funnel.leadToCustomerRate)],
    ['Revenue', formatNumber(money.revenue)],
    ['Deals won', formatNumber(money.dealsWon)],
    ['Average deal size', formatNumber(money.averageDealSize)],
    ['Median sales cycle (days)', formatNumber(money.salesCycleDays.median)],
    ['Mean sales cycle (days)', formatNumber(money.salesCycleDays.mean)],
    ['New customers', formatNumber(customers.newCustomers)],
    [`CLV (${customers.clv.horizonMonths} months)`, formatNumber(customers.clv.clv)],
    ['Repeat rate', formatRate(customers.clv.repeatRate)],
    ['Spend', formatNumber(cac.spend)],
    ['Sales cost', formatNumber(cac.salesCost)],
    ['CAC', formatNumber(cac.cac)],
    ['Hours saved', formatNumber(hoursSaved.hours)],
    ['Value of hours saved', formatNumber(hoursSaved.value)],
    ['System cost', formatNumber(systemCost.total)],
    ['Hand-off median (hours)', formatNumber(handoff.medianHours)],
    ['NPS', formatNumber(satisfaction.nps)],
    ['CSAT', formatRate(satisfaction.csat)],
    ['Revenue at stake', formatNumber(speedToLead.revenueAtStake)],
  ];
}

function breakdownTable(rows: BreakdownRow[]): string {
  return table(
    [
      'key',
      'leads',
      'median resp',
      'within SLA',
      'lead→customer',
      'revenue',
      'won',
      'avg deal',
      'cycle',
      'customers',
      'CAC',
      'CLV',
    ],
    rows.map((row) => [
      row.key,
      formatNumber(row.cohort.leads),
      formatNumber(row.cohort.response.medianMinutes),
      formatRate(row.cohort.sla.shareWithinSla),
      formatRate(row.cohort.funnel.leadToCustomerRate),
      formatNumber(row.money.revenue),
      formatNumber(row.money.dealsWon),
      formatNumber(row.money.averageDealSize),
      formatNumber(row.money.salesCycleDays.median),
      formatNumber(row.customers.newCustomers),
      formatNumber(row.cac),
      formatNumber(row.customers.clv.clv),
    ]),
  );
}

/** A readable text report: the window's figures, breakdowns, checkpoints with B/A/d and intervals, forecast. */
export function reportToTable(report: Report): string {
  const out: string[] = [];
  const { window: windowReport } = report;
  out.push(`LeadLens report — as of ${iso(report.asOf)} (${report.timezone})`);
  out.push(
    `Window ${iso(windowReport.window.from)} → ${iso(windowReport.window.to)} (${formatNumber(windowReport.months)} months)`,
  );
  out.push(`Adoption date: ${report.adoptionDate ?? `${dash} (set it for before/after and ROI)`}`);
  out.push(`Owners: ${report.counts.owners ?? dash}`);
  const control = report.controlSegment;
  out.push(
    control === null
      ? `Attribution: ${report.settings.attributionPct === null ? `${dash} (not stated)` : `${formatNumber(report.settings.attributionPct)} %`}`
      : `Control segment: owners ${control.owners.join(', ') || dash}; sources ${control.sources.join(', ') || dash}`,
  );
  out.push(
    `Gross margin: ${report.settings.grossMarginPct === null ? `${dash} (not stated)` : `${formatNumber(report.settings.grossMarginPct)} %`}`,
  );
  out.push('', table(['figure', 'value'], windowSummary(windowReport)));
  const { timers, dataQuality, temperature } = report.atAsOf;
  out.push('', 'At asOf');
  out.push(
    table(
      ['figure', 'value'],
      [
        ['Open timers ok / due / overdue', `${timers.open.ok} / ${timers.open.due} / ${timers.open.overdue}`],
        [
          'Inbound timers ok / due / overdue',
          `${timers.inbound.ok} / ${timers.inbound.due} / ${timers.inbound.overdue}`,
        ],
        ['Data completeness', formatRate(dataQuality.dataCompleteness)],
        ['Data freshness', formatRate(dataQuality.dataFreshness)],
        ['Hot / warm / cold', `${temperature.hot} / ${temperature.warm} / ${temperature.cold}`],
      ],
    ),
  );
  out.push(
    '',
    'Speed to lead',
    table(
      ['bucket', 'n', 'qualified rate', 'won rate'],
      windowReport.speedToLead.buckets.map((b) => [
        b.bucket,
        formatNumber(b.n),
        formatRate(b.qualifiedRate),
        formatRate(b.wonRate),
      ]),
    ),
  );
  out.push(
    `Revenue at stake: ${formatNumber(windowReport.speedToLead.revenueAtStake)} (${windowReport.speedToLead.label})`,
  );
  out.push('', 'By source', breakdownTable(windowReport.breakdowns.bySource));
  out.push('', 'By rep', breakdownTable(windowReport.breakdowns.byRep));
  out.push('', 'By campaign', breakdownTable(windowReport.breakdowns.byCampaign));
  out.push(
    '',
    'By month',
    table(
      ['month', 'leads', 'median resp', 'within SLA', 'revenue', 'won', 'customers', 'CAC'],
      windowReport.breakdowns.byMonth.map(({ month, figures }) => [
        month,
        formatNumber(figures.cohort.leads),
        formatNumber(figures.cohort.response.medianMinutes),
        formatRate(figures.cohort.sla.shareWithinSla),
        formatNumber(figures.money.revenue),
        formatNumber(figures.money.dealsWon),
        formatNumber(figures.customers.newCustomers),
        formatNumber(figures.cac.cac),
      ]),
    ),
  );
  for (const checkpoint of report.checkpoints) {
    const { roi } = checkpoint;
    out.push('', `Checkpoint ${roi.months} months — ${roi.status}`);
    out.push(
      `After ${iso(roi.after.from)} → ${iso(roi.after.to)}; baseline ${iso(roi.baseline.from)} → ${iso(roi.baseline.to)}`,
    );
    out.push(
      table(
        ['figure', 'value'],
        [
          ['Revenue change', formatNumber(roi.revenueChange)],
          ['Incremental revenue', `${formatNumber(roi.incrementalRevenue)} (${roi.attribution})`],
          ['Incremental profit', formatNumber(roi.incrementalProfit)],
          ['Value of hours saved', formatNumber(roi.hoursSaved.value)],
          ['Gain', formatNumber(roi.gain)],
          ['System cost', formatNumber(roi.systemCost.total)],
          ['ROI', formatRate(roi.roi)],
        ],
      ),
    );
    out.push(
      table(
        ['KPI', 'before', 'after', 'difference', '95 % interval', ''],
        Object.entries(checkpoint.comparison).map(([id, c]) => [
          id,
          formatNumber(c.before),
          formatNumber(c.after),
          formatNumber(c.difference),
          c.interval === null ? dash : `${formatNumber(c.interval.low, 4)} … ${formatNumber(c.interval.high, 4)}`,
          c.notSignificant ? 'not significant' : '',
        ]),
      ),
    );
    if (checkpoint.targets.length > 0) {
      out.push(
        table(
          ['target', 'goal', 'value', ''],
          checkpoint.targets.map((target) => [
            target.kpi,
            formatNumber(target.target, 4),
            formatNumber(target.value, 4),
            target.status ?? dash,
          ]),
        ),
      );
    }
  }
  out.push(
    '',
    `Payback month: ${report.payback === null ? dash : `${report.payback.month} (${report.payback.label}, ${iso(report.payback.from)} → ${iso(report.payback.to)})`}`,
  );
  if (report.kpis.checkpointMonths !== null) {
    out.push(
      '',
      `Dashboard (checkpoint ${report.kpis.checkpointMonths} months${report.kpis.inProgress ? ', in progress' : ''})`,
      table(
        ['KPI', 'before', 'after', 'difference', ''],
        report.kpis.kpis.map((kpi) => [
          kpi.label,
          kpi.unit === 'rate' ? formatRate(kpi.before) : formatNumber(kpi.before),
          kpi.unit === 'rate' || kpi.unit === 'ratio' ? formatRate(kpi.after) : formatNumber(kpi.after),
          kpi.unit === 'rate' ? formatRate(kpi.difference) : formatNumber(kpi.difference),
          kpi.notSignificant ? 'not significant' : '',
        ]),
      ),
    );
  }
  const { forecast } = report;
  out.push('', `Weighted pipeline: ${formatNumber(forecast.weightedPipeline)} over ${forecast.openDeals} open deals`);
  out.push(
    table(
      ['close month', 'deals', 'amount', 'weighted'],
      Object.entries(forecast.byMonth).map(([month, m]) => [
        month,
        formatNumber(m.deals),
        formatNumber(m.amount),
        formatNumber(m.weighted),
      ]),
    ),
  );
  out.push(
    'Revenue trend',
    table(
      ['month', 'revenue', ''],
      [
        ...forecast.trend.history.map((p) => [p.month, formatNumber(p.revenue), 'actual']),
        ...forecast.trend.projection.map((p) => [p.month, formatNumber(p.revenue), 'projected']),
      ],
    ),
  );
  if (report.perLead !== undefined) {
    out.push(
      '',
      'Per lead (the window’s cohort)',
      table(
        [...perLeadColumns],
        report.perLead.map((facts) =>
          perLeadColumns.map((column) => {
            const value = isoReplacer(column, facts[column]);
            return value === null ? dash : String(value);
          }),
        ),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
