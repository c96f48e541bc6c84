import { z } from 'zod';
import { defineSettingsItem } from './settings-item';

// The manager's own choices for the panel (not team settings): which KPI cards in which order and the display currency.
// Kept in `storage.local` so they are remembered across opens and follow no one else; only the panel and the options
// page read them.

export const panelPrefsSchema = z.object({
  kpis: z.array(z.string()).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});
export type PanelPrefs = z.infer<typeof panelPrefsSchema>;

/** Version 1 is the only shape ever stored. Damaged preferences are not worth an error: the defaults are a fine dashboard. */
export const panelPrefsItem = defineSettingsItem('panel.prefs', {
  schema: panelPrefsSchema,
  fallback: {},
  version: 1,
});

export async function loadPrefs(): Promise<PanelPrefs> {
  return (await panelPrefsItem.read()).value;
}

export async function savePrefs(prefs: PanelPrefs): Promise<void> {
  await panelPrefsItem.write(prefs);
}
