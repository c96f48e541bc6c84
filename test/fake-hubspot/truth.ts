// The ground truth tests check LeadLens against: computed from the generated records themselves, following
// METRICS.md (a response is a touch that is not automated and is an outbound e-mail or call, or any meeting, at or
// after the lead's creation and not after asOf; archived leads are removed first; months in the portal's zone).
import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { ADOPTION_EFFECT, type GeneratedPortal, type MalformedValue, PORTAL_TIME_ZONE } from './generate.ts';
import { OBJECT_TYPES, type ObjectType } from './objects.ts';
import type { CrmRecord, PortalStore } from './store.ts';

export interface ResponseSummary {
  /** [from, to) of lead creation, ISO. */
  window: [string, string];
  leads: number;
  responded: number;
  medianMinutes: number | null;
}

export interface GroundTruth {
  seed: number;
  asOf: string;
  portalId: number;
  timeZone: string;
  currency: string;
  historyStart: string;
  adoptionDate: string;
  adoptionAt: string;
  /** SHA-256 of every generated record, property and association, in a fixed order. */
  dataHash: string;
  counts: Record<ObjectType, number> & { owners: number; archivedContacts: number };
  /** Which engagements count as automated: hs_engagement_source is one of these. */
  automatedSources: string[];
  malformed: MalformedValue[];
  mess: GeneratedPortal['mess'];
  demo: GeneratedPortal['demo'];
  leadsPerMonth: { month: string; leads: number }[];
  wonRevenuePerMonth: { month: string; revenue: number; deals: number }[];
  response: { before: ResponseSummary; after: ResponseSummary };
  /** Share of the cohort that became customers (a won deal as primary lead, or a customer stage date). */
  conversion: {
    before: { leads: number; won: number; rate: number | null };
    after: { leads: number; won: number; rate: number | null };
  };
  adoptionEffect: typeof ADOPTION_EFFECT;
}

export const AUTOMATED_SOURCES = ['SEQUENCES', 'AUTOMATION_PLATFORM'];

/** Month keys "YYYY-MM" by binary search over precomputed local month starts (Intl per record is too slow). */
class MonthIndex {
  private readonly starts: number[] = [];
  private readonly keys: string[] = [];
  constructor(from: number, to: number) {
    const first = new TZDate(from, PORTAL_TIME_ZONE);
    let year = first.getFullYear();
    let month = first.getMonth();
    for (;;) {
      const start = new TZDate(year, month, 1, PORTAL_TIME_ZONE).getTime();
      if (start > to) break;
      this.starts.push(start);
      this.keys.push(`${year}-${String(month + 1).padStart(2, '0')}`);
      month++;
      if (month === 12) {
        month = 0;
        year++;
      }
    }
  }
  keyOf(at: number): string | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    if (hi < 0 || at < (this.starts[0] ?? 0)) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return this.keys[lo];
  }
  allKeys(): string[] {
    return [...this.keys];
  }
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  // An even count takes the mean of the two middle values.
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function isResponse(type: ObjectType, touch: CrmRecord): boolean {
  if (AUTOMATED_SOURCES.includes(touch.props.hs_engagement_source ?? '')) return false;
  if (type === 'meetings') return true;
  if (type === 'emails') return touch.props.hs_email_direction === 'EMAIL';
  if (type === 'calls') return touch.props.hs_call_direction === 'OUTBOUND';
  return false;
}

/** Minutes from a lead's creation to its first response at or before asOf, or null. */
export function responseMinutes(store: PortalStore, lead: CrmRecord, asOf: number): number | null {
  let first = Number.POSITIVE_INFINITY;
  for (const type of ['emails', 'calls', 'meetings'] as const) {
    for (const touchId of store.associatedIds('contacts', lead.id, type)) {
      const touch = store.get(type, touchId);
      if (!touch || !isResponse(type, touch)) continue;
      const at = Date.parse(touch.props.hs_timestamp ?? '');
      if (at >= lead.createdAt && at <= asOf && at < first) first = at;
    }
  }
  return Number.isFinite(first) ? (first - lead.createdAt) / 60_000 : null;
}

export function hashStore(store: PortalStore): string {
  const hash = createHash('sha256');
  for (const type of OBJECT_TYPES) {
    for (const record of store.list(type)) {
      hash.update(JSON.stringify([type, record.id, record.createdAt, record.updatedAt, record.archived, record.props]));
      hash.update('\n');
    }
  }
  const keys = [...store.associations.keys()].sort();
  for (const key of keys) {
    const map = store.associations.get(key);
    if (!map) continue;
    const fromIds = [...map.keys()].sort((a, b) => a - b);
    for (const fromId of fromIds) hash.update(`${key}:${fromId}:${(map.get(fromId) ?? []).join(',')}\n`);
  }
  hash.update(JSON.stringify([store.owners, store.pipelines, store.account]));
  return hash.digest('hex');
}

