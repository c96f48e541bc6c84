import { browser } from 'wxt/browser';
import { z } from 'zod';
import { type MetricSettings, metricSettingsSchema } from '../model';
import { checkApiBase } from '../crm/hubspot/api-hosts';
import { defineSettingsItem } from './settings-item';
import { importedTeamFileItem, type SettingOrigin, settingOrigins } from './settings-origin';

// Team settings (METRICS.md's settings: adoption date, costs, SLA, spend…) live in `storage.local`; an administrator
// can set any of them, and the token, through Chrome's managed storage (public/managed_schema.json). A managed value
// wins over the local one and the UI shows it as "set by your organisation". Extension pages read and save them here
// directly; the background reads them for the overlays and the alerts (lib/background/settings-service.ts).

/**
 * Set once by the version 2 migration when it read a stored 100 % margin and 100 % attribution as unset: until the
 * manager saves the team settings (confirming or changing them), the setup shows a note asking to.
 */
export const assumptionsNoteItem = defineSettingsItem('teamSettings.assumptionsNote', {
  schema: z.boolean(),
  fallback: false,
  version: 1,
});

/**
 * Before version 2 the setup form saved `grossMarginPct` and `attributionPct` as 100 whenever nobody typed them, so a
 * stored 100/100 cannot be told from "never set". METRICS.md gives them no default (ROI waits for the manager's
 * stated assumptions), so such a pair is read as unset. Pure, for tests: `cleared` says whether the note is due.
 */
export function clearUnstatedAssumptions(stored: unknown): { value: unknown; cleared: boolean } {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return { value: stored, cleared: false };
  const { grossMarginPct, attributionPct, ...rest } = stored as Record<string, unknown>;
  if (grossMarginPct !== 100 || attributionPct !== 100) return { value: stored, cleared: false };
  return { value: rest, cleared: true };
}

/**
 * The team's own values (the local layer): any subset of the team settings, as the options page and the panel save
 * them. Version 1 is every shape stored before metrics v2: values saved before `timerRules` existed read with its
 * defaults (the model's `prefault`), so none needs rewriting. Version 2 reads a stored 100/100 margin and attribution
 * as unset, once, and raises the note (`assumptionsNoteItem`). The layer is validated whole only with the managed
 * layer on top (`mergeTeamSettings`): a damaged value is shown as a problem, not dropped on its own.
 */
export const teamSettingsItem = defineSettingsItem('teamSettings', {
  schema: metricSettingsSchema.partial(),
  fallback: {},
  version: 2,
  migrations: {
    2: async (stored: unknown) => {
      const { value, cleared } = clearUnstatedAssumptions(stored);
      if (cleared) await assumptionsNoteItem.write(true);
      return value;
    },
  },
});

