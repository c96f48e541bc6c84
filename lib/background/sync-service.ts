import { browser } from 'wxt/browser';
import { CrmAuthError, CrmHttpError, CrmScopeError } from '../crm/errors';
import { CACHE_DATA_VERSION, DATA_VERSION_KEY, database } from '../db/db';
import { getMeta, isStorageFull, setMeta } from '../db/store';
import { DailyLimitReached } from '../crm/limiter';
import type { Handlers } from '../messaging/server';
import { withSyncLock } from '../sync/lock';
import { nextMidnight } from '../crm/retry';
import { dueWork, rereadDue, SCHEDULE, type Work } from '../sync/plan';
import { type CurrentJob, currentJob, META, runSync } from '../sync/runner';
import type { RefusedPart, SyncError, SyncPause, SyncProgress, SyncStatus } from '../sync/status';
import { type Connection, adapterFor, limiter, storedConnection } from './connection';
import { leadIndexAfterSync, refreshLeadContextCache } from './lead-context';
import { saveLimiterShare } from './limiter-share';
import { loadSyncSettings } from '../settings/sync-settings';
import { loadTeamSettings } from '../settings/team-settings';
import { type CacheScope, cacheScopeOf, scopeChanged } from '../sync/cache-scope';
import { WORK_TAB_PATTERNS } from './work-tabs';
import type { WorkerState } from './worker-state';

// The scheduler: an alarm every minute asks the plan what is due (SCHEDULE in lib/sync/plan.ts) and runs it under
// the sync lock. The worker may be stopped at any moment; the next alarm, message or start-up resumes the job from
// its checkpoints.

export const SYNC_ALARM = 'leadlens-sync';
const LOCK = 'leadlens-sync';
const ERROR_KEY = 'sync.error';
const BLOCKED_KEY = 'sync.blockedUntil';
/** A StoredPause: the sync waits for a replaced token. */
const PAUSED_KEY = 'sync.paused';
/** Set when a replaced token may bring back parts refused for a scope: the next tick runs a full re-sync. */
const FULL_DUE_KEY = 'sync.fullDue';

/**
 * The pause names the connection it was made for (its `connectedAt`): a new connect or replaced token makes a new
 * connection, which the pause does not hold back even if `resumeAfterTokenReplaced` was not called.
 */
interface StoredPause extends SyncPause {
  connectedAt: number;
}

export const TOKEN_REFUSED_MESSAGE = 'HubSpot refused the token (401): replace the token in Options';
export const STORAGE_FULL_MESSAGE =
  "The browser's storage for LeadLens is full: free space in the browser or shorten the engagement history in Options, then sync again";

let progress: SyncProgress | undefined;
let running = false;
let stopping: AbortController | undefined;
let finished: Promise<void> = Promise.resolve();

/** Stops the running sync (before "Disconnect and forget all data") and resolves once it has let go. */
export async function stopSync(): Promise<void> {
  stopping?.abort(new Error('sync stopped'));
  await finished.catch(() => undefined);
}

export function isSyncRunning(): boolean {
  return running;
}

export function ensureAlarm(): void {
  void browser.alarms.get(SYNC_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SCHEDULE.tickMinutes, delayInMinutes: 0.1 });
  });
}

async function workTabVisible(): Promise<boolean> {
  try {
    const tabs = await browser.tabs.query({ active: true, url: WORK_TAB_PATTERNS });
    return tabs.length > 0;
  } catch {
    return false;
  }
}

function classify(error: unknown, timeZone: string): SyncError {
  const at = Date.now();
  if (error instanceof CrmAuthError) return { kind: 'reconnect', message: TOKEN_REFUSED_MESSAGE, at };
  if (error instanceof CrmScopeError) return { kind: 'missingScope', message: error.message, scopes: error.scopes, at };
  if (error instanceof DailyLimitReached)
    return { kind: 'dailyLimit', message: error.message, until: error.until ?? nextMidnight(at, timeZone), at };
  if (isStorageFull(error)) return { kind: 'quota', message: STORAGE_FULL_MESSAGE, at };
  if (error instanceof CrmHttpError) return { kind: 'network', message: error.message, at };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error), at };
}

/** The pause that holds this connection back, if any. */
async function pauseFor(connection: Pick<Connection, 'connectedAt'>): Promise<StoredPause | undefined> {
  const pause = await getMeta<StoredPause>(database(), PAUSED_KEY);
  return pause && pause.connectedAt === connection.connectedAt ? pause : undefined;
}

/**
 * For the lead's `replaceToken` path (connection.ts → background.ts), after the new token for the same portal has
 * been verified and stored, before the sync that follows it: lifts the pause a 401 put on the sync and clears its
 * error, so the next tick calls HubSpot again; the cache and the checkpoints are kept, so an interrupted job resumes.
 * When parts were turned off for a missing scope, the new token may carry the scope: the next tick runs a full
 * re-sync to bring them back (built beside the cache, which stays readable meanwhile). Safe to call at any time.
 */
