import { z } from 'zod';
import { metricSettingsSchema } from '../model';
import { defineSettingsItem } from './settings-item';

// Where each team setting's value comes from. The settings live in this browser's storage (and an administrator's
// policy); nothing shares them with colleagues by itself. A team file exported on one browser and imported on
// another is the one way values travel, so the setup says, per setting, which of these holds: the organisation's
// policy, the team file imported on a given day, this browser's own save, or the default.

export type SettingOrigin =
  | { kind: 'policy' }
  | { kind: 'file'; importedAt: number }
  | { kind: 'browser' }
  | { kind: 'default' };

const importedTeamFileSchema = z.object({
  importedAt: z.number().int().nonnegative(),
  values: z.record(z.string(), z.unknown()),
});
export type ImportedTeamFile = z.infer<typeof importedTeamFileSchema>;

/** The last team file imported here: when, and the values it gave (so a value changed since reads as this browser's). */
export const importedTeamFileItem = defineSettingsItem('teamSettings.importedFile', {
  schema: importedTeamFileSchema.nullable(),
  fallback: null,
  version: 1,
});

/** JSON with object keys sorted: a value saved again by the form (keys rebuilt in another order) is still the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

// What each setting is when nobody set it. Saving writes every setting (the schema fills in the defaults), so a
// stored value equal to its default reads as the default, not as a choice made in this browser.
const defaults: Record<string, unknown> = metricSettingsSchema.parse({});

/**
 * Each team setting's origin (pure, for tests): the policy wins; else a value stored here is the imported file's
 * while it still equals what the file gave; else the default when absent or equal to it; else this browser's.
 */
export function settingOrigins(
  local: unknown,
  managedKeys: readonly string[],
  imported: ImportedTeamFile | null,
): Record<string, SettingOrigin> {
  const stored = typeof local === 'object' && local !== null ? (local as Record<string, unknown>) : {};
  const origins: Record<string, SettingOrigin> = {};
  for (const key of Object.keys(metricSettingsSchema.shape)) {
    if (managedKeys.includes(key)) origins[key] = { kind: 'policy' };
    else if (!Object.hasOwn(stored, key) || stored[key] === undefined) origins[key] = { kind: 'default' };
    else if (
      imported &&
      Object.hasOwn(imported.values, key) &&
      canonical(imported.values[key]) === canonical(stored[key])
    )
      origins[key] = { kind: 'file', importedAt: imported.importedAt };
    else if (canonical(defaults[key]) === canonical(stored[key])) origins[key] = { kind: 'default' };
    else origins[key] = { kind: 'browser' };
  }
  return origins;
}
