import type { MessageKey } from '../i18n';
import { isTimeZone, localDateSchema, type MetricSettings, monthKeySchema } from '../model/settings';
import { type TargetKey, targetKeys } from '../model/targets';

// The setup form as strings (what the inputs hold) and its validation into METRICS.md settings, with one error
// message key per field so the form can show each next to its input.

export const moneyFields = [
  'licensePerMonth',
  'maintenancePerMonth',
  'implementationCost',
  'trainingCost',
  'hourlyCost',
  'minutesSavedPerAutomatedTouch',
  'manualHoursSavedPerMonth',
  'salesCostPerMonth',
] as const;
export const percentFields = ['grossMarginPct', 'attributionPct'] as const;
export type NumberField = (typeof moneyFields)[number] | (typeof percentFields)[number];

/** The unit a target is typed in (METRICS.md "Targets"); rates, ROI and CSAT are typed as percentages. */
export type TargetUnit = 'percent' | 'money' | 'minutes' | 'days' | 'score';

export const targetUnits: Record<TargetKey, TargetUnit> = {
  roi: 'percent',
  revenueChange: 'money',
  leadToCustomerRate: 'percent',
  medianResponseMinutes: 'minutes',
  p90ResponseMinutes: 'minutes',
  shareWithinSla: 'percent',
  medianSalesCycleDays: 'days',
  cac: 'money',
  clv: 'money',
  nps: 'score',
  csat: 'percent',
};

/** Targets that may be below 0: a ROI (a loss), a revenue change (a fall) and an NPS. */
const signedTargets: ReadonlySet<TargetKey> = new Set(['roi', 'revenueChange', 'nps']);

export interface SpendRow {
  source: string;
  month: string;
  amount: string;
}

export interface SetupForm {
  adoptionDate: string;
  numbers: Record<NumberField, string>;
  spend: SpendRow[];
  controlOwners: string[];
  controlSources: string;
  /** Each target as typed; empty means no target. */
  targets: Record<TargetKey, string>;
  checkpoints: string;
  timezone: string;
  currency: string;
}

export type SetupField =
  | 'adoptionDate'
  | NumberField
  | `target.${TargetKey}`
  | 'checkpoints'
  | 'timezone'
  | 'currency'
  | `spend.${number}.source`
  | `spend.${number}.month`
  | `spend.${number}.amount`;

export type SetupErrors = Partial<Record<SetupField, MessageKey>>;

/** An unset (null) money, hours or percent setting is an empty field, never "0" or "100". */
function entered(value: number | null): string {
  return value === null ? '' : String(value);
}

/** A stored target as the form shows it: fractions as percentages (0.9 → "90"), rounded clear of float noise. */
function targetText(key: TargetKey, value: number | undefined): string {
  if (value === undefined) return '';
  return String(targetUnits[key] === 'percent' ? Number((value * 100).toPrecision(12)) : value);
}

