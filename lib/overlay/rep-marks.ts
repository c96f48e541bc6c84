// What a rep decided about leads from a badge's card ("Snooze 1 h", "Snooze until tomorrow", "Not a lead"), kept in
// this browser's storage.local. The overlays write it; the badges and the background's alerts read it, so a snoozed
// lead is quiet everywhere. Plain checks, no zod: this module is part of every content script's bundle.

export const SNOOZES_KEY = 'overlay.snoozes';
export const NOT_A_LEAD_KEY = 'overlay.notALead';

export interface RepMarks {
  /** Lead id → instant until which its timer is snoozed. */
  snoozedUntil: Map<string, number>;
  /** Leads marked "not a lead": their timers stay hidden. */
  notALead: Set<string>;
}

/** The marks from what `storage.local.get([SNOOZES_KEY, NOT_A_LEAD_KEY])` returned; damaged entries are skipped. */
export function repMarksFrom(stored: Record<string, unknown>): RepMarks {
  const snoozes = stored[SNOOZES_KEY];
  const snoozedUntil = new Map<string, number>();
  if (typeof snoozes === 'object' && snoozes !== null && !Array.isArray(snoozes)) {
    for (const [id, until] of Object.entries(snoozes)) if (typeof until === 'number') snoozedUntil.set(id, until);
  }
  const marked = stored[NOT_A_LEAD_KEY];
  const notALead = new Set<string>(
    Array.isArray(marked) ? marked.filter((id): id is string => typeof id === 'string') : [],
  );
  return { snoozedUntil, notALead };
}

/**
 * How badges count a wait: wall-clock minutes (README, "Badges and timers"), so the badge a rep sees turns red at
 * the same minute the alerts count the lead as overdue.
 */
export function elapsedMinutes(from: number, to: number): number {
  return Math.max(0, to - from) / 60_000;
}
