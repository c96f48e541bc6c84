import { describe, expect, it } from 'vitest';
import { dateOrderOf, localInstant, parseMailDate } from '../../../lib/overlay/mail-date';

const at = (year: number, month: number, day: number, hour: number, minute: number) => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe('parseMailDate', () => {
  it.each([
    // Gmail's span.g3 title, as Node/ICU prints en-US (narrow no-break space before AM/PM) and older builds did.
    ['Tue, Jun 10, 2026, 8:05\u202fAM', at(2026, 6, 10, 8, 5)],
    ['Tue, Jun 10, 2026, 8:05 PM', at(2026, 6, 10, 20, 5)],
    ['Tue, Jun 10, 2026 at 12:00 AM', at(2026, 6, 10, 0, 0)],
    ['Tue, Jun 10, 2026, 12:30 PM', at(2026, 6, 10, 12, 30)],
    // en-GB and Hebrew Gmail.
    ['Tue, 10 Jun 2026, 08:05', at(2026, 6, 10, 8, 5)],
    ['יום ג׳, 10 ביוני 2026, 8:05', at(2026, 6, 10, 8, 5)],
    ['יום ד׳, 1 ביולי 2026 בשעה 17:40', at(2026, 7, 1, 17, 40)],
    // Outlook's SentReceivedSavedTime.
    ['Tue 6/10/2026 8:05 AM', at(2026, 6, 10, 8, 5)],
    ['Tue 12/1/26 3:45 PM', at(2026, 12, 1, 15, 45)],
    ['2026-06-10 08:05', at(2026, 6, 10, 8, 5)],
    // Outlook's collapsed conversation card (capture 2023): day, month's name and two-digit year.
    ['Wed 10-May-23 15:25', at(2023, 5, 10, 15, 25)],
    ['Mon 1-Jan-24 09:00', at(2024, 1, 1, 9, 0)],
  ])('%s', (text, expected) => {
    expect(parseMailDate(text)).toEqual(expected);
  });

  it('reads numeric dates day first when the page says so', () => {
    expect(parseMailDate('Tue 10/06/2026 08:05', 'dmy')).toEqual(at(2026, 6, 10, 8, 5));
    expect(parseMailDate('Tue 10/06/2026 08:05', 'mdy')).toEqual(at(2026, 10, 6, 8, 5));
  });

  it.each([
    [''],
    [null],
    ['8:05 AM'], // Gmail's short date of today: no day, so no claim
    ['Jun 10'], // no time
    ['Tue, Jun 31, 2026, 8:05 AM'], // no such day
    ['Tue, Feb 29, 2026, 8:05 AM'], // not a leap year
    ['Tue, Jun 10, 2026, 13:05 PM'],
    ['Tue, Jun 10, 2026, 24:10'],
    ['Tue 13/10/2026 8:05 AM'], // month 13 when read month first
    ['Dana Levi <dana@example.com>'],
    ['Wed 31-Jun-23 15:25'], // no such day, in the short form too
  ])('gives nothing for %s', (text) => {
    expect(parseMailDate(text)).toBeUndefined();
  });
});

describe('localInstant and dateOrderOf', () => {
  it('makes the instant in the browser’s own zone', () => {
    const instant = localInstant(at(2026, 6, 10, 8, 5));
    const date = new Date(instant);
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()]).toEqual([
      2026, 5, 10, 8, 5,
    ]);
  });

  it.each([
    ['en-US', 'mdy'],
    ['en', 'mdy'],
    ['', 'mdy'],
    [null, 'mdy'],
    ['en-GB', 'dmy'],
    ['he-IL', 'dmy'],
    ['he', 'dmy'],
  ] as const)('%s → %s', (lang, order) => {
    expect(dateOrderOf(lang)).toBe(order);
  });
});
