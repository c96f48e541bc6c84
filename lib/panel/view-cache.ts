import type { LeadLensDb } from '../db/db';
import type { MetricSettings } from '../model/settings';
import { VIEW_KEY } from './cache-state';
import type { PanelView } from './view-model';

// The last computed dashboard, kept beside the data it was computed from. Opening the panel shows it at once when
// its key still matches (same analytics sequence, asOf and settings): the figures are then exactly what a fresh
// computation would give. A stale one is shown marked "updating" while the worker recomputes.

export interface StoredView {
  key: string;
  view: PanelView;
}

/**
 * The shape of `PanelView` the stored one was written with. Bumped whenever PanelView gains or changes a field: a
 * view stored by an older build is then not shown at all (rendering it could read a field it lacks), only recomputed.
 */
export const STORED_VIEW_VERSION = 3;

/** FNV-1a of the settings' JSON: settings parsed by the same schema serialise in the same key order. */
export function settingsHash(settings: MetricSettings): string {
  const text = JSON.stringify(settings);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

export function viewKey(seq: number, asOf: number, settings: MetricSettings): string {
  return `${seq}|${asOf}|${settingsHash(settings)}`;
}

export async function readStoredView(db: LeadLensDb): Promise<StoredView | undefined> {
  const row = await db.meta.get(VIEW_KEY);
  const value = row?.value as (StoredView & { version?: unknown }) | undefined;
  if (!value || value.version !== STORED_VIEW_VERSION) return undefined;
  return typeof value.key === 'string' && typeof value.view === 'object'
    ? { key: value.key, view: value.view }
    : undefined;
}

export async function writeStoredView(db: LeadLensDb, stored: StoredView): Promise<void> {
  await db.meta.put({ key: VIEW_KEY, value: { ...stored, version: STORED_VIEW_VERSION } });
}
