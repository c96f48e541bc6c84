import type { KpiUnit } from '../metrics/kpis';

// Numbers as the reader's language writes them (Intl), in the portal's currency and time zone. Every function
// returns "—" for null: METRICS.md's "nothing to divide".

export const DASH = '—';

export interface Formatters {
  locale: string;
  currency: string;
  timeZone: string;
  money(value: number | null): string;
  /** A fraction 0…1 as a percentage. */
  rate(value: number | null): string;
  /** A fraction as a signed percentage ("+12%", "−40%"): a ROI read against 0. */
  signedRate(value: number | null): string;
  /** A difference of rates, in percentage points (signed). */
  points(value: number | null): string;
  count(value: number | null): string;
  number(value: number | null, digits?: number): string;
  minutes(value: number | null): string;
  hours(value: number | null): string;
  days(value: number | null): string;
  date(at: number): string;
  dateTime(at: number): string;
  /** "2026-03" → "Mar 2026" in the reader's language. */
  month(key: string): string;
}

/**
 * `pointsLabel` wraps a signed number of percentage points in the reader's words ("+3.2 pp", "‎+3.2 נק׳ אחוז"); it
 * comes from the catalogue so this module stays free of UI text.
 */
export function formatters(
  locale: string,
  currency: string,
  timeZone: string,
  pointsLabel: (value: string) => string = (value) => `${value} pp`,
): Formatters {
  const safeCurrency = /^[A-Z]{3}$/.test(currency) ? currency : 'USD';
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: safeCurrency, maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signedPercent = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
  const signedNumber = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const counts = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const unit = (name: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: 1 });
  const minute = unit('minute');
  const hour = unit('hour');
  const day = unit('day');
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  // Month keys are local calendar months already; formatting their UTC mid-month keeps them in place in any zone.
  const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const orDash = (value: number | null, format: (value: number) => string) =>
    value === null || !Number.isFinite(value) ? DASH : format(value);
  return {
    locale,
    currency: safeCurrency,
    timeZone,
    money: (value) => orDash(value, (v) => money.format(v)),
    rate: (value) => orDash(value, (v) => percent.format(v)),
    // The minus sign, not a hyphen, as the differences write it.
    signedRate: (value) =>
      orDash(value, (v) => {
        const text = signedPercent.format(v).replace('-', '\u2212');
        // Right to left the sign needs a left-to-right mark before it to stay with the digits; not every ICU adds one.
        return RTL_LOCALE.test(locale) ? `\u200e${text.replace(/^[\u200e\u200f]+/, '')}` : text;
      }),
    points: (value) => orDash(value, (v) => pointsLabel(signedNumber.format(v * 100))),
    count: (value) => orDash(value, (v) => counts.format(v)),
    number: (value, digits = 2) =>
      orDash(value, (v) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v)),
    // Response times range from seconds to days: the unit follows the size, so "3.5 h" rather than "210 min".
    minutes: (value) =>
      orDash(value, (v) =>
        Math.abs(v) < 60 ? minute.format(v) : Math.abs(v) < 1440 ? hour.format(v / 60) : day.format(v / 1440),
      ),
    hours: (value) => orDash(value, (v) => hour.format(v)),
    days: (value) => orDash(value, (v) => day.format(v)),
    date: (at) => date.format(at),
    dateTime: (at) => dateTime.format(at),
    month: (key) => {
      const [year, month] = key.split('-').map(Number);
      if (year === undefined || month === undefined || Number.isNaN(year) || Number.isNaN(month)) return key;
      return monthFormat.format(Date.UTC(year, month - 1, 15));
    },
  };
}

/** A KPI's value in its unit. ROI is a ratio shown as a percentage. */
export function formatValue(unit: KpiUnit, value: number | null, f: Formatters): string {
  switch (unit) {
    case 'money':
      return f.money(value);
    case 'rate':
    case 'ratio':
      return f.rate(value);
    case 'minutes':
      return f.minutes(value);
    case 'days':
      return f.days(value);
    case 'hours':
      return f.hours(value);
    case 'count':
      return f.count(value);
    case 'score':
      return f.number(value, 1);
  }
}

const RTL_LOCALE = /^(he|iw|ar|fa|ur)\b/i;

/** A difference A − B, signed; rates in percentage points. */
export function formatDifference(unit: KpiUnit, value: number | null, f: Formatters): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  if (unit === 'rate' || unit === 'ratio') return f.points(value);
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  const unsigned = formatValue(unit, Math.abs(value), f);
  if (!RTL_LOCALE.test(f.locale) || sign === '') return `${sign}${unsigned}`;
  // Right to left, the sign must sit inside the number's left-to-right run, after Intl's own leading marks, as Intl
  // writes it with signDisplay ("‏‎+281,264 ‏$", "‎−2.8 שע׳"): else it drifts to the far side of the figure.
  const marks = /^[\u200e\u200f]*/.exec(unsigned)?.[0] ?? '';
  return `${marks}\u200e${sign}${unsigned.slice(marks.length)}`;
}

/** Is a lower value better (response and cycle times, CAC, cost)? Decides the colour of a change, not its sign. */
export function lowerIsBetter(id: string): boolean {
  return /Response|Cycle|cac|systemCost|handoff/i.test(id);
}

/** A run of a formula line: a figure (an amount, a percentage, a count, a date's digits) or the words around it. */
export interface TextRun {
  text: string;
  figure: boolean;
}

// A figure is a run without spaces or operators that holds a digit: "1,234", "−40%", "$1,234", "‏1,234 ₪" (Intl's
// no-break spaces stay inside), "+3.2". Operators and brackets stay outside, so each figure is isolated on its own.
const FIGURE = /[^ ()=×÷/]*\d[^ ()=×÷/]*/gu;

/**
 * A line split into figures and the words between them, so each figure can be isolated (<bdi>): in a Hebrew line
 * a neighbouring right-to-left word would otherwise pull "−40%" or "(1,000 − 500)" into its own order.
 */
export function figureRuns(line: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of line.matchAll(FIGURE)) {
    const start = match.index;
    if (start > last) runs.push({ text: line.slice(last, start), figure: false });
    runs.push({ text: match[0], figure: true });
    last = start + match[0].length;
  }
  if (last < line.length) runs.push({ text: line.slice(last), figure: false });
  return runs;
}

/** Is the line an equation ("… = …")? Equations are written left to right in Hebrew too, as in its maths books. */
export function isEquation(line: string): boolean {
  return line.includes(' = ');
}
