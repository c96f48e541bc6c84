// Adds up the unit, integration and end-to-end results written by the suite's JSON reporters and prints one closing line
// in the plain form CI reads: "tests: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function readJson(path: string): unknown {
  if (!existsSync(path)) throw new Error(`${path} is missing: did that part of the suite run?`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

function vitestCounts(path: string): Counts {
  const report = readJson(path) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function e2eCounts(path: string): Counts {
  const report = readJson(path) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return {
    passed: report.stats.expected,
    failed: report.stats.unexpected + report.stats.flaky,
    skipped: report.stats.skipped,
  };
}

const parts: [string, Counts][] = [
  ['unit', vitestCounts('test-results/unit.json')],
  ['integration', vitestCounts('test-results/integration.json')],
  ['end-to-end', e2eCounts('test-results/e2e.json')],
];
for (const [name, counts] of parts) {
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}
const sum = (key: keyof Counts) => parts.reduce((total, [, counts]) => total + counts[key], 0);
const failed = sum('failed');
const skipped = sum('skipped');
console.log(`tests: ${sum('passed')} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
// A skipped test left behind is a test that cannot fail: the suite refuses it.
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
