import { z } from 'zod';
import { isoInstant, optional } from './fields.ts';
import { SNAPSHOT_FILE_MAX_BYTES, textSizeProblem } from './import-limits.ts';
import { findReservedKey, reservedKeyMessage } from './record-keys.ts';
import { metricSettingsSchema, timeZoneSchema, type MetricSettings } from './settings.ts';
import { defineSnapshotSchemas, type Snapshot } from './snapshot.ts';

export const snapshotFileFormat = 'leadlens-snapshot';
/** The newest file version this code reads; newer files are refused rather than half-read. */
export const snapshotFileVersion = 1;

/** The snapshot as it is written in a file: the same tables, with instants as ISO strings. */
export const fileSnapshotSchemas = defineSnapshotSchemas(isoInstant);

export const portalSchema = z.object({
  // HubSpot portal ids are numbers in its API and strings in URLs; the model keeps one form.
  portalId: optional(z.union([z.string(), z.number()]).transform(String)),
  uiDomain: optional(z.string()),
  timeZone: optional(timeZoneSchema),
  currency: optional(z.string()),
});
export type Portal = z.output<typeof portalSchema>;

// In a file, a settings object without `timezone` takes the portal's; so the field has no default of its own here.
const fileSettingsSchema = metricSettingsSchema.extend({ timezone: optional(timeZoneSchema) });

type FileSnapshotRows = z.output<typeof fileSnapshotSchemas.snapshotSchema>;

/**
 * Two rows of a table with one id would become one row in the cache (its tables are keyed by id) and count twice in
 * the report, so a file with them is refused, naming both rows: `deals[3] and deals[17] share id "123"`.
 */
function refuseDuplicateIds(snapshot: FileSnapshotRows, ctx: z.core.$RefinementCtx<FileSnapshotRows>): void {
  const check = (table: string, keys: readonly string[], field: string, what: (key: string) => string) => {
    const first = new Map<string, number>();
    keys.forEach((key, index) => {
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [table, index, field],
          message: `${table}[${earlier}] and ${table}[${index}] ${what(key)}`,
        });
    });
  };
  const shareId = (key: string) => `share id ${JSON.stringify(key)}`;
  check(
    'owners',
    snapshot.owners.map((row) => row.id),
    'id',
    shareId,
  );
  check(
    'stages',
    snapshot.stages.map((row) => JSON.stringify([row.pipelineId, row.stageId])),
    'stageId',
    (key) => `are the same stage (pipelineId and stageId ${key})`,
  );
  check(
    'lifecycleStages',
    (snapshot.lifecycleStages ?? []).map((row) => row.value),
    'value',
    (key) => `share value ${JSON.stringify(key)}`,
  );
  check(
    'leads',
    snapshot.leads.map((row) => row.id),
    'id',
    shareId,
  );
  check(
    'deals',
    snapshot.deals.map((row) => row.id),
    'id',
    shareId,
  );
  check(
    'touches',
    snapshot.touches.map((row) => row.id),
    'id',
    shareId,
  );
  check(
    'feedback',
    snapshot.feedback.map((row) => row.id),
    'id',
    shareId,
  );
}

export const snapshotFileSchema = z
  .object({
    format: z.literal(snapshotFileFormat, { error: `expected "${snapshotFileFormat}"` }),
    version: z.number().int().min(1).max(snapshotFileVersion),
    exportedAt: isoInstant,
    asOf: isoInstant,
    portal: portalSchema.prefault({}),
    settings: fileSettingsSchema.prefault({}),
    snapshot: fileSnapshotSchemas.snapshotSchema.superRefine(refuseDuplicateIds),
  })
  .transform((file) => ({
    ...file,
    settings: { ...file.settings, timezone: file.settings.timezone ?? file.portal.timeZone ?? 'UTC' },
  }));

