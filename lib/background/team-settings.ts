import { browser } from 'wxt/browser';
import { z } from 'zod';
import { type MetricSettings, metricSettingsSchema } from '../model';

// Team settings (METRICS.md's settings: adoption date, costs, SLA, spend…) live in `storage.local`; an administrator
// can set any of them, and the token, through Chrome's managed storage (public/managed_schema.json). A managed value
// wins over the local one and the UI shows it as "set by your organisation".

const LOCAL_KEY = 'teamSettings';

/** What managed storage may hold: the token, the API base URL, and any team setting. */
export const managedSchema = z.object({
  token: z.string().min(1).optional(),
  baseUrl: z.string().url().optional(),
  engagementMonths: z.number().int().positive().optional(),
  automation: z.object({ property: z.string().min(1), values: z.array(z.string()) }).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type Managed = z.infer<typeof managedSchema>;

export async function readManaged(): Promise<Managed> {
  try {
    // Firefox without a policy and Chrome without the schema reject or return nothing; both mean "not managed".
    const stored = await browser.storage.managed.get(null);
    const parsed = managedSchema.safeParse(stored ?? {});
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export interface EffectiveTeamSettings {
  settings: MetricSettings;
  /** Names of the settings an administrator set; shown read-only. */
  managedKeys: string[];
  problem?: string;
}

/** Local values, then managed values on top, validated as a whole; invalid input falls back with the reason. */
export function mergeTeamSettings(local: unknown, managed: Managed, portalTimeZone?: string): EffectiveTeamSettings {
  const localObject = typeof local === 'object' && local !== null ? (local as Record<string, unknown>) : {};
  const managedSettings = managed.settings ?? {};
  const merged = { ...(portalTimeZone ? { timezone: portalTimeZone } : {}), ...localObject, ...managedSettings };
  const parsed = metricSettingsSchema.safeParse(merged);
  const managedKeys = Object.keys(managedSettings);
  if (parsed.success) return { settings: parsed.data, managedKeys };
  return {
    settings: metricSettingsSchema.parse(portalTimeZone ? { timezone: portalTimeZone } : {}),
    managedKeys,
    problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
  };
}

export async function loadTeamSettings(portalTimeZone?: string): Promise<EffectiveTeamSettings> {
  const [stored, managed] = await Promise.all([browser.storage.local.get(LOCAL_KEY), readManaged()]);
  return mergeTeamSettings(stored[LOCAL_KEY], managed, portalTimeZone);
}

/** Saves local values; managed keys are not written (they would be overridden anyway). */
export async function saveTeamSettings(input: unknown): Promise<EffectiveTeamSettings> {
  const managed = await readManaged();
  const parsed = metricSettingsSchema.partial().parse(input);
  const local = Object.fromEntries(Object.entries(parsed).filter(([key]) => !(key in (managed.settings ?? {}))));
  await browser.storage.local.set({ [LOCAL_KEY]: local });
  return mergeTeamSettings(local, managed);
}
