import { describe, expect, it } from 'vitest';
import { parseMetricSettings, parseSnapshotFile, snapshotFileWarnings } from '../../../lib/model/snapshot-file';

// Issue 14, report input: a non-finite number says "expected a finite number" at its path, duplicate ids are refused
// naming both rows, a negative deal amount is kept with a warning line (docs/report.md). What the CLI prints for
// them: test/integration/model/report-input.test.ts.

const at = '2026-01-01T00:00:00Z';
const lead = (id: string) => ({ id, createdAt: at, updatedAt: at });
const deal = (id: string, amount = 100) => ({ id, amount, createdAt: at, isClosed: false, isWon: false });
const touch = (id: string) => ({ id, kind: 'call', direction: 'out', at });

function fileWith(snapshot: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) {
  return {
    format: 'leadlens-snapshot',
    version: 1,
    exportedAt: at,
    asOf: at,
    settings,
    snapshot: { owners: [], stages: [], leads: [], deals: [], touches: [], ...snapshot },
  };
}

/** The file as the CLI and the panel get it: text parsed by JSON.parse, where 1e999 becomes Infinity. */
const viaJson = (file: unknown, replace: [string, string] = ['', '']) =>
  JSON.parse(JSON.stringify(file).replace(replace[0], replace[1]));

const error = (json: unknown) => {
  const parsed = parseSnapshotFile(json);
  return parsed.ok ? 'ok' : parsed.error;
};

describe('non-finite numbers', () => {
  it.each([
    ['a deal amount', fileWith({ deals: [deal('d1', 7777)] }), '7777', '1e999', 'snapshot.deals[0].amount'],
    ['a negative overflow', fileWith({ deals: [deal('d1', 7777)] }), '7777', '-1e999', 'snapshot.deals[0].amount'],
    ['a lead score', fileWith({ leads: [{ ...lead('l1'), score: 7777 }] }), '7777', '1e999', 'snapshot.leads[0].score'],
    ['a setting', fileWith({}, { slaMinutes: 7777 }), '7777', '1e999', 'settings.slaMinutes'],
    ['an SLA by source', fileWith({}, { slaBySource: { x: 7777 } }), '7777', '1e999', 'settings.slaBySource.x'],
    ['the version', fileWith(), '"version":1', '"version":1e999', 'version'],
  ])('%s', (_name, file, from, to, path) => {
    expect(error(viaJson(file, [from, to]))).toBe(`${path}: expected a finite number`);
  });

  it('in a settings file read on its own', () => {
    expect(parseMetricSettings({ hourlyCost: Number.NaN })).toEqual({
      ok: false,
      error: 'settings.hourlyCost: expected a finite number',
    });
  });
});

describe('duplicate ids', () => {
  it.each([
    [
      'owners',
      { owners: [{ id: 'o1' }, { id: 'o2' }, { id: 'o1' }] },
      'snapshot.owners[2].id: owners[0] and owners[2] share id "o1"',
    ],
    [
      'leads',
      { leads: [lead('a'), lead('b'), lead('c'), lead('b')] },
      'snapshot.leads[3].id: leads[1] and leads[3] share id "b"',
    ],
    [
      'deals',
      { deals: [deal('123'), deal('9'), deal('123')] },
      'snapshot.deals[2].id: deals[0] and deals[2] share id "123"',
    ],
    [
      'touches',
      { touches: [touch('t'), touch('t')] },
      'snapshot.touches[1].id: touches[0] and touches[1] share id "t"',
    ],
    [
      'feedback',
      {
        feedback: [
          { id: 'f', at, kind: 'nps', score: 9 },
          { id: 'f', at, kind: 'csat', score: 4 },
        ],
      },
      'snapshot.feedback[1].id: feedback[0] and feedback[1] share id "f"',
    ],
    [
      'stages',
      {
        stages: [
          { pipelineId: 'p', stageId: 's' },
          { pipelineId: 'p', stageId: 't' },
          { pipelineId: 'p', stageId: 's' },
        ],
      },
      'snapshot.stages[2].stageId: stages[0] and stages[2] are the same stage (pipelineId and stageId ["p","s"])',
    ],
    [
      'lifecycleStages',
      {
        lifecycleStages: [
          { value: 'lead', order: 1 },
          { value: 'lead', order: 2 },
        ],
      },
      'snapshot.lifecycleStages[1].value: lifecycleStages[0] and lifecycleStages[1] share value "lead"',
    ],
  ])('in %s are refused, naming both rows', (_table, snapshot, message) => {
    expect(error(fileWith(snapshot))).toBe(message);
  });

  it('are fine across tables, and the same stage id in two pipelines is two stages', () => {
    const snapshot = {
      owners: [{ id: 'x' }],
      leads: [lead('x')],
      deals: [deal('x')],
      touches: [touch('x')],
      stages: [
        { pipelineId: 'p', stageId: 's' },
        { pipelineId: 'q', stageId: 's' },
      ],
    };
    expect(error(fileWith(snapshot))).toBe('ok');
  });
});

describe('a negative deal amount', () => {
  it('is kept, with one warning line naming the first deal and counting the others', () => {
    const parsed = parseSnapshotFile(
      fileWith({ deals: [deal('a', 5), deal('b', -1200), deal('c', -1), deal('d', -2)] }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.snapshot.deals.map((d) => d.amount)).toEqual([5, -1200, -1, -2]);
    expect(snapshotFileWarnings(parsed.value)).toEqual([
      'snapshot.deals[1].amount is negative (-1200, deal "b") and so are 2 more deals; kept: a won one lowers ' +
        'revenue, an open one the weighted pipeline',
    ]);
    expect(snapshotFileWarnings({ snapshot: { ...parsed.value.snapshot, deals: [] } })).toEqual([]);
  });
});
