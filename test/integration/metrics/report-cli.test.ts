import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), 'leadlens-report-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function report(...args: string[]) {
  // The launcher `npm run report` runs: the precompiled bundle of scripts/report.ts, made again when a source changed.
  return spawnSync(process.execPath, ['scripts/report-cli.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

const snapshotFile = {
  format: 'leadlens-snapshot',
  version: 1,
  exportedAt: '2024-06-01T00:00:00Z',
  asOf: '2024-06-01T00:00:00Z',
  portal: { portalId: '42', timeZone: 'UTC', currency: 'EUR' },
  settings: { adoptionDate: '2024-03-01', licensePerMonth: 100, grossMarginPct: 100, attributionPct: 100 },
  snapshot: {
    owners: [],
    stages: [],
    leads: [
      {
        id: 'a',
        email: 'a@x.io',
        createdAt: '2024-01-10T10:00:00Z',
        updatedAt: '2024-01-10T10:00:00Z',
        source: 'offline',
      },
      { id: 'b', email: 'b@x.io', createdAt: '2024-04-10T10:00:00Z', updatedAt: '2024-04-10T10:00:00Z' },
    ],
    deals: [
      {
        id: 'd',
        amount: 1200,
        createdAt: '2024-04-11T00:00:00Z',
        closeDate: '2024-04-20T00:00:00Z',
        isClosed: true,
        isWon: true,
        leadIds: ['b'],
      },
    ],
    touches: [{ id: 't', kind: 'call', direction: 'out', at: '2024-01-10T10:03:00Z', leadIds: ['a'] }],
  },
};

describe('npm run report', () => {
  it('prints the whole report as JSON', () => {
    const result = report('--input', file('ok.json', snapshotFile), '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.asOf).toBe('2024-06-01T00:00:00.000Z');
    expect(json.window.window).toEqual({ from: '2022-06-01T00:00:00.000Z', to: '2024-06-01T00:00:00.000Z' });
    expect(json.window.cohort.leads).toBe(2);
    expect(json.window.cohort.response.medianMinutes).toBe(3);
    expect(json.window.money.revenue).toBe(1200);
    // Checkpoint 3 (Mar 1 → Jun 1) is complete: revenue 1200 vs 0, cost 300 → ROI (1200 − 300) / 300 = 3.
    expect(json.checkpoints[0].roi.status).toBe('complete');
    expect(json.checkpoints[0].roi.roi).toBe(3);
    expect(json.kpis.checkpointMonths).toBe(3);
  });

  it('lets --settings, --as-of and --from/--to override the file', () => {
    const settings = file('settings.json', { licensePerMonth: 300 });
    const result = report(
      '--input',
      file('ok2.json', snapshotFile),
      '--settings',
      settings,
      '--as-of',
      '2024-05-01T00:00:00Z',
      '--from',
      '2024-04-01T00:00:00Z',
      '--format',
      'json',
    );
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.asOf).toBe('2024-05-01T00:00:00.000Z');
    expect(json.window.window.from).toBe('2024-04-01T00:00:00.000Z');
    expect(json.window.cohort.leads).toBe(1);
    // Adoption still comes from the file; the licence from the settings file: 2 months × 300.
    expect(json.checkpoints[0].roi.status).toBe('in-progress');
    expect(json.checkpoints[0].roi.systemCost.total).toBe(600);
  });

  it('prints a table and a CSV', () => {
    const table = report('--input', file('ok3.json', snapshotFile));
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('Lead-to-customer rate');
    const csv = report('--input', file('ok4.json', snapshotFile), '--format', 'csv');
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('path,value');
    expect(csv.stdout).toContain('\nwindow.money.revenue,1200\n');
  });

  it('answers bad input with one line naming the first offending path and status 2', () => {
    const bad = structuredClone(snapshotFile);
    const second = bad.snapshot.leads[1];
    if (second === undefined) throw new Error('fixture');
    second.createdAt = '10/04/2024';
    const result = report('--input', file('bad.json', bad));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('snapshot.leads[1].createdAt: expected ISO date\n');
  });

  it('refuses a missing file, broken JSON, another format and a bad option in one line each', () => {
    for (const args of [
      ['--input', join(directory, 'nope.json')],
      ['--input', file('broken.json', '{"format": ')],
      ['--input', file('other.json', { ...snapshotFile, format: 'csv-export' })],
      ['--input', file('ok5.json', snapshotFile), '--as-of', 'tomorrow'],
      ['--input', file('ok6.json', snapshotFile), '--format', 'xml'],
      [],
    ]) {
      const result = report(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('runs through npm as documented', () => {
    const out = execFileSync(
      'npm',
      ['run', '-s', 'report', '--', '--input', file('ok7.json', snapshotFile), '--format', 'json'],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    expect(JSON.parse(out).window.money.dealsWon).toBe(1);
  });
});
