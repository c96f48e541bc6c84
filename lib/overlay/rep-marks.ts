// What a rep decided about leads from a badge's card ("Snooze 1 h", "Snooze until tomorrow", "Not a lead"), kept by
// the background in storage.local. Content scripts no longer read or write it: the card sends `markLead`, and each
// lead's marks come back with `leadContext`. Only the background imports this module now.

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
