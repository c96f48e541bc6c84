import { liveQuery } from 'dexie';
import { useCallback, useEffect, useRef, useState } from 'react';
import { database } from '../../lib/db/db';
import { type CacheState, readCacheState } from '../../lib/panel/cache-state';
import type { PanelFilters } from '../../lib/panel/filters';
import { defaultFilters } from '../../lib/panel/filters';
import { readStoredView, viewKey } from '../../lib/panel/view-cache';
import type { PanelView } from '../../lib/panel/view-model';
import { PanelWorkerClient } from '../../lib/panel/worker-client';
import type { MetricSettings } from '../../lib/model/settings';
import { markCompute } from './perf';

export interface PanelData {
  state?: CacheState;
  view?: PanelView;
  /** The view shown is not yet the one for the current data, settings and filters. */
  stale: boolean;
  /** The filters the shown view was computed with. */
  viewFilters?: PanelFilters;
  error?: string;
  worker?: PanelWorkerClient;
  busy: boolean;
}

function createWorker(): PanelWorkerClient {
  return new PanelWorkerClient(
    new Worker(new URL('../../lib/panel/worker.ts', import.meta.url), { type: 'module', name: 'leadlens-panel' }),
  );
}

/**
 * The panel's data: the cache's state (live, as the sync writes), the last stored dashboard for an instant first
 * paint, and views computed by the worker for the current settings and filters. One computation runs at a time;
 * changes that arrive meanwhile are coalesced into the next one, so a sync writing page after page does not queue
 * a computation per page.
 */
export function usePanelData(settings: MetricSettings | undefined, filters: PanelFilters): PanelData {
  const [state, setState] = useState<CacheState>();
  const [view, setView] = useState<PanelView>();
  const [viewKeyShown, setViewKeyShown] = useState<string>();
  const [viewFilters, setViewFilters] = useState<PanelFilters>();
  const [error, setError] = useState<string>();
  const [worker, setWorker] = useState<PanelWorkerClient>();
  const [storedChecked, setStoredChecked] = useState(false);
  const [warming, setWarming] = useState(false);
  const [computing, setComputing] = useState(false);
  const running = useRef(false);
  const wanted = useRef<{ settings: MetricSettings; filters: PanelFilters; key: string } | undefined>(undefined);

  useEffect(() => {
    const client = createWorker();
    setWorker(client);
    return () => client.terminate();
  }, []);

  // The cache's state, live: Dexie tells every context of the origin when another one writes, and a slow poll
  // covers a browser where that signal does not reach extension pages.
  useEffect(() => {
    const db = database();
    const subscription = liveQuery(() => readCacheState(db)).subscribe({
      next: (next) =>
        setState((previous) =>
          previous && previous.seq === next.seq && previous.asOf === next.asOf && previous.origin === next.origin
            ? previous
            : next,
        ),
      error: (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    });
    const timer = setInterval(() => {
      void readCacheState(db).then((next) =>
        setState((previous) =>
          previous && previous.seq === next.seq && previous.asOf === next.asOf && previous.origin === next.origin
            ? previous
            : next,
        ),
      );
    }, 3000);
    return () => {
      subscription.unsubscribe();
      clearInterval(timer);
    };
  }, []);

  // The stored dashboard, once: shown at once (fresh when its key matches, else marked stale until recomputed).
  const storedRead = useRef(false);
  useEffect(() => {
    if (storedRead.current || !settings || !state || state.asOf === null) return;
    storedRead.current = true;
    void readStoredView(database()).then(
      (stored) => {
        setStoredChecked(true);
        if (!stored) return;
        const key = `${stored.key}|${JSON.stringify(defaultFilters)}`;
        setView((current) => current ?? stored.view);
        setViewKeyShown((current) => current ?? key);
        setViewFilters((current) => current ?? defaultFilters);
      },
      () => setStoredChecked(true),
    );
  }, [settings, state]);

  const run = useCallback(async () => {
    if (!worker || running.current) return;
    running.current = true;
    setComputing(true);
    try {
      while (wanted.current) {
        const request = wanted.current;
        wanted.current = undefined;
        const reply = await worker.request<'view'>({
          type: 'compute',
          settings: request.settings,
          filters: request.filters,
        });
        markCompute(reply.ms);
        // Shown even when newer data is already waiting: marked stale by its key until the next one lands.
        setView(reply.view ?? undefined);
        setViewKeyShown(request.key);
        setViewFilters(request.filters);
        setError(undefined);
      }
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      running.current = false;
      setComputing(false);
    }
  }, [worker]);

  const currentKey =
    settings && state && state.asOf !== null
      ? `${viewKey(state.seq, state.asOf, settings)}|${JSON.stringify(filters)}`
      : undefined;

  useEffect(() => {
    if (!settings || !state || state.asOf === null || !worker || !currentKey || !storedChecked) return;
    if (currentKey === viewKeyShown) {
      // The stored view is current: nothing to draw, but the worker reads the store now so that the first filter
      // change does not wait for it.
      setWarming(true);
      void worker
        .request<'warmed'>({ type: 'warm', settings })
        .catch(() => undefined)
        .finally(() => setWarming(false));
      return;
    }
    wanted.current = { settings, filters, key: currentKey };
    void run();
  }, [currentKey, viewKeyShown, storedChecked, settings, state, filters, worker, run]);

  const stale = view !== undefined && viewKeyShown !== currentKey;
  return { state, view, stale, viewFilters, error, worker, busy: computing || warming || stale };
}
