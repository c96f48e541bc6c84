import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// docs/examples/checkpoint-example.json is the example docs/report.md points to: 12 leads on each side of the
// 3-month checkpoint (adoption 2025-07-01, Europe/Paris), 11 won deals a side, so every interval of the comparison
// exists. The report run on it is checked here as a reader would run it, through the CLI.
const root = new URL('../../../', import.meta.url).pathname;

function run(...options: string[]): string {
  const result = spawnSync(
    process.execPath,
    ['scripts/report-cli.mjs', '--input', 'docs/examples/checkpoint-example.json', ...options],
    { cwd: root, encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

function reportJson(...options: string[]) {
  return JSON.parse(run('--format', 'json', ...options));
}

interface Interval {
  low: number;
  high: number;
  notSignificant: boolean;
}

function expectInterval(interval: Interval | null | undefined, name: string) {
  expect(interval, name).toBeTruthy();
  expect(Number.isFinite(interval?.low) && Number.isFinite(interval?.high), name).toBe(true);
  expect((interval?.low ?? 0) <= (interval?.high ?? 0), name).toBe(true);
}

describe('the example snapshot (docs/examples)', () => {
  const json = reportJson();
  const [three] = json.checkpoints;

  it('reads with the settings it states: margin, attribution, holidays, targets, owners', () => {
    expect(json.counts).toMatchObject({ liveLeads: 25, archivedLeads: 1, owners: 3 });
    expect(json.settings).toMatchObject({ grossMarginPct: 60, attributionPct: 50, timezone: 'Europe/Paris' });
    expect(json.settings.businessHours.holidays).toContain('2025-05-08');
    expect(Object.keys(json.settings.targets)).toHaveLength(11);
    expect(json.controlSegment).toBeNull();
  });

  it('has the ROI of the 3-month checkpoint, worked by hand', () => {
    // A = [1 Jul, 1 Oct) Paris, B = [1 Apr, 1 Jul). Won: B Σ(1000 + 100 i) for i = 0…10 = 11 000 + 5 500 = 16 500;
    // A Σ(1500 + 150 i) = 16 500 + 8 250 = 24 750. Change 8 250; × 50 % attribution = 4 125; × 60 % margin = 2 475.
    // Hours: 12 automated e-mails in A × 2 min / 60 = 0.4 h + 10 h × 3 months = 30.4 h × 40 = 1 216. Gain 3 691.
    // Cost: 3 × (300 + 50) + 1 000 + 500 (adoption inside A) = 2 550. ROI (3 691 − 2 550) / 2 550 = 0.447450…
    expect(three.roi).toMatchObject({
      months: 3,
      status: 'complete',
      revenueBefore: 16_500,
      revenueAfter: 24_750,
      incrementalRevenue: 4_125,
      incrementalProfit: 2_475,
      gain: 3_691,
      reasons: [],
    });
    expect(three.roi.hoursSaved.value).toBeCloseTo(1_216, 9);
    expect(three.roi.systemCost.total).toBe(2_550);
    expect(three.roi.roi).toBeCloseTo(1_141 / 2_550, 12);
  });

  it('compares each target with its figure at the checkpoint', () => {
    // ROI 0.447 < goal 0.5: missed. Revenue change A − B = 8 250 ≥ 5 000: met. Median response A 3.5 ≤ 15: met.
    const byKpi = Object.fromEntries(
      three.targets.map((target: { kpi: string; status: string | null }) => [target.kpi, target.status]),
    );
    expect(three.targets).toHaveLength(11);
    expect(byKpi).toMatchObject({ roi: 'missed', revenueChange: 'met', medianResponseMinutes: 'met' });
  });

  it('shows every interval: rates, medians, revenue change and ROI', () => {
    for (const kpi of ['shareWithinSla', 'leadToCustomerRate', 'medianResponseMinutes', 'medianSalesCycleDays']) {
      expectInterval(three.comparison[kpi]?.interval, kpi);
    }
    expectInterval(three.roi.revenueChangeInterval, 'revenueChange');
    expectInterval(three.roi.roiInterval, 'roi');
  });

  it('shows the v2 response figures, the payback month and the deal-stage funnel', () => {
    const { response } = json.window.cohort;
    expect(response.p90Minutes).toEqual(expect.any(Number));
    expect(response.routingDelay.medianMinutes).toEqual(expect.any(Number));
    expect(response.responseAfterAssignment.medianMinutes).toEqual(expect.any(Number));
    expect(json.window.dealFunnel).toBeTruthy();
    expect(json.window.breakdowns.fairRep).toBeTruthy();
    // By source: organic_search is leads 5, 8 and 11 of each side (i = 4, 7, 10; lead 2 is tagged partner-webinar),
    // all won: B 1400 + 1700 + 2000, A 2100 + 2550 + 3000 = 12 750 over 6 cohort leads → 2 125 per lead.
    const organic = json.window.breakdowns.bySource.find((row: { key: string }) => row.key === 'organic_search');
    expect(organic.revenuePerLead).toBe(2_125);
    // Payback. Month 1, A = [1 Jul, 1 Aug): won 1500 + 1650 + 1800 + 1950 = 6 900; B = [1 Jun, 1 Jul): 1800 + 1900 +
    // 2000 = 5 700; profit 1 200 × 0.5 × 0.6 = 360; hours 5 × 2 / 60 + 10 = 10.17 h → 406.67; cost 350 + 1 500 =
    // 1 850: ROI < 0. Month 2, A = [1 Jul, 1 Sep): 6 900 + 2100 + 2250 + 2400 + 2550 + 2700 = 18 900; B = [1 May,
    // 1 Jul): 1400 + 1500 + 1600 + 1700 + 5 700 = 11 900; profit 7 000 × 0.3 = 2 100; hours 10 × 2 / 60 + 20 =
    // 20.33 h → 813.33; gain 2 913.33; cost 700 + 1 500 = 2 200: ROI 0.32 ≥ 0. Month 2 runs [1 Aug, 1 Sep) Paris.
    expect(json.paybackMonth).toBe(2);
    expect(json.payback).toEqual({
      month: 2,
      label: '2025-08',
      from: '2025-07-31T22:00:00.000Z',
      to: '2025-08-31T22:00:00.000Z',
    });
  });

  it('adds one row of facts per cohort lead with --per-lead, in JSON and in CSV', () => {
    // b01: created Wed 2 Apr 10:00 Paris, called 20 minutes later (inside business hours) → 20 business minutes,
    // bucket 5–30m; paid_search's SLA is the default 30 → met; its deal closed 5 days later, 7 Apr 10:00 Paris.
    const b01 = {
      id: 'b01',
      owner: 'o1',
      groupSource: 'paid_search',
      sla: 30,
      firstResponseAt: '2025-04-02T08:20:00.000Z',
      responseMinutes: 20,
      bucket: '5–30m',
      slaOutcome: 'met',
      funnelStep: 'won',
      firstPurchaseAt: '2025-04-07T08:00:00.000Z',
      timer: null,
      timerState: null,
      timerWaitingMinutes: null,
    };
    const { perLead } = reportJson('--per-lead');
    // The window's cohort: 12 + 12 leads either side of adoption and one in November; the archived lead is out.
    expect(perLead).toHaveLength(25);
    expect(perLead[0]).toMatchObject(b01);
    expect(json.perLead).toBeUndefined();
    const lines = run('--format', 'csv', '--per-lead').trimEnd().split('\n');
    expect(lines).toHaveLength(26);
    expect(lines[0]).toBe(
      'id,owner,groupSource,sla,firstResponseAt,responseMinutes,bucket,slaOutcome,funnelStep,firstPurchaseAt,' +
        'timer,timerState,timerWaitingMinutes,temperature,openLead,fresh,complete',
    );
    expect(lines[1]).toMatch(
      /^b01,o1,paid_search,30,2025-04-02T08:20:00.000Z,20,5–30m,met,won,2025-04-07T08:00:00.000Z,,,,/,
    );
  });
});
