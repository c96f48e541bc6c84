import { CSV_IMPORT_MAX_BYTES, textSizeProblem } from '../model/import-limits';
import { isReservedKey } from '../model/record-keys';
import { parseCsv, toCsv, unguardFormula } from './csv';

// Marketing spend per source per month, as METRICS.md's `marketingSpend` `{source: {"YYYY-MM": amount}}`, to and
// from a three-column CSV a marketer can keep in a spreadsheet: source, month, amount.

export type MarketingSpend = Record<string, Record<string, number>>;

export interface SpendImport {
  spend: MarketingSpend;
  /**
   * One entry per refused line, with its 1-based line number, so the user can fix the file. `reserved` is a source
   * named `__proto__`, `constructor` or `prototype` (lib/model/record-keys.ts), given in `source`.
   */
  errors: Array<{
    line: number;
    problem: 'columns' | 'source' | 'reserved' | 'month' | 'amount' | 'duplicate';
    source?: string;
  }>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const HEADER = ['source', 'month', 'amount'];

export function spendToCsv(spend: MarketingSpend): string {
  const rows = Object.entries(spend)
    .flatMap(([source, months]) => Object.entries(months).map(([month, amount]) => [source, month, amount] as const))
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  return toCsv(HEADER, rows);
}

/** Throws a RangeError for a text over `CSV_IMPORT_MAX_BYTES`; the UI checks the file's size before reading it. */
export function spendFromCsv(text: string): SpendImport {
  const tooLarge = textSizeProblem(text, CSV_IMPORT_MAX_BYTES);
  if (tooLarge !== null) throw new RangeError(tooLarge);
  const spend: MarketingSpend = {};
  const errors: SpendImport['errors'] = [];
  const rows = parseCsv(text);
  for (const [index, cells] of rows.entries()) {
    const problem = addSpendLine(spend, cells, index === 0);
    if (problem === 'reserved') errors.push({ line: index + 1, problem, source: sourceOf(cells) });
    else if (problem) errors.push({ line: index + 1, problem });
  }
  return { spend, errors };
}

type SpendProblem = SpendImport['errors'][number]['problem'];

function sourceOf(cells: readonly string[]): string {
  // An apostrophe is how our own export guards formula-like text; undo it on the way back in.
  return unguardFormula((cells[0] ?? '').trim()).trim();
}

/** Adds one CSV line to `spend`; returns what is wrong with it, or null (a header or blank line is fine). */
function addSpendLine(spend: MarketingSpend, cells: string[], first: boolean): SpendProblem | null {
  if (first && cells.map((cell) => cell.trim().toLowerCase()).join() === HEADER.join()) return null;
  if (cells.length === 1 && cells[0]?.trim() === '') return null;
  if (cells.length !== 3) return 'columns';
  const [, month = '', rawAmount = ''] = cells.map((cell) => cell.trim());
  const source = sourceOf(cells);
  if (source === '' || source.length > 100) return 'source';
  if (isReservedKey(source)) return 'reserved';
  if (!MONTH.test(month)) return 'month';
  const amount = Number(rawAmount.replace(/[\s,]/g, ''));
  if (rawAmount === '' || !Number.isFinite(amount) || amount < 0) return 'amount';
  // Own entries only: a source named like an inherited member ("toString") must not find Object.prototype's.
  const months = (Object.hasOwn(spend, source) ? spend[source] : undefined) ?? {};
  if (months[month] !== undefined) return 'duplicate';
  months[month] = amount;
  spend[source] = months;
  return null;
}
