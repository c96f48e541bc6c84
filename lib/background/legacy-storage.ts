import { legacyStorageMoved, markLegacyStorageMoved } from '../settings/secret-store';
import { discardLegacyConnection, migrateConnection, storedConnection } from './connection';
import { discardLegacyRepMarks, migrateRepMarks } from './rep-marks-store';

/**
 * An update from a version that kept the token and the rep's marks in `storage.local` moves them, once, at the first
 * start; nothing is lost (each move writes its new home before it removes the old key, so a stopped worker repeats it).
 * Afterwards those keys are only removed: a content script (Firefox) can write them, and must not be believed.
 */
export async function moveLegacyStorage(): Promise<void> {
  if (await legacyStorageMoved()) {
    await discardLegacyConnection();
    await discardLegacyRepMarks();
    return;
  }
  await migrateConnection();
  await migrateRepMarks((await storedConnection())?.portal.portalId);
  await markLegacyStorageMoved();
}
