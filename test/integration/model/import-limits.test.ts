import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SETTINGS_FILE_MAX_BYTES } from '../../../lib/model/import-limits';

// Issue 14: the report CLI checks an input or settings file's size before reading it, with a message saying the limit.

const MB = 1024 * 1024;

describe('npm run report', () => {
  const root = new URL('../../../', import.meta.url).pathname;
  const directory = mkdtempSync(join(tmpdir(), 'leadlens-limits-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const report = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], { cwd: root, encoding: 'utf8' });

  it('refuses an input or settings file over the cap before reading it', () => {
    // A sparse file: its size is over the real cap (256 MB) without writing a byte of it.
    const input = join(directory, 'huge.json');
    writeFileSync(input, '');
    truncateSync(input, 257 * MB);
    const big = report('--input', input);
    expect(big.status).toBe(2);
    expect(big.stderr).toBe(`--input: ${input}: the file is 257 MB, larger than the 256 MB LeadLens reads\n`);

    const small = join(directory, 'small.json');
    writeFileSync(small, '{}');
    const settings = join(directory, 'settings.json');
    writeFileSync(settings, `{"x":"${'a'.repeat(SETTINGS_FILE_MAX_BYTES)}"}`);
    const tooBig = report('--input', small, '--settings', settings);
    expect(tooBig.status).toBe(2);
    expect(tooBig.stderr).toMatch(
      /^--settings: .*settings\.json: the file is 1.1 MB, larger than the 1 MB LeadLens reads\n$/,
    );
  });
});
