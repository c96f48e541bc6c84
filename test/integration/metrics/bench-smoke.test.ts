import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

describe('bench:metrics', () => {
  it('runs on a small snapshot and ends with the machine-readable line', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/metrics.ts', '--leads', '500'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    // 500 leads → 100 deals and 1500 touches, as the full size keeps 100 000 : 20 000 : 300 000.
    expect(lines.at(-1)).toMatch(/^metrics ms=\d+ leads=500 deals=100 touches=1500$/);
  });
});
