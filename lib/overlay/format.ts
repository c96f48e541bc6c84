import { type Language, localeOf } from '../i18n';

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
