import { describe, expect, it, vi } from 'vitest';
import { formatInstant, formatMoney, formatWaiting } from '../../../lib/overlay/format';

describe('formatWaiting', () => {
  it.each([
    [0, '0s'],
    [59_999, '59s'],
    [4 * 60_000 + 12_000, '4m 12s'],
    [3_600_000, '1h'],
    [3_600_000 + 5 * 60_000 + 59_000, '1h 5m'],
    [86_400_000 * 3 + 3_600_000 * 4, '3d 4h'],
    [86_400_000 * 400, '400d'],
    [-5_000, '0s'],
  ])('%d ms → %s in English', (ms, expected) => {
    expect(formatWaiting(ms, 'en')).toBe(expected);
  });

  it('speaks Hebrew units in Hebrew', () => {
    const text = formatWaiting(4 * 60_000 + 12_000, 'he');
    expect(text).toMatch(/4/);
    expect(text).not.toMatch(/m|s/);
  });
});

describe('formatInstant and formatMoney', () => {
  const at = Date.UTC(2026, 5, 10, 12, 5);

  it('formats dates in the user’s language', () => {
    expect(formatInstant(at, 'en', 'date')).toBe(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(at));
    expect(formatInstant(at, 'en')).toMatch(/Jun 10, 2026/);
    const hebrew = formatInstant(at, 'he');
    expect(hebrew).toMatch(/2026/);
    expect(hebrew).not.toMatch(/Jun/);
  });

  it('formats money in the portal’s currency, whole units, and survives a code Intl does not know', () => {
    expect(formatMoney(12_500, 'en', 'USD')).toBe('$12,500');
    expect(formatMoney(12_500.4, 'en', 'EUR')).toBe('€12,500');
    expect(formatMoney(12_500, 'he', 'ILS')).toMatch(/12,500/);
    expect(formatMoney(12_500, 'he', 'ILS')).toMatch(/₪/);
    expect(formatMoney(12_500, 'en', 'NOT-A-CODE')).toBe('12,500 NOT-A-CODE');
    expect(formatMoney(7, 'en')).toBe('$7');
  });
});

/** Counts the `Intl` formatters built while `run` runs. */
async function formattersBuilt(run: () => void): Promise<number> {
  const { NumberFormat, DateTimeFormat } = Intl;
  let built = 0;
  class CountedNumbers extends NumberFormat {
    constructor(...args: ConstructorParameters<typeof NumberFormat>) {
      super(...args);
      built += 1;
    }
  }
  class CountedDates extends DateTimeFormat {
    constructor(...args: ConstructorParameters<typeof DateTimeFormat>) {
      super(...args);
      built += 1;
    }
  }
  Object.assign(Intl, { NumberFormat: CountedNumbers, DateTimeFormat: CountedDates });
  try {
    run();
  } finally {
    Object.assign(Intl, { NumberFormat, DateTimeFormat });
  }
  return built;
}

describe('warmFormats', () => {
  it.each(['en', 'he'] as const)(
    'builds every formatter a badge uses in %s, so the first badge builds none',
    async (language) => {
      // A fresh copy of the module: its formatters are kept per module, and other tests here built some.
      vi.resetModules();
      const fresh = await import('../../../lib/overlay/format');
      expect(await formattersBuilt(() => fresh.warmFormats(language))).toBeGreaterThan(0);
      // Every unit a timer shows, and the card's instants.
      const badge = () => {
        for (const ms of [5_000, 4 * 60_000, 3_600_000 + 60_000, 3 * 86_400_000 + 3_600_000]) {
          fresh.formatWaiting(ms, language);
        }
        fresh.formatInstant(Date.UTC(2026, 11, 3, 9), language);
      };
      expect(await formattersBuilt(badge)).toBe(0);
    },
  );
});
