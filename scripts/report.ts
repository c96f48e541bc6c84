// npm run report -- --input snapshot.json [--settings settings.json] [--as-of ISO] [--format json|table|csv]
//                   [--from ISO --to ISO] [--per-lead]
// Prints every figure of METRICS.md. Bad input: one line naming the first offending path, exit status 2.
import { readFileSync, statSync } from 'node:fs';
import { prepareReport } from '../lib/metrics/prepare.ts';
import { defaultWindow, reportFromPrepared } from '../lib/metrics/report.ts';
import { perLeadToCsv, reportToCsv, reportToJsonText, reportToTable } from '../lib/metrics/report-output.ts';
import { isoInstant } from '../lib/model/fields.ts';
import { fileSizeProblem, SETTINGS_FILE_MAX_BYTES, SNAPSHOT_FILE_MAX_BYTES } from '../lib/model/import-limits.ts';
import { parseSnapshotFile, snapshotFileWarnings } from '../lib/model/snapshot-file.ts';

class InputError extends Error {}

const formats = ['json', 'table', 'csv'] as const;
type Format = (typeof formats)[number];
const known = new Set(['--input', '--settings', '--as-of', '--format', '--from', '--to']);
/** Options that take no value. */
const flags = new Set(['--per-lead']);

function parseArguments(argv: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i] as string;
    if (name === '--help' || name === '-h') {
      process.stdout.write(
        'usage: npm run report -- --input snapshot.json [--settings settings.json] [--as-of ISO] ' +
          '[--format json|table|csv] [--from ISO --to ISO] [--per-lead]\n',
      );
      process.exit(0);
    }
    if (flags.has(name)) {
      values.set(name, 'true');
      continue;
    }
    if (!known.has(name)) throw new InputError(`${name}: unknown option (see --help)`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new InputError(`${name}: expected a value`);
    values.set(name, value);
    i++;
  }
  return values;
}

function readJson(path: string, option: string, maxBytes: number): unknown {
  let text: string;
  try {
    // The size first: a file over the cap is refused before it is read into memory.
    const tooLarge = fileSizeProblem(statSync(path).size, maxBytes);
    if (tooLarge !== null) throw new InputError(`${option}: ${path}: ${tooLarge}`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new InputError(`${option}: cannot read ${path} (${code})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
}

function instantOption(values: Map<string, string>, name: string): number | undefined {
  const text = values.get(name);
  if (text === undefined) return undefined;
  const parsed = isoInstant.safeParse(text);
  if (!parsed.success)
    throw new InputError(`${name}: expected ISO date (e.g. 2026-06-01T00:00:00Z), got ${JSON.stringify(text)}`);
  return parsed.data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function run(argv: readonly string[]): string {
  const values = parseArguments(argv);
  const input = values.get('--input');
  if (input === undefined) throw new InputError('--input: required (a LeadLens snapshot file)');
  const format = (values.get('--format') ?? 'table') as Format;
  if (!formats.includes(format))
    throw new InputError(`--format: expected json, table or csv, got ${JSON.stringify(format)}`);
  const asOfOverride = instantOption(values, '--as-of');
  const from = instantOption(values, '--from');
  const to = instantOption(values, '--to');

  let json = readJson(input, '--input', SNAPSHOT_FILE_MAX_BYTES);
  const settingsPath = values.get('--settings');
  if (settingsPath !== undefined) {
    const settings = readJson(settingsPath, '--settings', SETTINGS_FILE_MAX_BYTES);
    if (!isRecord(settings)) throw new InputError(`${settingsPath}: expected a JSON object of settings`);
    // The settings file's fields replace the snapshot file's one by one; absent ones keep the file's.
    if (isRecord(json))
      json = { ...json, settings: { ...(isRecord(json.settings) ? json.settings : {}), ...settings } };
  }
  const parsed = parseSnapshotFile(json);
  if (!parsed.ok) throw new InputError(parsed.error);
  const file = parsed.value;
  // Kept but never silent (docs/report.md): on stderr, so stdout stays the report alone.
  for (const warning of snapshotFileWarnings(file)) process.stderr.write(`warning: ${warning}\n`);
  const asOf = asOfOverride ?? file.asOf;
  const prepared = prepareReport(file.snapshot, file.settings, asOf);
  const window = {
    ...defaultWindow(prepared),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
  if (window.to <= window.from) throw new InputError('--from: must be before --to');
  const perLead = values.has('--per-lead');
  const report = reportFromPrepared(prepared, { window, owners: file.snapshot.owners.length, perLead });
  if (format === 'json') return `${reportToJsonText(report, 2)}\n`;
  // The per-lead CSV is a table of its own, one row per lead, which a spreadsheet opens as it is.
  if (format === 'csv') return perLead ? perLeadToCsv(report.perLead ?? []) : reportToCsv(report);
  return reportToTable(report);
}

try {
  process.stdout.write(run(process.argv.slice(2)));
} catch (error) {
  if (error instanceof InputError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  // Not the input's fault: still one line, never a stack trace; status 1 tells it apart from bad input.
  process.stderr.write(`report failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
