import { describe, expect, it } from 'vitest';
import { formatWaiting } from '../../../lib/overlay/format';

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
