import { describe, expect, it } from 'vitest';
import { metricSettings } from '../../../lib/model/settings';
import { slaForSource } from '../../../lib/metrics/response';

describe('slaForSource', () => {
  it("takes the source's own SLA, else the team's", () => {
    const settings = metricSettings({ slaMinutes: 5, slaBySource: { partner: 30 } });
    expect(slaForSource(settings, 'partner')).toBe(30);
    expect(slaForSource(settings, 'organic_search')).toBe(5);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'gives a lead whose source is the CRM text "%s" the team SLA, not an inherited property',
    (source) => {
      const settings = metricSettings({ slaMinutes: 5 });
      expect(slaForSource(settings, source)).toBe(5);
    },
  );
});
