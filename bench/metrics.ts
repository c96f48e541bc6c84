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

/**
 * A lead's owner assignment: three in ten created with their owner, most routed within the hour, about one in eight
 * re-assigned weeks later (often after the first response, which routing delay must then leave out).
 */
function assignedAt(extra: () => number, createdAt: number): number {
  const roll = extra();
  const at =
    roll < 0.3
      ? createdAt
      : roll < 0.88
        ? createdAt + Math.floor(-Math.log(1 - extra()) * 20 * 60_000)
        : createdAt + Math.floor(extra() * 60 * dayMs);
  return Math.min(benchAsOf, at);
}

/**
 * When a deal entered each stage of its path: the open stages up to where it is (won deals all of them, lost ones up to
 * where they left), some middle ones skipped, spread between creation and close (or asOf), then the closing stage.
 */
function stageDatesOf(
  extra: () => number,
  openStages: readonly string[],
  deal: { createdAt: number; closeDate?: number; isClosed: boolean; isWon: boolean; stageId: string },
): Record<string, number> {
  const end = Math.max(deal.createdAt, Math.min(benchAsOf, deal.closeDate ?? benchAsOf));
  const current = openStages.indexOf(deal.stageId);
  const reached = deal.isWon
    ? openStages.length
    : deal.isClosed
      ? 1 + Math.floor(extra() * openStages.length)
      : current >= 0
        ? current + 1
        : 1;
  const dates: Record<string, number> = {};
  for (let index = 0; index < reached; index++) {
    const stage = openStages[index] as string;
    const last = index === reached - 1;
    if (index > 0 && !last && extra() < 0.2) continue;
    dates[stage] = deal.createdAt + Math.floor(((end - deal.createdAt) * index) / (reached + 1));
  }
  if (deal.isClosed) dates[deal.stageId] = end;
  return dates;
}

export function syntheticSnapshot(leadCount: number, seed = 1): Snapshot {
  const next = random(seed);
  // The owner assignments and deal stage dates draw from a stream of their own, so the rest of the data is what it
  // was before they were added (and timings stay comparable).
  const extra = random(seed ^ 0x9e3779b9);
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
  const openStages = stageList.filter(([, , isClosed]) => !isClosed).map(([stageId]) => stageId);
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
    const email = next() < 0.95 ? `lead${i}@example.com` : '';
    const ownerId = next() < 0.9 ? pick(owners).id : undefined;
    leads.push({
      id: `l${i}`,
      email,
      name: `Lead ${i}`,
      ownerId,
      // A few owned leads from before the assignment date was read have none.
      ownerAssignedAt: ownerId !== undefined && extra() < 0.97 ? assignedAt(extra, createdAt) : undefined,
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
    // One deal in twenty has no stage dates (it counts for "reached" only).
    const stageDates =
      extra() < 0.95
        ? stageDatesOf(extra, openStages, { createdAt, closeDate, isClosed: closed, isWon: won, stageId })
        : undefined;
    deals.push({
      id: `d${i}`,
      amount: next() < 0.05 ? 0 : Math.round(500 + next() * 20_000),
      pipelineId: 'default',
      stageId,
      stageDates,
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
    businessHours: {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '17:00',
      holidays: usHolidays(2023, 2026),
    },
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

/** New Year's Day, Independence Day, Thanksgiving (4th Thursday of November) and Christmas of each year. */
function usHolidays(from: number, to: number): string[] {
  const holidays: string[] = [];
  for (let year = from; year <= to; year++) {
    const firstOfNovember = new Date(Date.UTC(year, 10, 1)).getUTCDay();
    const thanksgiving = 1 + ((4 - firstOfNovember + 7) % 7) + 21;
    holidays.push(`${year}-01-01`, `${year}-07-04`, `${year}-11-${thanksgiving}`, `${year}-12-25`);
  }
  return holidays;
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
