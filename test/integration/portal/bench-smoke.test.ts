// The portal benchmark runs end to end on a small portal and ends with the line the report parses.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

it('bench/portal.ts prints its figures as the last line', async () => {
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/portal.ts', '--contacts', '2000', '--requests', '40'],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
  const lines = output.trim().split('\n');
  expect(lines[lines.length - 1]).toMatch(/^portal generate_100k_ms=\d+ list100_p95_ms=\d+(\.\d+)?$/);
}, 60_000);
