import { describe, expect, it } from 'vitest';
import type { InvalidRecord, MappedPage } from '../../../lib/crm/adapter';
import type { Touch } from '../../../lib/model';
import { fetchChecked } from '../../../lib/sync/runner';

// A page with an invalid record is read again; a record valid in any read is kept valid, so two transient faults on
// two reads (each on another record) never add up to a skipped record. What is bad in every read stays listed.

function touch(id: string, at = 1_000): Touch {
  return { id, kind: 'email', direction: 'in', at, leadIds: ['1'], automated: false };
}

function page(records: Touch[], invalid: InvalidRecord[]): MappedPage<'emails'> {
  const ids = [...records.map((record) => record.id), ...invalid.filter((i) => !i.kept).map((i) => i.id)].sort();
  return { records, invalid, ids, modifiedAt: ids.map(() => 5), withAssociations: true };
}

const bad = (id: string, kept = false): InvalidRecord => ({ type: 'emails', id, reason: 'wrong type', kept });

function reads(...pages: MappedPage<'emails'>[]) {
  let calls = 0;
  const fetch = async () => {
    const next = pages[Math.min(calls, pages.length - 1)];
    calls += 1;
    if (!next) throw new Error('no page');
    return next;
  };
  return { fetch, calls: () => calls };
}

describe('fetchChecked', () => {
  it('reads a clean page once', async () => {
    const source = reads(page([touch('a'), touch('b')], []));
    const result = await fetchChecked(source.fetch);
    expect(source.calls()).toBe(1);
    expect(result.records.map((record) => record.id)).toEqual(['a', 'b']);
  });

  it('keeps each record’s valid read when faults hit different records on different reads', async () => {
    const source = reads(
      page([touch('b')], [bad('a')]),
      // The second read is clean for "a" but hits "b", which was kept without a value (a degraded copy).
      page([touch('a'), touch('b', 0)], [bad('b', true)]),
    );
    const result = await fetchChecked(source.fetch);
    expect(source.calls()).toBe(2);
    expect(result.invalid).toEqual([]);
    // "b" is the copy of the first read, not the degraded one of the second.
    expect(result.records.map((record) => [record.id, record.at]).sort()).toEqual([
      ['a', 1_000],
      ['b', 1_000],
    ]);
  });

  it('a record kept with a real bad value in every read is not lost to a fault on the last read', async () => {
    // The CI failure of stop 27: deal 9000001001 has amount "abc" (kept, listed) in every read; another record's
    // problem made the page read three times, and the third read's fault made the deal unusable.
    const source = reads(
      page([touch('a'), touch('b')], [bad('a', true), bad('c')]),
      page([touch('a'), touch('b')], [bad('a', true), bad('c')]),
      page([touch('b')], [bad('a'), bad('c')]),
    );
    const result = await fetchChecked(source.fetch);
    expect(source.calls()).toBe(3);
    expect(result.records.map((record) => record.id).sort()).toEqual(['a', 'b']);
    // Still listed as kept without its bad value, not as the fault's unusable record.
    expect(result.invalid.filter((entry) => entry.id === 'a')).toEqual([bad('a', true)]);
    expect(result.invalid.map((entry) => entry.id).sort()).toEqual(['a', 'c']);
  });

  it('gives up after three reads on what is bad in every one, listing it', async () => {
    const source = reads(page([touch('a')], [bad('c')]));
    const result = await fetchChecked(source.fetch);
    expect(source.calls()).toBe(3);
    expect(result.invalid.map((invalid) => invalid.id)).toEqual(['c']);
    expect(result.records.map((record) => record.id)).toEqual(['a']);
  });
});