export function computeGroundTruth(generated: GeneratedPortal, seed: number): GroundTruth {
  const { store, asOf, adoptionAt, historyStart } = generated;
  const months = new MonthIndex(historyStart, asOf);
  const leadsPerMonth = new Map<string, number>(months.allKeys().map((key) => [key, 0]));
  const revenuePerMonth = new Map<string, { revenue: number; deals: number }>(
    months.allKeys().map((key) => [key, { revenue: 0, deals: 0 }]),
  );
  const before: number[] = [];
  const after: number[] = [];
  let beforeLeads = 0;
  let afterLeads = 0;
  const live = store.list('contacts').filter((lead) => !lead.archived && lead.createdAt <= asOf);
  const liveIds = new Set(live.map((lead) => lead.id));
  const wonLeadIds = new Set<number>();
  for (const deal of store.list('deals')) {
    if (deal.archived || deal.props.hs_is_closed_won !== 'true') continue;
    const closeAt = Date.parse(deal.props.closedate ?? '');
    if (!(closeAt <= asOf)) continue;
    // METRICS: a missing amount counts 0; a malformed one ("abc") is not a number either, so also 0.
    const amount = Number(deal.props.amount_in_home_currency ?? deal.props.amount ?? 0);
    const key = months.keyOf(closeAt);
    const bucket = key === undefined ? undefined : revenuePerMonth.get(key);
    if (bucket) {
      bucket.revenue += Number.isFinite(amount) ? amount : 0;
      bucket.deals++;
    }
    const primary = store.associatedIds('deals', deal.id, 'contacts').find((id) => liveIds.has(id));
    if (primary !== undefined) wonLeadIds.add(primary);
  }
  let beforeWon = 0;
  let afterWon = 0;
  for (const lead of live) {
    const key = months.keyOf(lead.createdAt);
    if (key !== undefined) leadsPerMonth.set(key, (leadsPerMonth.get(key) ?? 0) + 1);
    const minutes = responseMinutes(store, lead, asOf);
    const won = wonLeadIds.has(lead.id) || Boolean(lead.props.hs_lifecyclestage_customer_date);
    if (lead.createdAt < adoptionAt) {
      beforeLeads++;
      if (won) beforeWon++;
      if (minutes !== null) before.push(minutes);
    } else {
      afterLeads++;
      if (won) afterWon++;
      if (minutes !== null) after.push(minutes);
    }
  }
  const counts = Object.fromEntries(
    OBJECT_TYPES.map((type) => [type, store.list(type).filter((record) => !record.archived).length]),
  ) as Record<ObjectType, number>;
  const isoOf = (ms: number) => new Date(ms).toISOString();
  return {
    seed,
    asOf: isoOf(asOf),
    portalId: store.account.portalId,
    timeZone: store.account.timeZone,
    currency: store.account.companyCurrency,
    historyStart: isoOf(historyStart),
    adoptionDate: generated.adoptionDate,
    adoptionAt: isoOf(adoptionAt),
    dataHash: hashStore(store),
    counts: {
      ...counts,
      owners: store.owners.length,
      archivedContacts: store.list('contacts').filter((record) => record.archived).length,
    },
    automatedSources: AUTOMATED_SOURCES,
    malformed: generated.malformed,
    mess: generated.mess,
    demo: generated.demo,
    leadsPerMonth: [...leadsPerMonth].map(([month, leads]) => ({ month, leads })),
    wonRevenuePerMonth: [...revenuePerMonth].map(([month, value]) => ({
      month,
      revenue: Math.round(value.revenue * 100) / 100,
      deals: value.deals,
    })),
    response: {
      before: {
        window: [isoOf(historyStart), isoOf(adoptionAt)],
        leads: beforeLeads,
        responded: before.length,
        medianMinutes: median(before),
      },
      after: {
        window: [isoOf(adoptionAt), isoOf(asOf + 1)],
        leads: afterLeads,
        responded: after.length,
        medianMinutes: median(after),
      },
    },
    conversion: {
      before: { leads: beforeLeads, won: beforeWon, rate: beforeLeads ? beforeWon / beforeLeads : null },
      after: { leads: afterLeads, won: afterWon, rate: afterLeads ? afterWon / afterLeads : null },
    },
    adoptionEffect: ADOPTION_EFFECT,
  };
}
