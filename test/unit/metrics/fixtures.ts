// Small hand-built snapshots: every test spells out only what matters to it.
import { type MetricSettingsInput, metricSettings } from '../../../lib/model/settings.ts';
import type { Deal, Feedback, Lead, Snapshot, Touch } from '../../../lib/model/snapshot.ts';

/** ms since epoch of an ISO instant; throws on a typo so a test cannot silently use NaN. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant in test: ${iso}`);
  return ms;
}

export const minute = 60_000;
export const hour = 3_600_000;
export const day = 86_400_000;

export function lead(id: string, createdAt: string, extra: Partial<Lead> = {}): Lead {
  return {
    id,
    email: `${id}@example.com`,
    name: id,
    ownerId: 'o1',
    createdAt: at(createdAt),
    lifecycleStage: 'lead',
    stageDates: {},
    source: 'organic_search',
    updatedAt: at(createdAt),
    archived: false,
    ...extra,
  };
}

export function deal(id: string, leadIds: string[], createdAt: string, extra: Partial<Deal> = {}): Deal {
  return {
    id,
    amount: 0,
    pipelineId: 'p',
    stageId: 'open',
    createdAt: at(createdAt),
    isClosed: false,
    isWon: false,
    leadIds,
    ...extra,
  };
}

/** A won deal closed at `closeDate`. */
export function won(id: string, leadIds: string[], createdAt: string, closeDate: string, amount: number): Deal {
  return deal(id, leadIds, createdAt, {
    amount,
    stageId: 'won',
    closeDate: at(closeDate),
    isClosed: true,
    isWon: true,
  });
}

export function touch(id: string, leadIds: string[], when: string, extra: Partial<Touch> = {}): Touch {
  return { id, kind: 'email', direction: 'out', at: at(when), leadIds, automated: false, ...extra };
}

export function feedback(id: string, when: string, kind: Feedback['kind'], score: number): Feedback {
  return { id, at: at(when), kind, score };
}

export function snapshot(parts: Partial<Snapshot>): Snapshot {
  return {
    owners: [],
    stages: [
      { pipelineId: 'p', stageId: 'open', label: 'Open', order: 0, probability: 0.5, isClosed: false, isWon: false },
      { pipelineId: 'p', stageId: 'won', label: 'Won', order: 1, probability: 1, isClosed: true, isWon: true },
      { pipelineId: 'p', stageId: 'lost', label: 'Lost', order: 2, probability: 0, isClosed: true, isWon: false },
    ],
    leads: [],
    deals: [],
    touches: [],
    feedback: [],
    ...parts,
  };
}

export function settings(overrides: MetricSettingsInput = {}) {
  return metricSettings(overrides);
}
