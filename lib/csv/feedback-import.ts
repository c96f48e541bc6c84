import type { FeedbackKind } from '../model/snapshot';
import { feedbackScale, type ImportedFeedbackRow, importedFeedbackId } from '../model/imported-feedback';
import { CSV_IMPORT_MAX_BYTES, textSizeProblem } from '../model/import-limits';
import { parseCsv, unguardFormula } from './csv';

// NPS and CSAT responses from a four-column CSV (date, e-mail or contact id, kind, score), for teams without HubSpot
// feedback surveys. Every line is checked on its own and a refused line is reported with its number and what is
// wrong, so the user can fix the file; the good lines are imported.

export type FeedbackLineProblem = 'columns' | 'date' | 'future' | 'contact' | 'kind' | 'score' | 'duplicate';

export interface FeedbackLineError {
  /** 1-based, as a spreadsheet numbers its rows. */
  line: number;
  problem: FeedbackLineProblem;
  /** The cell at fault as written (cut to 60 characters), or the number of cells for `columns`. */
  value: string;
  /** `score`: the kind whose scale the score is outside. */
  kind?: FeedbackKind;
  /** `duplicate`: the earlier line with the same response. */
  firstLine?: number;
}

export interface FeedbackImport {
  rows: ImportedFeedbackRow[];
  errors: FeedbackLineError[];
}

export interface FeedbackImportContext {
  /** The instant of a local date's midnight in the team's time zone (`ZoneClock.localMidnight`). */
  localMidnight(date: string): number;
  /** Responses after this instant are refused: a date in the future is a typo. */
  now: number;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// A date and time must name its zone (Z or ±hh:mm): without one the instant would depend on the importer's machine.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;
// HubSpot's record ids are numbers.
const CONTACT_ID = /^\d{1,20}$/;
const SCORE = /^\d{1,2}$/;
const HEADER_FIRST = new Set(['date', 'datum', 'תאריך']);

const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

function instantOf(text: string, context: FeedbackImportContext): number | null {
  if (DATE.test(text)) {
    // 2026-02-30 matches the pattern but is no date: Date.parse rolls it over into March.
    const noon = Date.parse(`${text}T12:00:00Z`);
    if (!Number.isFinite(noon) || !new Date(noon).toISOString().startsWith(text)) return null;
    const at = context.localMidnight(text);
    return Number.isFinite(at) ? at : null;
  }
  if (DATE_TIME.test(text)) {
    const at = Date.parse(text.replace(' ', 'T'));
    return Number.isFinite(at) ? at : null;
  }
  return null;
}

function kindOf(text: string): FeedbackKind | null {
  const lower = text.toLowerCase();
  return lower === 'nps' || lower === 'csat' ? lower : null;
}

type LineResult = { row: ImportedFeedbackRow } | { error: Omit<FeedbackLineError, 'line'> } | null;

function readLine(cells: readonly string[], context: FeedbackImportContext, importedAt: number): LineResult {
  if (cells.every((cell) => cell.trim() === '')) return null;
  if (cells.length !== 4) return { error: { problem: 'columns', value: String(cells.length) } };
  const [rawDate = '', rawContact = '', rawKind = '', rawScore = ''] = cells.map((cell) =>
    unguardFormula(cell.trim()).trim(),
  );
  const at = instantOf(rawDate, context);
  if (at === null) return { error: { problem: 'date', value: cut(rawDate) } };
  if (at > context.now) return { error: { problem: 'future', value: cut(rawDate) } };
  const contact = EMAIL.test(rawContact)
    ? { email: rawContact.toLowerCase() }
    : CONTACT_ID.test(rawContact)
      ? { contactId: rawContact }
      : null;
  if (contact === null) return { error: { problem: 'contact', value: cut(rawContact) } };
  const kind = kindOf(rawKind);
  if (kind === null) return { error: { problem: 'kind', value: cut(rawKind) } };
  const [low, high] = feedbackScale[kind];
  const score = SCORE.test(rawScore) ? Number(rawScore) : Number.NaN;
  if (!(score >= low && score <= high)) return { error: { problem: 'score', value: cut(rawScore), kind } };
  const row = { ...contact, at, kind, score, importedAt };
  return { row: { id: importedFeedbackId(row), ...row } };
}

/** Throws a RangeError for a text over `CSV_IMPORT_MAX_BYTES`; the UI checks the file's size before reading it. */
export function feedbackFromCsv(text: string, context: FeedbackImportContext): FeedbackImport {
  const tooLarge = textSizeProblem(text, CSV_IMPORT_MAX_BYTES);
  if (tooLarge !== null) throw new RangeError(tooLarge);
  const rows: ImportedFeedbackRow[] = [];
  const errors: FeedbackLineError[] = [];
  const lineOf = new Map<string, number>();
  for (const [index, cells] of parseCsv(text).entries()) {
    const line = index + 1;
    if (index === 0 && HEADER_FIRST.has((cells[0] ?? '').trim().toLowerCase())) continue;
    const result = readLine(cells, context, context.now);
    if (result === null) continue;
    if ('error' in result) {
      errors.push({ line, ...result.error });
      continue;
    }
    const first = lineOf.get(result.row.id);
    if (first !== undefined) {
      errors.push({ line, problem: 'duplicate', value: '', firstLine: first });
      continue;
    }
    lineOf.set(result.row.id, line);
    rows.push(result.row);
  }
  return { rows, errors };
}
