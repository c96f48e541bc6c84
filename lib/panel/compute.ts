import { readSnapshot } from '../db/analytics';
import type { LeadLensDb } from '../db/db';
import { type PreparedReport, prepareReport, releasePreparedReport } from '../metrics/prepare';
import type { MetricSettings } from '../model/settings';
import type { Snapshot } from '../model/snapshot';
import { type CacheState, readCacheState } from './cache-state';
import { type DrilldownList, type DrilldownRequest, drilldownList } from './drilldown';
import {
  applyFilters,
  defaultFilters,
  type FilterChoices,
  filterChoices,
  isUnfiltered,
  type PanelFilters,
} from './filters';
import { settingsHash, viewKey, writeStoredView } from './view-cache';
import {
  buildPanelView,
  leadsMissingFields,
  type MissingFieldsRow,
  type PanelView,
  type PortalRoi,
  portalRoi,
} from './view-model';

// The worker's state: the decoded analytics store (kept while its sequence number holds) and a few prepared reports
// by (filters, settings), so a filter change re-runs only what it must: a period change reuses the prepared report,
// a source or owner change prepares a smaller snapshot. ROI is always the unfiltered report's (see `portalRoi`),
// computed once per (asOf, settings) and reused by every filter.

interface Loaded {
  seq: number;
  snapshot: Snapshot;
  choices: FilterChoices;
}

interface Prepared {
  snapshot: Snapshot;
  prepared: PreparedReport;
  /** Set on the unfiltered entry once a view needed it. */
  roi?: PortalRoi;
}

const PREPARED_KEPT = 4;

export class PanelComputer {
  private loaded: Loaded | undefined;
  private loading: Promise<Loaded> | undefined;
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly db: LeadLensDb) {}

  private async load(state: CacheState): Promise<Loaded> {
    if (this.loaded?.seq === state.seq) return this.loaded;
    // One read at a time: requests that arrive while the store is being read share it.
    this.loading ??= readSnapshot(this.db)
      .then((snapshot) => {
        this.prepared.clear();
        this.loaded = { seq: state.seq, snapshot, choices: filterChoices(snapshot) };
        return this.loaded;
      })
      .finally(() => {
        this.loading = undefined;
      });
    const loaded = await this.loading;
    // The sync may have written while we read; the next request reads again.
    return loaded;
  }

  private preparedFor(loaded: Loaded, settings: MetricSettings, filters: PanelFilters, asOf: number): Prepared {
    const key = JSON.stringify([asOf, settingsHash(settings), filters.pipelineId, filters.source, filters.ownerId]);
    const found = this.prepared.get(key);
    if (found) {
      // Most recently used last, so the oldest is the one dropped.
      this.prepared.delete(key);
      this.prepared.set(key, found);
      return found;
    }
    const snapshot = applyFilters(loaded.snapshot, filters);
    const entry = { snapshot, prepared: prepareReport(snapshot, settings, asOf) };
    this.prepared.set(key, entry);
    while (this.prepared.size > PREPARED_KEPT) {
      const oldest = this.prepared.keys().next().value;
      if (oldest === undefined) break;
      const dropped = this.prepared.get(oldest);
      this.prepared.delete(oldest);
      // Nothing reads a dropped index again: the next one reuses its columns.
      if (dropped) releasePreparedReport(dropped.prepared);
    }
    return entry;
  }

  /** The panel's view for these settings and filters; null while there is no data (no sync has finished). */
  async compute(
    settings: MetricSettings,
    filters: PanelFilters,
  ): Promise<{ view: PanelView | null; key: string | null }> {
    const state = await readCacheState(this.db);
    if (state.asOf === null) return { view: null, key: null };
    const loaded = await this.load(state);
    // The whole portal's entry first: the filtered one is then the most recently used, so it is not the one dropped.
    const whole = this.preparedFor(loaded, settings, defaultFilters, state.asOf);
    whole.roi ??= portalRoi(whole.prepared);
    const { snapshot, prepared } = this.preparedFor(loaded, settings, filters, state.asOf);
    const view = buildPanelView({
      prepared,
      snapshot,
      choices: loaded.choices,
      period: filters.period,
      portal: state.portal,
      wholePortal: whole.roi,
    });
    const key = viewKey(loaded.seq, state.asOf, settings);
    if (isUnfiltered(filters) && filters.period === defaultFilters.period) {
      await writeStoredView(this.db, { key, view });
    }
    return { view, key };
  }

  async warm(settings: MetricSettings): Promise<void> {
    const state = await readCacheState(this.db);
    if (state.asOf === null) return;
    this.preparedFor(await this.load(state), settings, defaultFilters, state.asOf);
  }

  async missingFields(settings: MetricSettings, filters: PanelFilters): Promise<MissingFieldsRow[]> {
    const state = await readCacheState(this.db);
    if (state.asOf === null) return [];
    const { snapshot } = this.preparedFor(await this.load(state), settings, filters, state.asOf);
    return leadsMissingFields(snapshot, state.asOf).rows;
  }

  /** The records behind one figure, read from the index these filters' view was computed from. */
  async drilldown(
    settings: MetricSettings,
    filters: PanelFilters,
    request: DrilldownRequest,
  ): Promise<DrilldownList | null> {
    const state = await readCacheState(this.db);
    if (state.asOf === null) return null;
    const { snapshot, prepared } = this.preparedFor(await this.load(state), settings, filters, state.asOf);
    return drilldownList(prepared, snapshot, request);
  }

  /** Forgets what was read, e.g. after an import replaced the store. */
  reset(): void {
    this.loaded = undefined;
    this.prepared.clear();
  }
}
