import { describe, expect, it } from 'vitest';
import { spendFromCsv } from '../../../lib/csv/marketing-spend';
import { findReservedKey, RESERVED_KEYS } from '../../../lib/model/record-keys';
import { metricSettingsSchema } from '../../../lib/model/settings';
import { parseMetricSettings, parseSnapshotFile } from '../../../lib/model/snapshot-file';

// Issue 14: `__proto__`, `constructor` and `prototype` are refused as keys of every dictionary read from outside,
// with a message naming the key. JSON.parse makes `__proto__` an own key, as a hostile file would have it.

const file = (snapshot: object = {}, settings: object = {}) => ({
  format: 'leadlens-snapshot',
  version: 1,
  exportedAt: '2026-06-01T00:00:00Z',
  asOf: '2026-06-01T00:00:00Z',
  settings,
  snapshot: { owners: [], stages: [], leads: [], deals: [], touches: [], ...snapshot },
});

describe.each(RESERVED_KEYS)('the key %s', (key) => {
  it('is refused in the SLA by source, naming the key', () => {
    const parsed = parseMetricSettings(JSON.parse(`{"slaBySource": {"paid_search": 5, "${key}": 3}}`));
    expect(parsed).toEqual({
      ok: false,
      error: `settings.slaBySource.${key}: the key "${key}" is not allowed (__proto__, constructor, prototype are refused as keys)`,
    });
  });

  it('is refused in the spend by source and in a source’s months, by the schema itself (team settings)', () => {
    const outer = metricSettingsSchema.safeParse(JSON.parse(`{"marketingSpend": {"${key}": {"2026-01": 5}}}`));
    expect(outer.success).toBe(false);
    expect(outer.error?.issues[0]?.path).toEqual(['marketingSpend', key]);
    expect(outer.error?.issues[0]?.message).toContain(`"${key}"`);
    const inner = metricSettingsSchema.safeParse(JSON.parse(`{"marketingSpend": {"x": {"${key}": 5}}}`));
    expect(inner.error?.issues[0]?.path).toEqual(['marketingSpend', 'x', key]);
  });

  it('is refused anywhere in a snapshot file, also where the schema would strip it', () => {
    const json = JSON.parse(
      JSON.stringify(
        file({ leads: [{ id: 'l1', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }] }),
      ).replace('"id":"l1"', `"id":"l1","${key}":{"polluted":true}`),
    );
    const parsed = parseSnapshotFile(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(new RegExp(`^snapshot\\.leads\\[0\\]\\.${key}: the key "${key}"`));
    const inSettings = parseSnapshotFile(
      JSON.parse(`{"format":"leadlens-snapshot","version":1,"settings":{"${key}":1}}`),
    );
    expect(inSettings.ok ? '' : inSettings.error).toMatch(new RegExp(`^settings\\.${key}: `));
  });

  it('is refused as a source of the spend CSV, named in the error', () => {
    const { spend, errors } = spendFromCsv(`source,month,amount\n${key},2026-01,5\nok,2026-01,1\n`);
    expect(errors).toEqual([{ line: 2, problem: 'reserved', source: key }]);
    expect(Object.keys(spend)).toEqual(['ok']);
    expect(Object.getPrototypeOf(spend)).toBe(Object.prototype);
  });
});

describe('reserved keys', () => {
  it('leave ordinary names alone, inherited member names included', () => {
    const { spend, errors } = spendFromCsv('toString,2026-01,5\nhasOwnProperty,2026-02,6\n');
    expect(errors).toEqual([]);
    expect(spend).toEqual({ toString: { '2026-01': 5 }, hasOwnProperty: { '2026-02': 6 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseMetricSettings({ slaBySource: { constructorish: 4 } }).ok).toBe(true);
  });

  it('are found depth first, with their path', () => {
    expect(findReservedKey(JSON.parse('{"a":[{"b":1},{"c":{"prototype":1}}],"d":{"__proto__":1}}'))).toEqual([
      'a',
      1,
      'c',
      'prototype',
    ]);
    expect(findReservedKey({ a: [1, 'x', null], b: { c: {} } })).toBeNull();
  });
});
