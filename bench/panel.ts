// npm run bench:panel [-- --leads N] [--runs N] [--profile]
// The production build (`npx wxt build` first) in headless Chromium with N leads (default 100 000, plus deals and
// touches in bench/metrics.ts's proportions) in the extension's cache. The cache is seeded the way a user would:
// the panel's "Import snapshot" writes the generated snapshot file through the analytics store's `appendChunk`,
// the function the sync's page writes use. Then the panel is opened again (a fresh page) and timed:
//   first_paint_ms — from the page's navigation start to the first frame with current KPI cards;
//   filter_ms     — from a filter change (period on the whole portal, source, owner, period again) to the frame with
//                   every view updated;
//   drilldown_ms  — from the click on a KPI card's "Show the leads" (the lead KPI whose list is nearest 10 000 leads:
//                   at 100 000 leads, the median response's answered leads, about 10 600) to the frame with the
//                   list's first rows drawn.
// Medians over the runs. The last line is the machine-readable result.
// With --profile, one more run (not counted) records a CPU profile of the panel page through the DevTools protocol
// (Profiler.start/stop), once over the first paint, once over the drill-down and once over the filter changes, and
// prints where the time went:
// self time per script and the functions with the most self time (the worker's time is compute_ms, not in these).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { syntheticSettings, syntheticSnapshot, benchAsOf } from './metrics.ts';
import { toSnapshotFileJson } from '../lib/model/snapshot-file.ts';
import { launchWithExtension } from '../test/support/browser.ts';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function positive(name: string, fallback: number): number {
  const value = Number(argument(name) ?? fallback);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name}: expected a positive whole number`);
    process.exit(2);
  }
  return value;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function measure(page: Page, name: string): Promise<number> {
  return page.evaluate((measureName) => {
    const entries = performance.getEntriesByName(measureName, 'measure');
    const last = entries[entries.length - 1];
    if (!last) throw new Error(`no ${measureName} measure`);
    return last.duration;
  }, name);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per script and per function of a CPU profile, biggest first. */
function summarise(profile: CpuProfile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const perFunction = new Map<string, number>();
  const perScript = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i] as number);
    // A sample's time is the gap to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    if (!node || ms <= 0) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const script = url ? (url.split('/').pop() ?? url) : '(native)';
    const name = `${functionName || '(anonymous)'} ${url ? `${script}:${lineNumber + 1}:${columnNumber + 1}` : ''}`;
    perFunction.set(name, (perFunction.get(name) ?? 0) + ms);
    perScript.set(script, (perScript.get(script) ?? 0) + ms);
    if (functionName !== '(idle)') total += ms;
  }
  const biggest = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
  return [
    `  busy ${total.toFixed(0)} ms (without idle); self time per script:`,
    ...biggest(perScript),
    '  top functions by self time:',
    ...biggest(perFunction),
  ];
}

async function startProfile(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  return session;
}

async function stopProfile(session: CDPSession, title: string): Promise<void> {
  const { profile } = await session.send('Profiler.stop');
  console.log(`profile: ${title}`);
  for (const line of summarise(profile as CpuProfile, 15)) console.log(line);
}

async function idle(page: Page, timeout: number): Promise<void> {
  await page.waitForSelector('[data-testid="roi-panel"][data-busy="false"]', { timeout });
}

/**
 * Opens the drill-down of the lead KPI card whose list is nearest 10 000 leads and closes it again; its time and its
 * number of leads. `serial` is the page's count of drill-downs opened, this one included.
 */
async function drilldown(page: Page, serial: number): Promise<{ ms: number; leads: number }> {
  const cards = await page
    .locator('[data-testid="kpi-card"]:has([data-testid="kpi-drilldown"])')
    .evaluateAll((elements) =>
      elements.map((element) => ({
        kpi: element.getAttribute('data-kpi') ?? '',
        n: Number(element.getAttribute('data-n')),
      })),
    );
  const chosen = cards.filter((card) => card.n > 0).sort((a, b) => Math.abs(a.n - 10_000) - Math.abs(b.n - 10_000))[0];
  if (!chosen) throw new Error('no KPI card opens a list of leads');
  await page.locator(`[data-kpi="${chosen.kpi}"] [data-testid="kpi-drilldown"]`).click();
  await page.waitForSelector(`html[data-drilldown-done="${serial}"]`, { timeout: 120_000 });
  const ms = await measure(page, 'leadlens:drilldown');
  const leads = Number(await page.getByTestId('drilldown-heading').getAttribute('data-count'));
  await page.getByTestId('drilldown-close').click();
  await page.waitForSelector('[data-testid="drilldown"]', { state: 'detached' });
  return { ms, leads };
}

async function main(): Promise<void> {
  const leads = positive('--leads', 100_000);
  const runs = positive('--runs', 3);
  const profile = process.argv.includes('--profile');
  const started = Date.now();
  const snapshot = syntheticSnapshot(leads);
  const settings = syntheticSettings();
  const file = toSnapshotFileJson({
    exportedAt: benchAsOf,
    asOf: benchAsOf,
    portal: { portalId: '1', uiDomain: 'app.hubspot.com', timeZone: settings.timezone, currency: 'USD' },
    settings,
    snapshot,
  });
  const path = join(mkdtempSync(join(tmpdir(), 'leadlens-bench-')), 'snapshot.json');
  writeFileSync(path, JSON.stringify(file));
  console.log(
    `generated leads=${snapshot.leads.length} deals=${snapshot.deals.length} touches=${snapshot.touches.length} in ${Date.now() - started} ms`,
  );

  const extension = await launchWithExtension();
  try {
    const seedPage = await extension.context.newPage();
    await seedPage.goto(extension.extensionUrl('sidepanel.html'));
    const seedStart = Date.now();
    await seedPage.getByTestId('import-snapshot').first().setInputFiles(path);
    await seedPage.waitForSelector('[data-testid="kpi-card"]', { timeout: 600_000 });
    await idle(seedPage, 600_000);
    console.log(`seeded and first computed (cold, no stored view) in ${Date.now() - seedStart} ms`);
    await seedPage.close();

    const firstPaints: number[] = [];
    const filters: number[] = [];
    const computes: number[] = [];
    const drilldowns: number[] = [];
    const drilldownLeads: number[] = [];
    // The profiled run comes last and is not counted: the profiler slows what it watches.
    for (let run = 0; run < runs + (profile ? 1 : 0); run++) {
      const profiled = run === runs;
      const page = await extension.context.newPage();
      let session = profiled ? await startProfile(page) : undefined;
      await page.goto(extension.extensionUrl('sidepanel.html'));
      await page.waitForSelector('html[data-first-paint="done"]', { timeout: 120_000 });
      if (session) await stopProfile(session, 'navigation to first paint');
      else firstPaints.push(await measure(page, 'leadlens:first-paint'));
      await idle(page, 120_000);
      // The drill-down on the whole portal, before the filters narrow it.
      if (profiled) session = await startProfile(page);
      const opened = await drilldown(page, 1);
      if (session) {
        await stopProfile(session, 'drill-down: click to first rows');
        console.log(`profiled drill-down: ${opened.ms.toFixed(0)} ms for ${opened.leads} leads`);
      } else {
        drilldowns.push(opened.ms);
        drilldownLeads.push(opened.leads);
      }
      const sources = await page
        .getByTestId('filter-source')
        .locator('option')
        .evaluateAll((options) =>
          options.map((option) => (option as HTMLOptionElement).value).filter((value) => value !== ''),
        );
      const owners = await page
        .getByTestId('filter-owner')
        .locator('option')
        .evaluateAll((options) =>
          options.map((option) => (option as HTMLOptionElement).value).filter((value) => value !== ''),
        );
      // The period first on the whole portal (every chart at full size), then narrowed by source and owner, then
      // the period again.
      const changes: Array<[string, string]> = [
        ['filter-period', '12m'],
        ['filter-source', sources[run % sources.length] ?? ''],
        ['filter-owner', owners[run % owners.length] ?? ''],
        ['filter-period', '6m'],
      ];
      let serial = 0;
      if (profiled) session = await startProfile(page);
      for (const [testId, value] of changes) {
        serial += 1;
        await page.getByTestId(testId).selectOption(value);
        await page.waitForSelector(`html[data-filter-done="${serial}"]`, { timeout: 120_000 });
        const filter = await measure(page, 'leadlens:filter');
        const compute = await measure(page, 'leadlens:compute');
        if (profiled)
          console.log(`profiled filter change ${serial}: ${filter.toFixed(0)} ms (compute ${compute.toFixed(0)})`);
        else {
          filters.push(filter);
          computes.push(compute);
        }
        await idle(page, 120_000);
      }
      if (session) await stopProfile(session, 'four filter changes (period, source, owner, period)');
      await page.close();
    }
    console.log(`first_paint_ms runs=${firstPaints.map((ms) => ms.toFixed(0)).join(',')}`);
    console.log(
      `filter_ms runs=${filters.map((ms) => ms.toFixed(0)).join(',')} (period, source, owner, period per run)`,
    );
    console.log(`compute_ms runs=${computes.map((ms) => ms.toFixed(0)).join(',')} (the worker's part of each)`);
    console.log(
      `drilldown_ms runs=${drilldowns.map((ms) => ms.toFixed(0)).join(',')} (lists of ${drilldownLeads.join(',')} leads)`,
    );
    console.log(
      `panel first_paint_ms=${median(firstPaints).toFixed(0)} filter_ms=${median(filters).toFixed(0)} drilldown_ms=${median(drilldowns).toFixed(0)}`,
    );
  } finally {
    await extension.context.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:panel failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
