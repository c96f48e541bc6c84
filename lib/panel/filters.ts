import { isPresent } from '../model/present';
import type { Deal, Lead, Snapshot } from '../model/snapshot';
import { leadColumns, leadSubset } from '../metrics/snapshot-index';
import { effectiveSource, noOwner } from '../metrics/sources';

// The panel's filters narrow the snapshot before the metrics engine sees it, so every figure under a filter keeps
// METRICS.md's definition, only over fewer records. The period is not a snapshot filter: it is the views' window.

export const periodPresets = ['3m', '6m', '12m', '24m', 'sinceAdoption'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export interface PanelFilters {
  period: PeriodPreset;
  /** Deals of this pipeline only. */
  pipelineId: string | null;
  /** Leads of this effective source, and deals whose primary lead is one of them (no lead → `unknown`). */
  source: string | null;
  /** Leads of this owner (`(no owner)` for none); deals of this owner, else their primary lead's. */
  ownerId: string | null;
}

export const defaultFilters: PanelFilters = { period: '24m', pipelineId: null, source: null, ownerId: null };

export function isUnfiltered(filters: PanelFilters): boolean {
  return filters.pipelineId === null && filters.source === null && filters.ownerId === null;
}

function leadOwner(lead: Lead): string {
  return isPresent(lead.ownerId) ? lead.ownerId : noOwner;
}

/** The deal's first lead that is live (not archived), as METRICS.md defines the primary lead. */
function primaryLead(deal: Deal, liveLead: (id: string) => Lead | undefined): Lead | undefined {
  for (const id of deal.leadIds) {
    const lead = liveLead(id);
    if (lead !== undefined) return lead;
  }
  return undefined;
}

/**
 * The snapshot seen through the filters. Owners, stages and lifecycle stages are kept whole (they are lookup tables);
 * touches and feedback follow the leads they name, so a rep's response figures are over that rep's leads.
 */
export function applyFilters(snapshot: Snapshot, filters: PanelFilters): Snapshot {
  if (isUnfiltered(filters)) return snapshot;
  const { source, ownerId, pipelineId } = filters;
  // Ids resolve through the snapshot's own index (built once per snapshot, shared with the metrics engine) rather
  // than maps built again on every filter change.
  const { rank, positionOfRank } = leadColumns(snapshot.leads);
  const liveLead = (id: string): Lead | undefined => {
    const at = rank.get(id);
    const lead = at === undefined ? undefined : snapshot.leads[positionOfRank[at] as number];
    return lead === undefined || lead.archived ? undefined : lead;
  };
  const leadFiltered = source !== null || ownerId !== null;
  const keepLead = (lead: Lead) =>
    (source === null || effectiveSource(lead) === source) && (ownerId === null || leadOwner(lead) === ownerId);

  const deals = snapshot.deals.filter((deal) => {
    if (pipelineId !== null && deal.pipelineId !== pipelineId) return false;
    if (!leadFiltered) return true;
    const primary = primaryLead(deal, liveLead);
    if (source !== null && (primary ? effectiveSource(primary) : 'unknown') !== source) return false;
    if (ownerId !== null) {
      const owner = isPresent(deal.ownerId) ? deal.ownerId : primary ? leadOwner(primary) : noOwner;
      if (owner !== ownerId) return false;
    }
    return true;
  });

  if (!leadFiltered) return { ...snapshot, deals };
  const { leads, touches, has } = leadSubset(snapshot, keepLead);
  const feedback = snapshot.feedback.filter((entry) => entry.leadId !== undefined && has(entry.leadId));
  return { ...snapshot, leads, deals, touches, feedback };
}

export interface PipelineChoice {
  id: string;
  /** The pipeline's name where the stage rows carry it (synced from HubSpot), else its id. */
  label: string;
  /** Its stages' labels in the portal's order, so a manager can tell one numeric id from another. */
  stages: string[];
}

/** The values a filter can take, from the whole (unfiltered) snapshot, sorted for the pickers. */
export interface FilterChoices {
  sources: string[];
  owners: Array<{ id: string; name: string }>;
  pipelines: PipelineChoice[];
}

/**
 * Every pipeline of the stages and deals, named by the stage rows' `pipelineLabel` when a sync recorded it (older
 * snapshots have ids only) and described by its stages; a deal in a pipeline the stages do not list has no stages.
 */
export function pipelineChoices(snapshot: Pick<Snapshot, 'stages' | 'deals'>): PipelineChoice[] {
  const stagesOf = new Map<string, Array<{ label: string; order: number }>>();
  const nameOf = new Map<string, string>();
  for (const stage of snapshot.stages) {
    if (isPresent(stage.pipelineLabel)) nameOf.set(stage.pipelineId, stage.pipelineLabel);
    const list = stagesOf.get(stage.pipelineId) ?? [];
    if (isPresent(stage.label)) list.push({ label: stage.label, order: stage.order });
    stagesOf.set(stage.pipelineId, list);
  }
  for (const deal of snapshot.deals) if (!stagesOf.has(deal.pipelineId)) stagesOf.set(deal.pipelineId, []);
  return [...stagesOf.entries()]
    .filter(([id]) => id !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, stages]) => ({
      id,
      label: nameOf.get(id) ?? id,
      stages: stages.sort((a, b) => a.order - b.order).map((stage) => stage.label),
    }));
}

export function filterChoices(snapshot: Snapshot): FilterChoices {
  const sources = new Set<string>();
  const ownerIds = new Set<string>();
  for (const lead of snapshot.leads) {
    if (lead.archived) continue;
    sources.add(effectiveSource(lead));
    ownerIds.add(leadOwner(lead));
  }
  const names = new Map(snapshot.owners.map((owner) => [owner.id, owner.name || owner.email || owner.id]));
  return {
    sources: [...sources].sort(),
    owners: [...ownerIds].map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name)),
    pipelines: pipelineChoices(snapshot),
  };
}
