import { browser } from 'wxt/browser';
import { z } from 'zod';

// The manager's own choices for the panel (not team settings): which KPI cards in which order and the display currency.
// Kept in `storage.local` so they are remembered across opens and follow no one else.

const PREFS_KEY = 'panel.prefs';

export const panelPrefsSchema = z.object({
  kpis: z.array(z.string()).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});
export type PanelPrefs = z.infer<typeof panelPrefsSchema>;

export function readPrefs(stored: unknown): PanelPrefs {
  const parsed = panelPrefsSchema.safeParse(stored ?? {});
  // Damaged preferences are not worth an error: the defaults are a fine dashboard.
  return parsed.success ? parsed.data : {};
}

export async function loadPrefs(): Promise<PanelPrefs> {
  const stored = await browser.storage.local.get(PREFS_KEY);
  return readPrefs(stored[PREFS_KEY]);
}

export async function savePrefs(prefs: PanelPrefs): Promise<void> {
  await browser.storage.local.set({ [PREFS_KEY]: prefs });
}
