import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Issue 14, report input through the CLI: one line for a non-finite number or a duplicate id, a warning line for a
// negative deal amount (docs/report.md). The rules themselves: test/unit/model/report-input.test.ts.

const at = '2026-01-01T00:00:00Z';
const deal = (id: string, amount = 100) => ({ id, amount, createdAt: at, isClosed: false, isWon: false });

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

describe('npm run report', () => {
  const root = new URL('../../../', import.meta.url).pathname;
  const directory = mkdtempSync(join(tmpdir(), 'leadlens-input-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const run = (name: string, text: string, ...args: string[]) => {
    const path = join(directory, name);
    writeFileSync(path, text);
    return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', '--input', path, ...args], {
      cwd: root,
      encoding: 'utf8',
    });
  };

  it('prints one line for a non-finite number or a duplicate id (status 2), a warning for a negative amount (status 0)', () => {
    const infinite = run('inf.json', JSON.stringify(fileWith({ deals: [deal('d', 7777)] })).replace('7777', '1e999'));
    expect([infinite.status, infinite.stderr]).toEqual([2, 'snapshot.deals[0].amount: expected a finite number\n']);

    const twice = run('twice.json', JSON.stringify(fileWith({ deals: [deal('123'), deal('123')] })));
    expect([twice.status, twice.stderr]).toEqual([2, 'snapshot.deals[1].id: deals[0] and deals[1] share id "123"\n']);

    const negative = run('negative.json', JSON.stringify(fileWith({ deals: [deal('r', -50)] })), '--format', 'json');
    expect(negative.status).toBe(0);
    expect(negative.stderr).toBe(
      'warning: snapshot.deals[0].amount is negative (-50, deal "r"); kept: a won one lowers revenue, an open one ' +
        'the weighted pipeline\n',
    );
    expect(() => JSON.parse(negative.stdout)).not.toThrow();

    // A reserved key in the --settings file, merged over the snapshot's settings, is refused by name.
    const settingsPath = join(directory, 'settings.json');
    writeFileSync(settingsPath, '{"slaBySource": {"paid_search": 5, "constructor": 3}}');
    const reserved = run('plain.json', JSON.stringify(fileWith()), '--settings', settingsPath);
    expect([reserved.status, reserved.stderr]).toEqual([
      2,
      'settings.slaBySource.constructor: the key "constructor" is not allowed (__proto__, constructor, prototype are ' +
        'refused as keys)\n',
    ]);
  });
});