/** What managed storage may hold: the token, the API base URL, and any team setting. */
export const managedSchema = z.object({
  token: z.string().min(1).optional(),
  baseUrl: z.string().optional(),
  engagementMonths: z.number().int().positive().optional(),
  automation: z.object({ property: z.string().min(1), values: z.array(z.string()) }).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type Managed = z.infer<typeof managedSchema>;

export interface ManagedRead {
  managed: Managed;
  /** One line per refused field: shown on the options page; the field is ignored, the rest of the policy applies. */
  problems: string[];
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * An administrator's policy, validated field by field: one wrong field (a typo in a team setting, a base URL outside
 * HubSpot) is reported and left out, and every other field still applies. Pure, for tests.
 */
export function validateManaged(stored: unknown): ManagedRead {
  const problems: string[] = [];
  const managed: Managed = {};
  if (stored === undefined || stored === null) return { managed, problems };
  if (typeof stored !== 'object' || Array.isArray(stored)) return { managed, problems: ['policy: not an object'] };
  const record = stored as Record<string, unknown>;
  const fields = managedSchema.shape;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(fields, key)) {
      problems.push(`${key}: not a LeadLens policy field`);
      continue;
    }
    const field = key as keyof typeof fields;
    const parsed = fields[field].safeParse(record[key]);
    if (!parsed.success) {
      problems.push(`${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      continue;
    }
    if (field === 'settings') {
      // The raw object, not zod's copy: a record parse drops `__proto__` silently, and the policy must be told.
      const settings = managedTeamSettings(record[key] as Record<string, unknown>, problems);
      if (Object.keys(settings).length > 0) managed.settings = settings;
    } else if (field === 'baseUrl') {
      const checked = checkApiBase(String(parsed.data));
      if (checked.ok) managed.baseUrl = checked.baseUrl;
      else problems.push(`baseUrl: ${checked.problem}`);
    } else {
      Object.assign(managed, { [field]: parsed.data });
    }
  }
  return { managed, problems };
}

/** Each team setting of the policy on its own against its schema; a wrong one is reported, not applied. */
function managedTeamSettings(settings: Record<string, unknown>, problems: string[]): Record<string, unknown> {
  const shape = metricSettingsSchema.shape;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (RESERVED_KEYS.has(key) || !Object.hasOwn(shape, key)) {
      problems.push(`settings.${key}: not a team setting`);
      continue;
    }
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) kept[key] = value;
    else problems.push(`settings.${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return kept;
}

export async function readManaged(): Promise<ManagedRead> {
  try {
    // Firefox without a policy and Chrome without the schema reject or return nothing; both mean "not managed".
    return validateManaged(await browser.storage.managed.get(null));
  } catch {
    return { managed: {}, problems: [] };
  }
}

export interface EffectiveTeamSettings {
  settings: MetricSettings;
  /** Names of the settings an administrator set; shown read-only. */
  managedKeys: string[];
  problem?: string;
  /** A stored 100/100 margin and attribution was read as unset: ask the manager to confirm or change them. */
  assumptionsNote?: boolean;
  /** Where each setting's value comes from (policy, an imported team file, this browser, the default). */
  origins?: Record<string, SettingOrigin>;
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
  const [local, { managed }, imported] = await Promise.all([
    teamSettingsItem.readStored(),
    readManaged(),
    importedTeamFileItem.read(),
  ]);
  // After the read: the note is raised by the migration that reading awaits.
  const note = (await assumptionsNoteItem.read()).value;
  const effective = mergeTeamSettings(local, managed, portalTimeZone);
  const origins = settingOrigins(local, effective.managedKeys, imported.value);
  return note ? { ...effective, origins, assumptionsNote: true } : { ...effective, origins };
}

/**
 * Saves local values over the stored ones; managed keys are not written (they would be overridden anyway). Throws zod's error for input
 * that is not team settings, so an imported file is refused with the reason.
 */
export async function saveTeamSettings(
  input: unknown,
  portalTimeZone?: string,
  /** Set when the values come from an imported team file: its values are then recorded as the file's. */
  importedAt?: number,
): Promise<EffectiveTeamSettings> {
  const { managed } = await readManaged();
  const parsed = metricSettingsSchema.partial().parse(input);
  // A form's save keeps the local values of keys it does not give: one that saves one setting (whose leads) must not
  // wipe the SLA, spend and go-live date saved by another. The parse fills defaults in for every key not given; those
  // are not saved. An imported team file is the whole set, defaults included (an exported file holds every setting).
  const given = new Set(typeof input === 'object' && input !== null ? Object.keys(input) : []);
  const values =
    importedAt !== undefined
      ? parsed
      : {
          ...(await teamSettingsItem.read()).value,
          ...Object.fromEntries(Object.entries(parsed).filter(([key]) => given.has(key))),
        };
  const local = Object.fromEntries(Object.entries(values).filter(([key]) => !(key in (managed.settings ?? {}))));
  await teamSettingsItem.write(local);
  if (importedAt !== undefined) await importedTeamFileItem.write({ importedAt, values: local });
  // Saving the form is the manager confirming or changing the assumptions the note asked about.
  if ((await assumptionsNoteItem.read()).value) await assumptionsNoteItem.remove();
  const effective = mergeTeamSettings(local, managed, portalTimeZone);
  const imported = (await importedTeamFileItem.read()).value;
  return { ...effective, origins: settingOrigins(local, effective.managedKeys, imported) };
}

/** Saves a team file's settings as this browser's, remembering they came from a file imported now. */
export function importTeamSettings(input: unknown, portalTimeZone?: string): Promise<EffectiveTeamSettings> {
  return saveTeamSettings(input, portalTimeZone, Date.now());
}

/** Calls `onChange` when the team's values or the organisation's policy change; returns the function that stops. */
export function watchTeamSettings(onChange: () => void): () => void {
  const stopLocal = teamSettingsItem.watchStored(onChange);
  // The note goes when any page saves, just after the values change: a read between the two would keep showing it.
  const stopNote = assumptionsNoteItem.watchStored(onChange);
  // An import on another page changes the origins even when the values stay the same.
  const stopImported = importedTeamFileItem.watchStored(onChange);
  const onPolicy = (_changes: unknown, area: string) => {
    if (area === 'managed') onChange();
  };
  browser.storage.onChanged.addListener(onPolicy);
  return () => {
    stopLocal();
    stopNote();
    stopImported();
    browser.storage.onChanged.removeListener(onPolicy);
  };
}
