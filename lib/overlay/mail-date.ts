// Dates as mail clients print them on an opened message: Gmail's `span.g3[title]` ("Tue, Jun 10, 2026, 8:05 AM",
// "Tue, Jun 10, 2026 at 8:05 AM", "Tue, 10 Jun 2026, 08:05", Hebrew "יום ג׳, 10 ביוני 2026, 8:05"), Outlook's
// SentReceivedSavedTime ("Tue 6/10/2026 8:05 AM", "Tue 10/06/2026 08:05") and its collapsed cards' dates with a month's
// name and a two-digit year ("Wed 10-May-23 15:25", capture 2023). They carry no time zone: the client prints
// wall-clock time in the user's zone, so the instant is made in the browser's zone (`localInstant`). Pure; anything
// it cannot read for certain gives `undefined` — a claim like "answered in mail" is never made from a guess.

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Numeric dates: month first (en-US) or day first (most other locales, Hebrew included). */
export type DateOrder = 'mdy' | 'dmy';

const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const HEBREW_MONTHS = [
  'ינואר',
  'פברואר',
  'מרץ',
  'אפריל',
  'מאי',
  'יוני',
  'יולי',
  'אוגוסט',
  'ספטמבר',
  'אוקטובר',
  'נובמבר',
  'דצמבר',
];

const TIME = /(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([AaPp])\.?\s*[Mm]\.?)?/;
const NUMERIC_DATE = /(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})/;

function monthOf(text: string): number | undefined {
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
    const index = ENGLISH_MONTHS.indexOf(word.slice(0, 3));
    if (index >= 0) return index + 1;
  }
  // Hebrew months come as a word of their own, often with the prefix ב ("ביוני"); no month's name starts with ב.
  for (const word of text.match(/[\u05d0-\u05ea]+/g) ?? []) {
    const bare = word.startsWith('ב') ? word.slice(1) : word;
    const index = HEBREW_MONTHS.indexOf(bare);
    if (index >= 0) return index + 1;
  }
  return undefined;
}

function valid(clock: WallClock): WallClock | undefined {
  const { year, month, day, hour, minute } = clock;
  if (year < 1970 || year > 2200 || hour > 23 || minute > 59) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  // Catches 31 June and 30 February, which Date would roll over silently.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return clock;
}

/** The wall-clock date and time a mail client printed, or undefined when the text is not one we can read. */
export function parseMailDate(text: string | null | undefined, order: DateOrder = 'mdy'): WallClock | undefined {
  if (!text) return undefined;
  const clean = text.replace(/[\s\u00a0\u202f\u200e\u200f]+/g, ' ').trim();
  const time = TIME.exec(clean);
  if (!time) return undefined;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const half = time[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  const rest = clean.slice(0, time.index) + clean.slice(time.index + time[0].length);

  const numeric = NUMERIC_DATE.exec(rest);
  if (numeric) {
    const [a, b, c] = [numeric[1] ?? '', numeric[2] ?? '', numeric[3] ?? ''];
    if (a.length === 4) return valid({ year: Number(a), month: Number(b), day: Number(c), hour, minute });
    const year = c.length === 2 ? 2000 + Number(c) : Number(c);
    if (c.length !== 2 && c.length !== 4) return undefined;
    const [month, day] = order === 'mdy' ? [Number(a), Number(b)] : [Number(b), Number(a)];
    return valid({ year, month, day, hour, minute });
  }

  const month = monthOf(rest);
  // Day, month's name and two-digit year joined by hyphens ("10-May-23"): the year is the number after the name.
  const short = /(?:^|[^\d])(\d{1,2})-[A-Za-z]{3,}\.?-(\d{2})(?!\d)/.exec(rest);
  if (month !== undefined && short) {
    return valid({ year: 2000 + Number(short[2]), month, day: Number(short[1]), hour, minute });
  }
  const year = /\b(\d{4})\b/.exec(rest);
  // The day is the one- or two-digit number that is not the year ("Jun 10, 2026", "10 Jun 2026", "10 ביוני 2026").
  const day = /(?:^|[^\d])(\d{1,2})(?!\d)/.exec(rest.replace(/\d{4}/, ' '));
  if (month === undefined || !year || !day) return undefined;
  return valid({ year: Number(year[1]), month, day: Number(day[1]), hour, minute });
}

/** The instant of a wall-clock time in the browser's own time zone, which is the one mail clients print in. */
export function localInstant(clock: WallClock): number {
  return new Date(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute).getTime();
}

/** The numeric date order of a page's language tag (`<html lang>`): US English is month first, the rest day first. */
export function dateOrderOf(lang: string | null | undefined): DateOrder {
  const tag = (lang ?? '').toLowerCase();
  return tag === '' || tag === 'en' || tag === 'en-us' ? 'mdy' : 'dmy';
}