/** A target as typed: null for none, undefined when it is not a number or out of its range. */
export function parseTarget(key: TargetKey, text: string): number | null | undefined {
  const cleaned = text
    .trim()
    .replace(/[\s,]/g, '')
    .replace(/^\u2212/, '-');
  if (cleaned === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  if (!Number.isFinite(value) || (value < 0 && !signedTargets.has(key))) return undefined;
  const unit = targetUnits[key];
  if (key === 'nps' && Math.abs(value) > 100) return undefined;
  // A rate or CSAT cannot pass 100 %; a ROI can.
  if (unit === 'percent' && key !== 'roi' && value > 100) return undefined;
  return unit === 'percent' ? Number((value / 100).toPrecision(12)) : value;
}

export function formFromSettings(settings: MetricSettings, currency: string): SetupForm {
  const numbers = Object.fromEntries(
    [...moneyFields, ...percentFields].map((field) => [field, entered(settings[field])]),
  ) as Record<NumberField, string>;
  const spend: SpendRow[] = Object.entries(settings.marketingSpend)
    .flatMap(([source, months]) =>
      Object.entries(months).map(([month, amount]) => ({ source, month, amount: String(amount) })),
    )
    .sort((a, b) => a.source.localeCompare(b.source) || a.month.localeCompare(b.month));
  return {
    adoptionDate: settings.adoptionDate ?? '',
    numbers,
    spend,
    controlOwners: settings.controlSegment?.owners ?? [],
    controlSources: (settings.controlSegment?.sources ?? []).join(', '),
    targets: Object.fromEntries(targetKeys.map((key) => [key, targetText(key, settings.targets[key])])) as Record<
      TargetKey,
      string
    >,
    checkpoints: settings.checkpoints.join(', '),
    timezone: settings.timezone,
    currency,
  };
}

/** A decimal as people type it: "1,200.50" and "1200.5" both; an empty field is 0 (a spend row's amount). */
export function parseAmount(text: string): number | null {
  const cleaned = text.trim().replace(/[\s,]/g, '');
  if (cleaned === '') return 0;
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/**
 * A money, hours or percent setting as typed: an empty field is unset (null), which METRICS.md tells apart from an
 * entered 0 ("—" with what to enter); `undefined` when the text is not a number.
 */
export function parseSetting(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  return parseAmount(text) ?? undefined;
}

export interface ValidatedSetup {
  settings: Partial<MetricSettings>;
  currency: string;
}

/** Settings to save, or the errors by field. `adoptionDate` empty means "not set" (saved as absent). */
export function validateSetup(
  form: SetupForm,
): { ok: true; value: ValidatedSetup } | { ok: false; errors: SetupErrors } {
  const errors: SetupErrors = {};
  const settings: Partial<MetricSettings> = {};
  if (form.adoptionDate.trim() !== '') {
    if (localDateSchema.safeParse(form.adoptionDate.trim()).success) settings.adoptionDate = form.adoptionDate.trim();
    else errors.adoptionDate = 'setup.error.date';
  }
  for (const field of moneyFields) {
    const value = parseSetting(form.numbers[field]);
    if (value === undefined) errors[field] = 'setup.error.number';
    else settings[field] = value;
  }
  // Margin and attribution are the manager's stated assumptions: empty stays unset, never a silent 100.
  for (const field of percentFields) {
    const value = parseSetting(form.numbers[field]);
    if (value === undefined || (value !== null && value > 100)) errors[field] = 'setup.error.percent';
    else settings[field] = value;
  }
  const spend: Record<string, Record<string, number>> = {};
  form.spend.forEach((row, index) => {
    const source = row.source.trim();
    const month = row.month.trim();
    const amount = parseAmount(row.amount);
    if (source === '' && month === '' && row.amount.trim() === '') return;
    if (source === '') errors[`spend.${index}.source`] = 'setup.error.source';
    if (!monthKeySchema.safeParse(month).success) errors[`spend.${index}.month`] = 'setup.error.month';
    else if (spend[source]?.[month] !== undefined) errors[`spend.${index}.month`] = 'setup.error.duplicate';
    if (amount === null) errors[`spend.${index}.amount`] = 'setup.error.number';
    if (source !== '' && amount !== null && monthKeySchema.safeParse(month).success) {
      spend[source] = { ...(spend[source] ?? {}), [month]: amount };
    }
  });
  settings.marketingSpend = spend;
  const sources = form.controlSources
    .split(',')
    .map((source) => source.trim())
    .filter((source) => source !== '');
  settings.controlSegment =
    form.controlOwners.length + sources.length > 0 ? { owners: [...form.controlOwners], sources } : null;
  const targets: MetricSettings['targets'] = {};
  for (const key of targetKeys) {
    const value = parseTarget(key, form.targets[key]);
    if (value === undefined) errors[`target.${key}`] = 'setup.error.target';
    else if (value !== null) targets[key] = value;
  }
  settings.targets = targets;
  const checkpoints = form.checkpoints
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (checkpoints.length === 0 || checkpoints.some((part) => !/^\d+$/.test(part) || Number(part) < 1)) {
    errors.checkpoints = 'setup.error.checkpoints';
  } else {
    settings.checkpoints = [...new Set(checkpoints.map(Number))].sort((a, b) => a - b);
  }
  if (isTimeZone(form.timezone.trim()) && form.timezone.trim() !== '') settings.timezone = form.timezone.trim();
  else errors.timezone = 'setup.error.timezone';
  const currency = form.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'setup.error.currency';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { settings, currency } };
}

/**
 * The errors the form shows: a field's once the user has left it, or every one after a Save was refused. They are
 * recomputed as the user types, so a fixed field's error goes away at once.
 */
export function visibleErrors(all: SetupErrors, left: ReadonlySet<SetupField>, submitted: boolean): SetupErrors {
  if (submitted) return all;
  return Object.fromEntries(Object.entries(all).filter(([field]) => left.has(field as SetupField))) as SetupErrors;
}
