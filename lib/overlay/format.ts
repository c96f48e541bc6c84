import { type Language, localeOf } from '../i18n/language';

// Timer texts: short enough for a badge, precise where it matters. Seconds are shown under an hour, because the
// SLA is counted in minutes ("answer within 5 minutes"); beyond a day, hours are enough.

type Unit = 'second' | 'minute' | 'hour' | 'day';
const formatters = new Map<string, Intl.NumberFormat>();

function unitFormat(language: Language, unit: Unit): Intl.NumberFormat {
  const key = `${language}:${unit}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), { style: 'unit', unit, unitDisplay: 'narrow' });
    formatters.set(key, format);
  }
  return format;
}

export function formatWaiting(ms: number, language: Language): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const part = (value: number, unit: Unit) => unitFormat(language, unit).format(value);
  if (days > 0) return hours > 0 ? `${part(days, 'day')} ${part(hours, 'hour')}` : part(days, 'day');
  if (hours > 0) return minutes > 0 ? `${part(hours, 'hour')} ${part(minutes, 'minute')}` : part(hours, 'hour');
  if (minutes > 0) return `${part(minutes, 'minute')} ${part(seconds, 'second')}`;
  return part(seconds, 'second');
}

// Dates and money on badges and cards, in the user's language. Formatters are costly to build and a strip re-renders
// on every language change and sync, so each is built once per language and style.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** A date (`date`) or a date with its time (`dateTime`), e.g. "Jun 10, 2026, 8:05 AM" / "10 ביוני 2026, 8:05". */
export function formatInstant(at: number, language: Language, style: 'date' | 'dateTime' = 'dateTime'): string {
  const key = `${language}:${style}`;
  let format = dateFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      localeOf(language),
      style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' },
    );
    dateFormatters.set(key, format);
  }
  return format.format(at);
}

/**
 * Builds the formatters a badge needs before its first one is drawn. A fresh page's first `Intl` formatter of a kind
 * loads ICU's data for it (20–30 ms on this machine for the units, a few for dates): done while the background looks
 * the page's leads up, that is time the content script would otherwise wait, not time between its answer and the first
 * badge on the screen.
 */
export function warmFormats(language: Language): void {
  for (const unit of ['second', 'minute', 'hour', 'day'] as const) unitFormat(language, unit).format(1);
  formatInstant(0, language);
}

const moneyFormatters = new Map<string, Pick<Intl.NumberFormat, 'format'>>();

/**
 * An amount in the portal's currency (account details' `companyCurrency`), whole units. A code Intl does not know
 * (a portal's custom currency) still shows the amount, followed by the code, rather than throwing in a badge.
 */
export function formatMoney(value: number, language: Language, currency = 'USD'): string {
  const key = `${language}:${currency}`;
  let format = moneyFormatters.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(localeOf(language), { style: 'currency', currency, maximumFractionDigits: 0 });
    } catch {
      const plain = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 0 });
      format = { format: (amount: number | bigint) => `${plain.format(amount)} ${currency}` };
    }
    moneyFormatters.set(key, format);
  }
  return format.format(value);
}
