import type { LeadLensDb } from '../db/db';
import { META } from '../sync/runner';
import type { PortalModel } from './view-model';

// What the panel reads of the cache's metadata to decide what to show: the analytics store's sequence number (it
// grows with every chunk the sync writes, so a change means new data), the instant the data is complete up to, the
// portal, and whether the data came from an imported snapshot file instead of a sync.

/** Written by `lib/db/analytics.ts` (`nextSeqs`); read here, never written. */
export const ANALYTICS_SEQ_KEY = 'analytics.seq';
/** The panel's own metadata rows; they live in the cache database so "forget all data" removes them too. */
export const IMPORT_KEY = 'panel.import';
export const VIEW_KEY = 'panel.view';

export interface ImportedSnapshot {
  asOf: number;
  exportedAt: number;
  importedAt: number;
  portal: PortalModel;
}

export interface CacheState {
  seq: number;
  /** Data is complete up to here; null before the first sync ends (and nothing imported). */
  asOf: number | null;
  origin: 'sync' | 'import' | 'none';
  portal: PortalModel;
}

interface StoredPortal {
  portalId?: number | string;
  uiDomain?: string;
  timeZone?: string;
  currency?: string;
}

function portalModel(stored: StoredPortal | undefined): PortalModel {
  if (!stored) return {};
  return {
    ...(stored.portalId !== undefined ? { portalId: String(stored.portalId) } : {}),
    ...(stored.uiDomain ? { uiDomain: stored.uiDomain } : {}),
    ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
    ...(stored.currency ? { currency: stored.currency } : {}),
  };
}

export async function readCacheState(db: LeadLensDb): Promise<CacheState> {
  const rows = await db.meta.bulkGet([ANALYTICS_SEQ_KEY, META.asOf, META.portal, IMPORT_KEY]);
  const [seqRow, asOfRow, portalRow, importRow] = rows;
  const seq = typeof seqRow?.value === 'number' ? seqRow.value : 0;
  const syncAsOf = typeof asOfRow?.value === 'number' ? asOfRow.value : null;
  const imported = importRow?.value as ImportedSnapshot | undefined;
  if (syncAsOf !== null)
    return { seq, asOf: syncAsOf, origin: 'sync', portal: portalModel(portalRow?.value as StoredPortal) };
  if (imported) return { seq, asOf: imported.asOf, origin: 'import', portal: imported.portal };
  return { seq, asOf: null, origin: 'none', portal: portalModel(portalRow?.value as StoredPortal) };
}
