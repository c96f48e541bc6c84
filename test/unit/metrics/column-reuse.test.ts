import { describe, expect, it } from 'vitest';
import { benchAsOf, syntheticSettings, syntheticSnapshot } from '../../../bench/metrics';
import { prepareReport, releasePreparedReport } from '../../../lib/metrics/prepare';
import { buildReport, reportFromPrepared } from '../../../lib/metrics/report';

// A released index hands its lead columns to the next one (prepare.ts, ColumnArena): the next report must come out as
// if built on fresh memory, and a report already made must not change.

const snapshot = syntheticSnapshot(3000, 5);
const settings = syntheticSettings();
const day = 86_400_000;

function fresh(asOf: number) {
  // Never released: its columns are its own.
  return JSON.stringify(
    reportFromPrepared(prepareReport(snapshot, settings, asOf), { owners: snapshot.owners.length }),
  );
}

describe('reusing a released index’s columns', () => {
  it('gives the next index the same buffer, zeroed where it sums, and the same figures as fresh memory', () => {
    const first = prepareReport(snapshot, settings, benchAsOf);
    const firstBuffer = first.leads.clvValue.buffer;
    releasePreparedReport(first);
    releasePreparedReport(first);
    const later = benchAsOf - 90 * day;
    const second = prepareReport(snapshot, settings, later);
    expect(second.leads.clvValue.buffer).toBe(firstBuffer);
    expect(JSON.stringify(reportFromPrepared(second, { owners: snapshot.owners.length }))).toBe(fresh(later));
    releasePreparedReport(second);
  });

  it('leaves a report already built unchanged when the next one reuses the columns', () => {
    const report = buildReport(snapshot, settings, benchAsOf);
    const text = JSON.stringify(report);
    buildReport(snapshot, settings, benchAsOf - 200 * day);
    expect(JSON.stringify(report)).toBe(text);
    expect(text).toBe(fresh(benchAsOf));
  });
});
