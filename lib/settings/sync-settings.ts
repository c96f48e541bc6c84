import { browser } from 'wxt/browser';
import { z } from 'zod';
import { type AutomationRule, DEFAULT_AUTOMATION_RULE } from '../crm/hubspot/properties';
import { readManaged } from './team-settings';

// Settings of the sync itself: how far back engagements are kept, and which property marks an engagement as
// automated (see DEFAULT_AUTOMATION_RULE for the documented default). Managed storage wins, as for team settings.

const KEY = 'syncSettings';

export const syncSettingsSchema = z.object({
  engagementMonths: z.number().int().min(1).max(240).default(24),
  automation: z.object({ property: z.string().min(1), values: z.array(z.string()) }).default(DEFAULT_AUTOMATION_RULE),
});
export type SyncSettings = z.infer<typeof syncSettingsSchema>;

export async function loadSyncSettings(): Promise<SyncSettings & { managed: boolean }> {
  const [stored, { managed }] = await Promise.all([browser.storage.local.get(KEY), readManaged()]);
  const local = typeof stored[KEY] === 'object' && stored[KEY] !== null ? stored[KEY] : {};
  const merged = {
    ...(local as object),
    ...(managed.engagementMonths !== undefined ? { engagementMonths: managed.engagementMonths } : {}),
    ...(managed.automation !== undefined ? { automation: managed.automation } : {}),
  };
  const parsed = syncSettingsSchema.safeParse(merged);
  return {
    ...(parsed.success ? parsed.data : syncSettingsSchema.parse({})),
    managed: managed.engagementMonths !== undefined,
  };
}

export async function saveSyncSettings(patch: { engagementMonths?: number; automation?: AutomationRule }) {
  const current = await loadSyncSettings();
  const next = syncSettingsSchema.parse({
    engagementMonths: patch.engagementMonths ?? current.engagementMonths,
    automation: patch.automation ?? current.automation,
  });
  await browser.storage.local.set({ [KEY]: next });
  return loadSyncSettings();
}
