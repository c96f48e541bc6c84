import * as z from 'zod/mini';

// zod/mini, not zod: content scripts import this file and each of them must stay under 350 KB.

export const SETTINGS_VERSION = 1;

export const languageSettingSchema = z.enum(['auto', 'en', 'he']);

/**
 * The extension's own preferences, stored under one key in `browser.storage.local`. Every field has a default, so an
 * empty or partial store reads as a complete object. `version` lets a later release migrate what an older one wrote.
 */
export const appSettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  language: z._default(languageSettingSchema, 'auto'),
});

export type AppSettings = z.infer<typeof appSettingsSchema>;

export const defaultAppSettings: AppSettings = { version: SETTINGS_VERSION, language: 'auto' };

export type SettingsReadResult = { settings: AppSettings; problem?: string };

/**
 * Reads whatever is stored, however old or damaged. A stored value that does not validate is not thrown away
 * silently: the caller gets the defaults *and* a description of the problem to show.
 */
export function readStoredSettings(stored: unknown): SettingsReadResult {
  if (stored === undefined || stored === null) return { settings: defaultAppSettings };
  const migrated = migrateSettings(stored);
  const parsed = appSettingsSchema.safeParse(migrated);
  if (parsed.success) return { settings: parsed.data };
  return { settings: defaultAppSettings, problem: z.prettifyError(parsed.error) };
}

/** Version 0 was never released; the function is where each future version's upgrade goes, oldest first. */
export function migrateSettings(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null) return stored;
  const record = stored as Record<string, unknown>;
  if (record.version === undefined) return { ...record, version: SETTINGS_VERSION };
  return record;
}
