// Builds a deterministic synthetic snapshot (100 000 leads, 20 000 deals and 300 000 touches by default; `--leads N`
// scales all three) and times 5 full reports: the work `npm run report -- --format json` does after reading the file.
// The last line is the machine-readable result: `metrics ms=<median> leads=… deals=… touches=…`.
import { metricSettings } from '../lib/model/settings.ts';
import type { Deal, Feedback, Lead, LeadSource, Snapshot, Touch } from '../lib/model/snapshot.ts';
import { leadSources } from '../lib/model/snapshot.ts';
import { buildReport } from '../lib/metrics/report.ts';
import { reportToJsonText } from '../lib/metrics/report-output.ts';

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dayMs = 86_400_000;
export const benchAsOf = Date.parse('2026-06-15T12:00:00Z');

export function syntheticSnapshot(leadCount: number, seed = 1): Snapshot {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const span = 3 * 365 * dayMs;
  const start = benchAsOf - span;
  const owners = Array.from({ length: 20 }, (_, i) => ({
    id: `o${i}`,
    name: `Rep ${i}`,
    email: `rep${i}@example.com`,
  }));
  const stageList = [
    ['appointmentscheduled', 0.2, false, false],
    ['qualifiedtobuy', 0.4, false, false],
    ['presentationscheduled', 0.6, false, false],
    ['decisionmakerboughtin', 0.8, false, false],
    ['contractsent', 0.9, false, false],
    ['closedwon', 1, true, true],
    ['closedlost', 0, true, false],
  ] as const;
  const stages = stageList.map(([stageId, probability, isClosed, isWon], order) => ({
    pipelineId: 'default',
    stageId,
    label: stageId,
    order,
    probability,
    isClosed,
    isWon,
  }));
  const lifecycle = [
    'subscriber',
    'lead',
    'marketingqualifiedlead',
    'salesqualifiedlead',
    'opportunity',
    'customer',
    'other',
    '',
  ];
  const campaigns = Array.from({ length: 30 }, (_, i) => `campaign-${i}`);
  const sources = leadSources as readonly LeadSource[];

  const leads: Lead[] = [];
  for (let i = 0; i < leadCount; i++) {
    const createdAt = start + Math.floor(next() * span);
    const stage = pick(lifecycle);
    const mql = next() < 0.4 ? createdAt + Math.floor(next() * 10 * dayMs) : undefined;
    leads.push({
      id: `l${i}`,
      email: next() < 0.95 ? `lead${i}@example.com` : '',
      name: `Lead ${i}`,
      ownerId: next() < 0.9 ? pick(owners).id : undefined,
      createdAt,
      lifecycleStage: stage,
      leadStatus: undefined,
      stageDates: {
        marketingqualifiedlead: mql,
        salesqualifiedlead: mql !== undefined && next() < 0.5 ? mql + Math.floor(next() * 20 * dayMs) : undefined,
      },
      source: pick(sources),
      sourceDetail: undefined,
      sourceTag: next() < 0.1 ? 'partner-webinar' : undefined,
      campaign: next() < 0.6 ? pick(campaigns) : undefined,
      score: next() < 0.5 ? Math.floor(next() * 100) : undefined,
      updatedAt: Math.min(benchAsOf, createdAt + Math.floor(next() * 200 * dayMs)),
      archived: next() < 0.02,
    });
  }

  const deals: Deal[] = [];
  for (let i = 0; i < leadCount / 5; i++) {
    const lead = pick(leads);
    const createdAt = Math.min(benchAsOf, lead.createdAt + Math.floor(next() * 60 * dayMs));
    const closed = next() < 0.7;
    const won = closed && next() < 0.45;
    const stageId = won ? 'closedwon' : closed ? 'closedlost' : (pick(stageList)[0] as string);
    const closeDate = closed
      ? Math.min(benchAsOf, createdAt + Math.floor(next() * 120 * dayMs))
      : next() < 0.9
        ? benchAsOf + Math.floor(next() * 150 * dayMs)
        : undefined;
    const leadIds = next() < 0.03 ? [] : next() < 0.1 ? [lead.id, pick(leads).id] : [lead.id];
    deals.push({
      id: `d${i}`,
      amount: next() < 0.05 ? 0 : Math.round(500 + next() * 20_000),
      pipelineId: 'default',
      stageId,
      createdAt,
      closeDate,
      isClosed: closed,
      isWon: won,
      ownerId: next() < 0.7 ? pick(owners).id : undefined,
      leadIds,
    });
  }

  const touches: Touch[] = [];
  const kinds = ['email', 'email', 'email', 'call', 'call', 'meeting', 'note', 'task'] as const;
  for (let i = 0; i < leadCount * 3; i++) {
    const lead = pick(leads);
    // Minutes to days after creation, with a few before it (imported history).
    const delay = next() < 0.03 ? -Math.floor(next() * dayMs) : Math.floor(-Math.log(1 - next()) * 2 * dayMs);
    touches.push({
      id: `t${i}`,
      kind: pick(kinds),
      direction: next() < 0.3 ? 'in' : next() < 0.9 ? 'out' : 'none',
      at: lead.createdAt + delay,
      ownerId: lead.ownerId,
      leadIds: [lead.id],
      automated: next() < 0.3,
    });
  }

  const feedback: Feedback[] = [];
  for (let i = 0; i < leadCount / 50; i++) {
    const nps = next() < 0.5;
    feedback.push({
      id: `f${i}`,
      leadId: pick(leads).id,
      at: start + Math.floor(next() * span),
      kind: nps ? 'nps' : 'csat',
      score: nps ? Math.floor(next() * 11) : 1 + Math.floor(next() * 5),
    });
  }
  return { owners, stages, lifecycleStages: undefined, leads, deals, touches, feedback };
}

export function syntheticSettings() {
  const spend: Record<string, Record<string, number>> = {};
  for (const source of ['paid_search', 'paid_social', 'email_marketing', 'partner-webinar']) {
    const months: Record<string, number> = {};
    for (let year = 2023; year <= 2026; year++) {
      for (let month = 1; month <= 12; month++) months[`${year}-${String(month).padStart(2, '0')}`] = 5000;
    }
    spend[source] = months;
  }
  return metricSettings({
    timezone: 'America/New_York',
    adoptionDate: '2025-09-01',
    businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
    slaBySource: { paid_search: 15 },
    licensePerMonth: 500,
    maintenancePerMonth: 100,
    implementationCost: 5000,
    trainingCost: 2000,
    hourlyCost: 40,
    minutesSavedPerAutomatedTouch: 3,
    manualHoursSavedPerMonth: 20,
    grossMarginPct: 60,
    attributionPct: 50,
    salesCostPerMonth: 20_000,
    marketingSpend: spend,
  });
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main(): void {
  const leadCount = Number(argument('--leads') ?? 100_000);
  if (!Number.isInteger(leadCount) || leadCount <= 0) {
    console.error('--leads: expected a positive whole number');
    process.exit(2);
  }
  const snapshot = syntheticSnapshot(leadCount);
  const settings = syntheticSettings();
  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    size = reportToJsonText(buildReport(snapshot, settings, benchAsOf)).length;
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`runs ms=${times.map((time) => time.toFixed(1)).join(',')} (in order) json bytes=${size}`);
  console.log(
    `metrics ms=${Math.round(sorted[2] as number)} leads=${snapshot.leads.length} deals=${snapshot.deals.length} touches=${snapshot.touches.length}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
