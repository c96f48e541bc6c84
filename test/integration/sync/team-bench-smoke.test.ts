// bench:team runs end to end on a small team and portal (three reps, 300 contacts, an hour's day) and ends with the
// line the README quotes, so the benchmark cannot rot between its full runs.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

it('bench/team.ts syncs a small team and prints its figures as the last line', async () => {
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/team.ts', '--reps', '3', '--contacts', '300', '--hours', '1'],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
  const lines = output.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  const match =
    /^team reps=3 first_sync_s=(\d+) errors_pct=(\d+\.\d+) requests_per_rep_day=(\d+) daily_limit_pct=(\d+\.\d)$/.exec(
      last,
    );
  expect(match, last).not.toBeNull();
  // Every rep's first sync ended, and an hour of polling and look-ups cost each rep requests.
  expect(Number(match?.[1])).toBeGreaterThan(0);
  expect(Number(match?.[3])).toBeGreaterThan(30);
}, 120_000);
