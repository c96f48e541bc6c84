import { describe, expect, it } from 'vitest';
import { contrastRatio, palette, textPairs } from '../../../lib/overlay/palette';

describe('overlay colours (WCAG 2.x AA, 4.5:1 for text)', () => {
  it('computes contrast as WCAG defines it', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // A pair known to fail: mid grey on white.
    expect(contrastRatio('#999999', '#ffffff')).toBeLessThan(4.5);
    expect(() => contrastRatio('red', '#ffffff')).toThrow(/#rrggbb/);
  });

  it.each(textPairs.map(([fg, bg, where]) => [where, fg, bg] as const))('%s: %s on %s', (_, fg, bg) => {
    expect(contrastRatio(palette[fg], palette[bg])).toBeGreaterThanOrEqual(4.5);
  });
});
