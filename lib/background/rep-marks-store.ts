import { browser } from 'wxt/browser';
import type { LeadMark } from '../messaging/protocol';
import { NOT_A_LEAD_KEY, type RepMarks, repMarksFrom, SNOOZES_KEY } from '../overlay/rep-marks';

// What a rep decided about leads from a badge's card, kept by the background only: content scripts send a `markLead`
// message and get each lead's marks with its look-up. Keyed by portal, so portal A's lead ids never mark portal B's.
// No key here triggers work: a write to HubSpot ("Not a lead" with a lead status) is queued by the message handler,
// after its checks, never by a storage change.

const marksKey = (portalId: number) => `marks.${portalId}`;

interface StoredMarks {
  snoozes: Record<string, number>;
  notALead: string[];
}

/** At most this many marks of each kind are kept (oldest snoozes expire; a rep never marks more by hand). */
const MAX_MARKS = 5_000;

export async function loadRepMarks(portalId: number): Promise<RepMarks> {
  const stored = (await browser.storage.local.get(marksKey(portalId)))[marksKey(portalId)] as
    | Partial<StoredMarks>
    | undefined;
  return repMarksFrom({ [SNOOZES_KEY]: stored?.snoozes, [NOT_A_LEAD_KEY]: stored?.notALead });
}

async function saveRepMarks(portalId: number, marks: RepMarks, now: number): Promise<void> {
  const snoozes = [...marks.snoozedUntil].filter(([, until]) => until > now).slice(-MAX_MARKS);
  const value: StoredMarks = { snoozes: Object.fromEntries(snoozes), notALead: [...marks.notALead].slice(-MAX_MARKS) };
  await browser.storage.local.set({ [marksKey(portalId)]: value });
}

function endOfDay(now: number): number {
  const date = new Date(now);
  date.setHours(24, 0, 0, 0);
  return date.getTime();
}

/** Applies a mark; returns the lead's marks after it and whether "Not a lead" is new (so a status write is due). */
export async function applyRepMark(
  portalId: number,
  contactId: string,
  mark: LeadMark,
  now: number,
): Promise<{ snoozedUntil?: number; notALead: boolean; newlyNotALead: boolean }> {
  const marks = await loadRepMarks(portalId);
  let newlyNotALead = false;
  if (mark === 'notALead') {
    newlyNotALead = !marks.notALead.has(contactId);
    marks.notALead.add(contactId);
  } else {
    marks.snoozedUntil.set(contactId, mark === 'snooze1h' ? now + 3_600_000 : endOfDay(now));
  }
  await saveRepMarks(portalId, marks, now);
  const until = marks.snoozedUntil.get(contactId);
  return {
    ...(until !== undefined && until > now ? { snoozedUntil: until } : {}),
    notALead: marks.notALead.has(contactId),
    newlyNotALead,
  };
}

/**
 * Marks an older version kept under fixed keys in `storage.local`, where content scripts wrote them: moved under the
 * connected portal's key (they were made on that portal), then removed. Not read again: they were a side channel.
 */
export async function migrateRepMarks(portalId: number | undefined): Promise<void> {
  const stored = await browser.storage.local.get([SNOOZES_KEY, NOT_A_LEAD_KEY]);
  if (stored[SNOOZES_KEY] === undefined && stored[NOT_A_LEAD_KEY] === undefined) return;
  if (portalId !== undefined) {
    const old = repMarksFrom(stored);
    const marks = await loadRepMarks(portalId);
    for (const [id, until] of old.snoozedUntil) marks.snoozedUntil.set(id, until);
    for (const id of old.notALead) marks.notALead.add(id);
    await saveRepMarks(portalId, marks, Date.now());
  }
  await browser.storage.local.remove([SNOOZES_KEY, NOT_A_LEAD_KEY]);
}

/** After the one-time move: marks under the old keys were not written by LeadLens. */
export async function discardLegacyRepMarks(): Promise<void> {
  await browser.storage.local.remove([SNOOZES_KEY, NOT_A_LEAD_KEY]);
}
