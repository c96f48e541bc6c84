import Dexie, { type EntityTable } from 'dexie';

// Secrets (the HubSpot token and the connection it belongs to) live in their own IndexedDB database in the extension's
// origin, not in `storage.local`:
// - Chrome opens `storage.local` to content scripts by default and delivers every change of it to their
//   `storage.onChanged` listeners. `setAccessLevel` can close it (see `closeStorageToContentScripts`), but only from
//   the first start of the worker on, and a storage area is still one compromised renderer away.
// - Firefox documents `setAccessLevel` for `storage.session` only (MDN, StorageArea.setAccessLevel; bug 1724754 for
//   the rest): its `storage.local` stays readable by content scripts.
// - IndexedDB belongs to an origin. Content scripts run in the page's origin in both browsers, so they can neither
//   open this database nor hear of its changes. That is the one protection both browsers document, so both use it.
// A database of its own, apart from the cache: a cache rebuilt or deleted for a new generation keeps the token, and
// "forget" deletes this one by name.

export const SECRETS_DB_NAME = 'leadlens-secrets';

interface SecretRow {
  key: string;
  value: unknown;
}

class SecretDb extends Dexie {
  secrets!: EntityTable<SecretRow, 'key'>;

  constructor() {
    super(SECRETS_DB_NAME);
    this.version(1).stores({ secrets: 'key' });
  }
}

let shared: SecretDb | undefined;
const secretDb = () => {
  shared ??= new SecretDb();
  return shared;
};

export async function readSecret(key: string): Promise<unknown> {
  return (await secretDb().secrets.get(key))?.value;
}

export async function writeSecret(key: string, value: unknown): Promise<void> {
  await secretDb().secrets.put({ key, value });
}

export async function deleteSecret(key: string): Promise<void> {
  await secretDb().secrets.delete(key);
}

/** "Forget": the whole database goes, not only the keys this version knows of. */
export async function deleteAllSecrets(): Promise<void> {
  const db = secretDb();
  db.close();
  await Dexie.delete(SECRETS_DB_NAME);
  shared = undefined;
}

/**
 * An older version kept `key` in `storage.local`. Moves it here and only then removes it there, so a worker stopped
 * between the two steps finds it in both places and the next start finishes the move: nothing is lost.
 */
export async function migrateSecretFromStorage(
  key: string,
  area: { get(key: string): Promise<Record<string, unknown>>; remove(key: string): Promise<void> },
): Promise<boolean> {
  const stored = (await area.get(key))[key];
  if (stored === undefined) return false;
  if ((await readSecret(key)) === undefined) await writeSecret(key, stored);
  await area.remove(key);
  return true;
}

const LEGACY_MOVED_KEY = 'legacy.storageLocal.moved';

/**
 * Whether this install has already moved what older versions kept in `storage.local`. Kept here, where no content
 * script can write, so a page cannot make the worker move (adopt) keys it planted after the one real move.
 */
export async function legacyStorageMoved(): Promise<boolean> {
  return (await readSecret(LEGACY_MOVED_KEY)) === true;
}

export async function markLegacyStorageMoved(): Promise<void> {
  await writeSecret(LEGACY_MOVED_KEY, true);
}

/** What protects `storage.local` from content scripts in this browser. */
export type StorageProtection = 'trusted-contexts' | 'none';

interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
}

/**
 * Chrome: `storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })` closes the area to content scripts
 * (reads, writes and change events); Chrome keeps the level with the extension's preferences, so it holds from the
 * next browser start before the worker runs. Firefox has no such call for `storage.local`: it answers 'none', and
 * nothing a page must not see or a key that triggers work is kept there (docs/SECURITY.md).
 */
export async function closeStorageToContentScripts(local: AccessLevelArea): Promise<StorageProtection> {
  if (typeof local.setAccessLevel !== 'function') return 'none';
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return 'trusted-contexts';
  } catch {
    return 'none';
  }
}
