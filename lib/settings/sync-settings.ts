import { z } from 'zod';
import { type AutomationRule, DEFAULT_AUTOMATION_RULE } from '../crm/hubspot/properties';
import { defineSettingsItem } from './settings-item';
import { readManaged } from './team-settings';

// Settings of the sync itself: how far back engagements are kept, and which property marks an engagement as
// automated (see DEFAULT_AUTOMATION_RULE for the documented default). Managed storage wins, as for team settings.

export const syncSettingsSchema = z.object({
  engagementMonths: z.number().int().min(1).max(240).default(24),
  automation: z.object({ property: z.string().min(1), values: z.array(z.string()) }).default(DEFAULT_AUTOMATION_RULE),
});
export type SyncSettings = z.infer<typeof syncSettingsSchema>;

/**
 * The local layer. Version 1 is the only shape ever stored; a damaged value reads as the defaults (as a missing one
 * does), and the options page shows what is in effect.
 */
export const syncSettingsItem = defineSettingsItem('syncSettings', {
  schema: syncSettingsSchema,
  fallback: syncSettingsSchema.parse({}),
  version: 1,
});

export async function loadSyncSettings(): Promise<SyncSettings & { managed: boolean }> {
  const [stored, { managed }] = await Promise.all([syncSettingsItem.readStored(), readManaged()]);
  const local = typeof stored === 'object' && stored !== null ? stored : {};
  const merged = {
    ...local,
    ...(managed.engagementMonths !== undefined ? { engagementMonths: managed.engagementMonths } : {}),
    ...(managed.automation !== undefined ? { automation: managed.automation } : {}),
  };
  // Policy over local before the check, so a valid policy value still applies over a damaged local one.
  return { ...syncSettingsItem.parse(merged).value, managed: managed.engagementMonths !== undefined };
}

export async function saveSyncSettings(patch: { engagementMonths?: number; automation?: AutomationRule }) {
  const current = await loadSyncSettings();
  const next = syncSettingsSchema.parse({
    engagementMonths: patch.engagementMonths ?? current.engagementMonths,
    automation: patch.automation ?? current.automation,
  });
  await syncSettingsItem.write(next);
  return loadSyncSettings();
}
