import type { MetricSettings } from '../model/settings';
import type { Portal } from '../model/snapshot-file';
import type { DrilldownList, DrilldownRequest } from './drilldown';
import type { PanelFilters } from './filters';
import type { MissingFieldsRow, PanelView } from './view-model';

// Messages between the panel page and its computation worker. Every request carries an id; the reply carries it back.

export type WorkerRequest =
  | { type: 'compute'; id: number; settings: MetricSettings; filters: PanelFilters }
  /** Loads and prepares the unfiltered data ahead of the first filter change, replying with nothing to draw. */
  | { type: 'warm'; id: number; settings: MetricSettings }
  | { type: 'exportSnapshot'; id: number; settings: MetricSettings; currency?: string }
  | { type: 'importSnapshot'; id: number; text: string }
  | { type: 'missingFields'; id: number; settings: MetricSettings; filters: PanelFilters }
  /** The records behind one figure, from the prepared index of these filters. */
  | { type: 'drilldown'; id: number; settings: MetricSettings; filters: PanelFilters; request: DrilldownRequest };

export type WorkerReply =
  | { type: 'view'; id: number; view: PanelView | null; key: string | null; ms: number }
  | { type: 'warmed'; id: number }
  | { type: 'exported'; id: number; text: string }
  | { type: 'imported'; id: number; settings: MetricSettings; portal: Portal; leads: number }
  | { type: 'missingFields'; id: number; rows: MissingFieldsRow[] }
  | { type: 'drilldown'; id: number; list: DrilldownList | null; ms: number }
  | { type: 'error'; id: number; message: string };
