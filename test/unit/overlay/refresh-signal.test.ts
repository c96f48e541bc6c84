import { describe, expect, it } from 'vitest';
import { OVERLAY_REFRESH } from '../../../lib/messaging/protocol';
import { isOverlayRefresh, skewedClock } from '../../../lib/overlay/refresh-signal';

const OWN = 'abcdefghijklmnopabcdefghijklmnop';

describe('isOverlayRefresh', () => {
  it("takes our own background's signal only", () => {
    expect(isOverlayRefresh({ type: OVERLAY_REFRESH }, { id: OWN }, OWN)).toBe(true);
    expect(isOverlayRefresh({ type: OVERLAY_REFRESH }, { id: 'another-extension' }, OWN)).toBe(false);
    expect(isOverlayRefresh({ type: OVERLAY_REFRESH }, {}, OWN)).toBe(false);
  });

  it('ignores any other message', () => {
    for (const message of [null, undefined, 'leadlens:refresh', { type: 'ping' }, { kind: OVERLAY_REFRESH }, []]) {
      expect(isOverlayRefresh(message, { id: OWN }, OWN)).toBe(false);
    }
  });
});

describe('skewedClock', () => {
  it("adds HubSpot's skew to this browser's clock, as the background last measured it", () => {
    let skew = 0;
    const clock = skewedClock(
      () => skew,
      () => 1_000_000,
    );
    expect(clock()).toBe(1_000_000);
    skew = -120_000;
    expect(clock()).toBe(880_000);
  });
});