export async function resumeAfterTokenReplaced(): Promise<void> {
  const db = database();
  await db.transaction('rw', db.meta, async () => {
    const [pause, error, refused] = await Promise.all([
      getMeta<StoredPause>(db, PAUSED_KEY),
      getMeta<SyncError>(db, ERROR_KEY),
      getMeta<RefusedPart[]>(db, META.refused),
    ]);
    if (pause) await db.meta.delete(PAUSED_KEY);
    if (error?.kind === 'reconnect' || error?.kind === 'missingScope') await db.meta.delete(ERROR_KEY);
    if ((refused ?? []).length > 0) await setMeta(db, FULL_DUE_KEY, true);
  });
}

/** Runs `work` now if no other sync runs; resolves when it ends (or at once when the lock is taken). */
export async function runWork(work: Exclude<Work, null>, asked = false): Promise<void> {
  const connection = await storedConnection();
  if (!connection) return;
  // HubSpot refused this token: every call would be refused again until the user replaces it.
  if (await pauseFor(connection)) return;
  // The daily allowance resets at midnight in the account's zone; the limiter outlives any one adapter.
  limiter.setTimeZone(connection.portal.timeZone);
  const settings = await loadSyncSettings();
  const cacheScope = await currentCacheScope(connection.portal.timeZone);
  const db = database();
  await withSyncLock(LOCK, async () => {
    running = true;
    const controller = new AbortController();
    stopping = controller;
    let markFinished: () => void = () => undefined;
    finished = new Promise((resolve) => {
      markFinished = resolve;
    });
    // Chrome stops a worker that has handled no extension event for 30 s, even mid-fetch; an API call every 20 s
    // keeps a running sync alive. If the worker is stopped anyway, the checkpoints make that harmless.
    // The same tick saves what the limiter learned, so a worker stopped mid-sync passes on most of it.
    const keepAlive = setInterval(() => {
      void browser.runtime.getPlatformInfo();
      void saveLimiterShare(limiter);
    }, 20_000);
    try {
      const crm = adapterFor(connection, settings.automation, controller.signal);
      await runSync(work, {
        db,
        crm,
        signal: controller.signal,
        engagementMonths: settings.engagementMonths,
        cacheScope,
        // "Sync now" searches every type; the schedule's syncs leave a rep's slower types to their own interval.
        everyType: asked,
        onProgress: (next) => {
          progress = next;
        },
      });
      await db.meta.bulkDelete([ERROR_KEY, ...(work === 'full' ? [FULL_DUE_KEY] : [])]);
    } catch (error) {
      // A sync stopped on purpose (disconnect) leaves no error behind: there is nothing left to report it on.
      if (!controller.signal.aborted) {
        const failure = classify(error, connection.portal.timeZone);
        await setMeta(db, ERROR_KEY, failure);
        if (failure.until !== undefined) await setMeta(db, BLOCKED_KEY, failure.until);
        if (failure.kind === 'reconnect') {
          const pause: StoredPause = {
            reason: 'tokenRefused',
            message: TOKEN_REFUSED_MESSAGE,
            at: failure.at,
            connectedAt: connection.connectedAt,
          };
          await setMeta(db, PAUSED_KEY, pause);
        }
      }
    } finally {
      markFinished();
      stopping = undefined;
      refreshLeadContextCache();
      clearInterval(keepAlive);
      await saveLimiterShare(limiter, true);
      running = false;
      progress = undefined;
      leadIndexAfterSync();
    }
  });
}

/** What the schedule says now, and doing it (the alarm handler, start-up and "Sync now" all come here). */
export async function tick(force?: 'syncNow' | 'fullSync'): Promise<void> {
  const connection = await storedConnection();
  if (!connection || running) return;
  // Paused for a refused token: not even "Sync now" asks HubSpot (it would be refused); replacing the token resumes.
  if (await pauseFor(connection)) return;
  const db = database();
  const [
    job,
    fullDone,
    dataVersion,
    lastIncrementalAt,
    lastReconcileAt,
    blockedUntil,
    fullDue,
    visible,
    filledIn,
    scope,
  ] = await Promise.all([
    currentJob(db),
    getMeta<boolean>(db, META.fullDone),
    getMeta<number>(db, DATA_VERSION_KEY),
    getMeta<number>(db, META.lastIncrementalAt),
    getMeta<number>(db, META.lastReconcileAt),
    getMeta<number>(db, BLOCKED_KEY),
    getMeta<boolean>(db, FULL_DUE_KEY),
    workTabVisible(),
    getMeta<string>(db, META.cacheScope),
    currentCacheScope(connection.portal.timeZone),
  ]);
  let work = dueWork({
    now: Date.now(),
    connected: true,
    fullDone: fullDone === true,
    interrupted: job !== undefined,
    rereadDue: rereadDue(fullDone === true, dataVersion, CACHE_DATA_VERSION),
    ...(lastIncrementalAt !== undefined ? { lastIncrementalAt } : {}),
    ...(lastReconcileAt !== undefined ? { lastReconcileAt } : {}),
    workTabVisible: visible,
    ...(blockedUntil !== undefined ? { blockedUntil } : {}),
  });
  if (force === 'syncNow' && work === null && !(blockedUntil !== undefined && Date.now() < blockedUntil))
    work = fullDone ? 'incremental' : 'full';
  if (force === 'fullSync' && !(blockedUntil !== undefined && Date.now() < blockedUntil)) work = 'full';
  // After a replaced token, parts refused for a scope are tried again by a full re-sync (an interrupted job first).
  if (fullDue === true && work !== null && work !== 'resume') work = 'full';
  // The cache scope changed (a rep became a manager, or the reverse): the cache is filled again in the new one.
  const blocked = blockedUntil !== undefined && Date.now() < blockedUntil;
  if (fullDone === true && work !== 'resume' && !blocked && scopeChanged(filledIn, scope)) work = 'full';
  // Storage full: each attempt would read pages from HubSpot only to be refused by the browser again. The alarm waits
  // for the user, whose "Sync now" (after freeing space) tries again.
  if (force === undefined && (await lastSyncError())?.kind === 'quota') return;
  if (work) await runWork(work, force === 'syncNow');
}

