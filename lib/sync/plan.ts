import type { SearchWindow, SyncedType } from '../crm/adapter';

// Sync planning: pure functions of state and clock. The runner does the I/O; everything that decides *what* to do
// next is here and unit-tested.

/**
 * Records modified just before the cursor may reach the search index after we looked (HubSpot indexes search a few
 * seconds behind writes), so each incremental search starts this far before the cursor. Re-read records are
 * recognised as unchanged and cost nothing beyond the one request the search makes anyway.
 */
export const CURSOR_OVERLAP_MS = 5 * 60_000;

/** Where an incremental search for a type begins. */
export function searchStart(cursor: number, overlapMs = CURSOR_OVERLAP_MS): SearchWindow {
  return { from: Math.max(0, cursor - overlapMs), offset: 0 };
}

export interface SearchPageFacts {
  /** Records on the page (valid or not). */
  count: number;
  hasNext: boolean;
  /** Modification instant of the page's last record (NaN when unknown). */
  lastModifiedAt: number;
  lastId?: string;
}

/**
 * The next step of an incremental search, or null when done. HubSpot's search pages by offset and stops at 10 000
 * results, so when the offset would pass the cap the window restarts at the last record's modification time
 * (ascending order makes everything before it read already). If 10 000 records share one instant the window cannot
 * move by time, so it walks that instant by id (`afterId`) before going on.
 */
export function nextSearchWindow(
  searchWindow: SearchWindow,
  page: SearchPageFacts,
  cap: number,
  pageSize: number,
): SearchWindow | null {
  const nextOffset = searchWindow.offset + pageSize;
  if (page.hasNext && nextOffset < cap) return { ...searchWindow, offset: nextOffset };
  if (page.hasNext) {
    const last = page.lastModifiedAt;
    if (searchWindow.afterId === undefined && Number.isFinite(last) && last > searchWindow.from)
      return { from: last, offset: 0 };
    if (page.lastId !== undefined) return { from: searchWindow.from, afterId: page.lastId, offset: 0 };
    // No id to walk by (cannot happen with HubSpot, which always returns ids): move past the instant.
    return { from: searchWindow.from + 1, offset: 0 };
  }
  // The id walk of one instant is done; the rest of time follows.
  if (searchWindow.afterId !== undefined) return { from: searchWindow.from + 1, offset: 0 };
  return null;
}

// ---- Schedule -------------------------------------------------------------------------------------------------

/**
 * The documented schedule: an incremental sync every 2 minutes while a HubSpot or mail tab is visible (a rep is
 * working and wants fresh timers), every 30 minutes otherwise; archived records and the portal's metadata (owners,
 * pipelines, lifecycle options) every 6 hours; "Sync now" at any time. The alarm ticks every minute and asks
 * `dueWork` what to do.
 */
export const SCHEDULE = {
  activeIntervalMs: 2 * 60_000,
  idleIntervalMs: 30 * 60_000,
  reconcileIntervalMs: 6 * 60 * 60_000,
  tickMinutes: 1,
  /** In a rep's scope, how often the types that start or stop no response timer are searched (`typesToPoll`). */
  slowTypesIntervalMs: 10 * 60_000,
} as const;

/** The lead and the two kinds of touch that start and stop a response timer: searched by every incremental sync. */
export const POLLED_EVERY_TIME: readonly SyncedType[] = ['contacts', 'emails', 'calls'];

/**
 * The types a rep's incremental sync searches: contacts, e-mails and calls every time, the others (deals, meetings,
 * notes, tasks) once their last search is `slowTypesIntervalMs` old (with half a tick of slack, as `dueWork`). Each
 * search costs one request of the token's search limit, 5 a second for a whole team sharing a key and answered
 * without rate headers: fifty reps searching seven types every 2 minutes used ~60 % of it and drew 8.6 % refusals
 * (bench:team). A type skipped keeps its cursor, so its next search reads what changed meanwhile; "Sync now" searches
 * every type.
 */
export function typesToPoll(
  types: readonly SyncedType[],
  polledAt: Partial<Record<SyncedType, number>>,
  now: number,
): SyncedType[] {
  return types.filter(
    (type) =>
      POLLED_EVERY_TIME.includes(type) ||
      now - (polledAt[type] ?? Number.NEGATIVE_INFINITY) >= SCHEDULE.slowTypesIntervalMs - 30_000,
  );
}

export interface ScheduleState {
  now: number;
  connected: boolean;
  /** A full sync has completed at least once (every type has a cursor). */
  fullDone: boolean;
  /** A job was interrupted (worker stopped) and has a checkpoint to resume from. */
  interrupted: boolean;
  lastIncrementalAt?: number;
  lastReconcileAt?: number;
  workTabVisible: boolean;
  /** The day's API budget is used up until this instant. */
  blockedUntil?: number;
  /** The cached contacts and deals lack properties this version reads (`rereadDue`). */
  rereadDue?: boolean;
}

export type Work = 'full' | 'incremental' | 'reconcile' | 'reread' | 'resume' | null;

/**
 * Whether a complete cache holds records of an older data version (`dataVersion`, absent = 1: before the version
 * was recorded) than this code reads (`current`). Then contacts and deals are listed again once, for their new
 * properties (an owner's assignment date, a deal's stage dates); engagements, which did not change, are not.
 */
export function rereadDue(fullDone: boolean, dataVersion: number | undefined, current: number): boolean {
  return fullDone && (dataVersion ?? 1) < current;
}

export function dueWork(state: ScheduleState): Work {
  if (!state.connected) return null;
  if (state.blockedUntil !== undefined && state.now < state.blockedUntil) return null;
  if (state.interrupted) return 'resume';
  if (!state.fullDone) return 'full';
  // Before the schedule's work: until the re-read, the panel lacks what the new figures need.
  if (state.rereadDue) return 'reread';
  if (state.lastReconcileAt === undefined || state.now - state.lastReconcileAt >= SCHEDULE.reconcileIntervalMs)
    return 'reconcile';
  const interval = state.workTabVisible ? SCHEDULE.activeIntervalMs : SCHEDULE.idleIntervalMs;
  // Half a tick of slack: alarms fire late by up to their period, so a strict comparison would skip every other one.
  if (state.lastIncrementalAt === undefined || state.now - state.lastIncrementalAt >= interval - 30_000)
    return 'incremental';
  return null;
}

/** Steady-state requests in an 8-hour working day if a work tab is visible all day (the busiest case). */
export function steadyRequestsPerDay(requestsPerIdleCycle: number, requestsPerReconcile = 0, hours = 8): number {
  const dayMs = hours * 60 * 60_000;
  const cycles = Math.floor(dayMs / SCHEDULE.activeIntervalMs);
  const reconciles = Math.ceil(dayMs / SCHEDULE.reconcileIntervalMs);
  return requestsPerIdleCycle * cycles + requestsPerReconcile * reconciles;
}

/** Engagements older than the scope are not kept (settings: the last N months, default 24). */
export function engagementScopeStart(now: number, months: number): number {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.getTime();
}
