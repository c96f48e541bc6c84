import * as z from 'zod/mini';

// zod/mini, not zod: content scripts import this file and each of them must stay under 350 KB.

export const SETTINGS_VERSION = 1;

export const languageSettingSchema = z.enum(['auto', 'en', 'he']);

/**
 * The extension's own preferences, stored under one key in `browser.storage.local`. Every field has a default, so an
 * empty or partial store reads as a complete object. `version` has been inside the value since the first release;
 * it is also the storage item's version (lib/settings/storage.ts), so the two move together.
 */
export const appSettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  language: z._default(languageSettingSchema, 'auto'),
});

export type AppSettings = z.infer<typeof appSettingsSchema>;

export const defaultAppSettings: AppSettings = { version: SETTINGS_VERSION, language: 'auto' };

export type SettingsReadResult = { settings: AppSettings; problem?: string };

/**
 * Settings stored before they carried a `version` (version 0, never released) get one. WXT counts such a value as
 * its version 1 too (no `settings$` was written), so this runs on every read (`appSettingsItem`), not once; each
 * future version's upgrade goes into the item's `migrations`.
 */
export function migrateSettings(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null) return stored;
  const record = stored as Record<string, unknown>;
  if (record.version === undefined) return { ...record, version: SETTINGS_VERSION };
  return record;
}