/** Whose leads the sync keeps: the team setting (a policy can force it) with my owner. */
async function currentCacheScope(timeZone: string): Promise<CacheScope> {
  const { settings } = await loadTeamSettings(timeZone);
  return cacheScopeOf(settings.cacheScope, settings.myOwnerId);
}

/** The last sync's failure, if it failed: one read, for callers that need no more of the status. */
export function lastSyncError(): Promise<SyncError | undefined> {
  return getMeta<SyncError>(database(), ERROR_KEY);
}

export async function syncStatus(): Promise<SyncStatus> {
  const db = database();
  // One read transaction: every page write holds `meta`, so each separate read would queue between two of them, and
  // the options page and the popup ask every second while a sync runs.
  const keys = [
    META.fullDone,
    META.lastSuccessAt,
    META.asOf,
    META.lastIncrementalAt,
    META.lastReconcileAt,
    ERROR_KEY,
    META.job,
    PAUSED_KEY,
    META.refused,
  ] as const;
  const [rows, skipped] = await db.transaction('r', [db.meta, db.skipped], () =>
    Promise.all([db.meta.bulkGet([...keys]), db.skipped.toArray()]),
  );
  const value = <T>(key: (typeof keys)[number]) => rows[keys.indexOf(key)]?.value as T | undefined;
  const fullDone = value<boolean>(META.fullDone);
  const lastSuccessAt = value<number>(META.lastSuccessAt);
  const asOf = value<number>(META.asOf);
  const lastIncrementalAt = value<number>(META.lastIncrementalAt);
  const lastReconcileAt = value<number>(META.lastReconcileAt);
  const error = value<SyncError>(ERROR_KEY);
  const job = value<CurrentJob>(META.job);
  const stored = value<StoredPause>(PAUSED_KEY);
  const refused = value<RefusedPart[]>(META.refused) ?? [];
  const connection = stored ? await storedConnection() : undefined;
  const paused =
    stored && connection?.connectedAt === stored.connectedAt
      ? { reason: stored.reason, message: stored.message, at: stored.at }
      : undefined;
  const notKept = skipped.filter((entry) => !entry.kept);
  return {
    running,
    ...(progress
      ? { progress }
      : job
        ? { progress: { job: job.job, phase: 'records', done: 0, rate: 0, startedAt: job.startedAt } }
        : {}),
    fullDone: fullDone === true,
    ...(lastSuccessAt !== undefined ? { lastSuccessAt } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    ...(lastIncrementalAt !== undefined ? { lastIncrementalAt } : {}),
    ...(lastReconcileAt !== undefined ? { lastReconcileAt } : {}),
    ...(error ? { error } : {}),
    skippedCount: notKept.length,
    keptWithProblemsCount: skipped.length - notKept.length,
    skipped: skipped.slice(0, 200).map(({ type, id, reason, kept }) => ({ type, id, reason, kept })),
    ...(connectionLimiterDaily() !== undefined ? { dailyRemaining: connectionLimiterDaily() } : {}),
    ...(paused ? { paused } : {}),
    ...(refused.length > 0 ? { refused } : {}),
    ...(job?.staged ? { rebuilding: true } : {}),
  };
}

function connectionLimiterDaily(): number | undefined {
  return limiter.dailyRemaining;
}

/** The pages' sync messages: the status (read every second while a sync runs) and "Sync now". */
export function syncHandlers(worker: Pick<WorkerState, 'syncAndSignal'>): Pick<Handlers, 'syncStatus' | 'syncNow'> {
  return {
    syncStatus: () => syncStatus(),
    syncNow: async ({ full }) => {
      if (isSyncRunning()) return { started: false };
      void worker.syncAndSignal(full ? 'fullSync' : 'syncNow');
      return { started: true };
    },
  };
}
