import {
  type AppSettings,
  appSettingsSchema,
  defaultAppSettings,
  migrateSettings,
  SETTINGS_VERSION,
  type SettingsReadResult,
} from './schema';
import { defineSettingsItem } from './settings-item';

export const SETTINGS_KEY = 'settings';

/** A timestamp the background writes when the HubSpot connection changes, so open pages reload its status. */
export const CONNECTION_CHANGED_KEY = 'connection.changedAt';

/** The language (and what later joins it): read by every extension page directly, and by the background for the overlays. */
export const appSettingsItem = defineSettingsItem(SETTINGS_KEY, {
  schema: appSettingsSchema,
  fallback: defaultAppSettings,
  version: SETTINGS_VERSION,
  upgradeUnversioned: migrateSettings,
});

/** A stored value that does not validate is not thrown away silently: the caller gets the defaults and the reason. */
export async function loadSettings(): Promise<SettingsReadResult> {
  const { value, problem } = await appSettingsItem.read();
  return { settings: value, ...(problem ? { problem } : {}) };
}

/** Validates the merged result before writing, so a bad patch never reaches storage. */
export async function updateSettings(patch: Partial<Omit<AppSettings, 'version'>>): Promise<AppSettings> {
  const { settings } = await loadSettings();
  const next = appSettingsSchema.parse({ ...settings, ...patch });
  await appSettingsItem.write(next);
  return next;
}

/** Calls `onChange` whenever any LeadLens context writes the settings; stops when `signal` aborts. */
export function watchSettings(onChange: (result: SettingsReadResult) => void, signal: AbortSignal): void {
  const stop = appSettingsItem.watch(({ value, problem }) =>
    onChange({ settings: value, ...(problem ? { problem } : {}) }),
  );
  signal.addEventListener('abort', stop, { once: true });
}
