import { browser } from 'wxt/browser';
import { type AppSettings, appSettingsSchema, readStoredSettings, type SettingsReadResult } from './schema';

export const SETTINGS_KEY = 'settings';

/** A timestamp the background writes when the HubSpot connection changes, so open pages reload its status. */
export const CONNECTION_CHANGED_KEY = 'connection.changedAt';

export async function loadSettings(): Promise<SettingsReadResult> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return readStoredSettings(stored[SETTINGS_KEY]);
}

/** Validates the merged result before writing, so a bad patch never reaches storage. */
export async function updateSettings(patch: Partial<Omit<AppSettings, 'version'>>): Promise<AppSettings> {
  const { settings } = await loadSettings();
  const next = appSettingsSchema.parse({ ...settings, ...patch });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `onChange` whenever any LeadLens context writes the settings; stops when `signal` aborts. */
export function watchSettings(onChange: (result: SettingsReadResult) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[SETTINGS_KEY];
    if (area !== 'local' || !change) return;
    onChange(readStoredSettings(change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