export interface SnapshotFile {
  format: typeof snapshotFileFormat;
  version: number;
  exportedAt: number;
  asOf: number;
  portal: Portal;
  settings: MetricSettings;
  snapshot: Snapshot;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** `snapshot.leads[3].createdAt` from `['snapshot', 'leads', 3, 'createdAt']`. */
export function formatIssuePath(root: string, path: readonly PropertyKey[]): string {
  let text = root;
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(top level)' : text;
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // JSON has no NaN or Infinity, but 1e999 parses as Infinity; zod reports it as "expected number, got number".
      if (issue.expected === 'number' && typeof issue.input === 'number') return 'expected a finite number';
      return issue.input === undefined
        ? `required (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${describeInput(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    default:
      // zod prefixes its own messages with a category ("Too small: …"); the path already says where.
      return issue.message.replace(/^(Invalid input|Too small|Too big|Invalid string): /, '');
  }
}

/** One line naming the first offending path, e.g. `snapshot.leads[3].createdAt: expected ISO date`. */
export function firstIssueLine(error: z.ZodError, root = ''): string {
  const issue = error.issues[0];
  if (issue === undefined) return `${root || '(top level)'}: invalid`;
  return `${formatIssuePath(root, issue.path)}: ${issueMessage(issue)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `snapshot.leads[3].__proto__: the key "__proto__" is not allowed (…)` for the first reserved key, or null. */
function reservedKeyProblem(json: unknown, root = ''): string | null {
  const path = findReservedKey(json);
  if (path === null) return null;
  return `${formatIssuePath(root, path)}: ${reservedKeyMessage(String(path[path.length - 1]))}`;
}

/**
 * Reads a parsed JSON document as a snapshot file. The envelope is checked first, so a file of another format or a
 * newer version is refused with that reason rather than with a list of fields it lacks.
 */
export function parseSnapshotFile(json: unknown): Result<SnapshotFile> {
  if (!isRecord(json)) return { ok: false, error: '(top level): expected a JSON object (a LeadLens snapshot file)' };
  if (json.format !== snapshotFileFormat) {
    return {
      ok: false,
      error: `format: expected "${snapshotFileFormat}", got ${JSON.stringify(json.format) ?? 'nothing'} — not a LeadLens snapshot file`,
    };
  }
  // A finite version only: `1e999` is not "a newer version" but a bad number, which the schema names.
  if (typeof json.version === 'number' && Number.isFinite(json.version) && json.version > snapshotFileVersion) {
    return {
      ok: false,
      error: `version: the file is version ${json.version}, newer than this LeadLens reads (${snapshotFileVersion}); update LeadLens`,
    };
  }
  // A file from outside: a reserved key anywhere is refused, also where the schema would quietly strip it.
  const reserved = reservedKeyProblem(json);
  if (reserved !== null) return { ok: false, error: reserved };
  const parsed = snapshotFileSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, error: firstIssueLine(parsed.error) };
  return { ok: true, value: parsed.data };
}

/** Like `parseSnapshotFile`, from the file's text; a text over `SNAPSHOT_FILE_MAX_BYTES` is refused unparsed. */
export function parseSnapshotFileText(text: string): Result<SnapshotFile> {
  const tooLarge = textSizeProblem(text, SNAPSHOT_FILE_MAX_BYTES);
  if (tooLarge !== null) return { ok: false, error: `(top level): ${tooLarge}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `(top level): not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
    };
  }
  return parseSnapshotFile(json);
}

/**
 * What the report prints as warnings (stderr) for a file it reads: today one line for deals with a negative amount.
 * They are kept, not refused: HubSpot accepts a negative amount (a refund or a correction entered as a deal), the sync
 * caches it as HubSpot has it, and a snapshot the extension exported must stay readable. docs/report.md says so.
 */
export function snapshotFileWarnings(file: Pick<SnapshotFile, 'snapshot'>): string[] {
  const negative = file.snapshot.deals.flatMap((deal, index) => (deal.amount < 0 ? [{ deal, index }] : []));
  const first = negative[0];
  if (first === undefined) return [];
  const more = negative.length - 1;
  return [
    `snapshot.deals[${first.index}].amount is negative (${first.deal.amount}, deal ${JSON.stringify(first.deal.id)})` +
      `${more > 0 ? ` and so are ${more} more deal${more === 1 ? '' : 's'}` : ''}; kept: a won one lowers revenue, ` +
      'an open one the weighted pipeline',
  ];
}

/** Reads a settings object on its own (e.g. `report --settings`), with the same one-line errors. */
export function parseMetricSettings(json: unknown, root = 'settings'): Result<MetricSettings> {
  const reserved = reservedKeyProblem(json, root);
  if (reserved !== null) return { ok: false, error: reserved };
  const parsed = metricSettingsSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, error: firstIssueLine(parsed.error, root) };
  return { ok: true, value: parsed.data };
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The file form of a snapshot (instants as ISO strings): the inverse of `parseSnapshotFile`, ready for JSON. */
export function toSnapshotFileJson(file: Omit<SnapshotFile, 'format' | 'version'>) {
  const { snapshot } = file;
  return {
    format: snapshotFileFormat,
    version: snapshotFileVersion,
    exportedAt: iso(file.exportedAt),
    asOf: iso(file.asOf),
    portal: file.portal,
    settings: file.settings,
    snapshot: {
      ...snapshot,
      leads: snapshot.leads.map((lead) => ({
        ...lead,
        ownerAssignedAt: iso(lead.ownerAssignedAt),
        createdAt: iso(lead.createdAt),
        updatedAt: iso(lead.updatedAt),
        stageDates: Object.fromEntries(Object.entries(lead.stageDates).map(([stage, at]) => [stage, iso(at)])),
      })),
      deals: snapshot.deals.map((deal) => ({
        ...deal,
        stageDates:
          deal.stageDates && Object.fromEntries(Object.entries(deal.stageDates).map(([stage, at]) => [stage, iso(at)])),
        createdAt: iso(deal.createdAt),
        closeDate: iso(deal.closeDate),
      })),
      touches: snapshot.touches.map((touch) => ({ ...touch, at: iso(touch.at) })),
      feedback: snapshot.feedback.map((entry) => ({ ...entry, at: iso(entry.at) })),
    },
  };
}
