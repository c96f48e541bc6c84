// CSV in and out for the panel's tables, the spend table and the report CLI. RFC 4180 quoting; text
// cells that a spreadsheet would run as a formula are prefixed with an apostrophe, because CRM text is untrusted and
// an export is opened by a CFO in Excel.

export type Cell = string | number | null | undefined;

// Checking only the first character is a known way past a guard: spreadsheets skip leading blanks before a formula
// sign (Excel runs " =1+1"), invisible characters hide the sign from a reader, and the full-width signs ＝＋－＠ are
// mapped to = + - @ by some spreadsheet and input-method paths. So the guard looks past any Unicode space (\p{Zs}:
// space, no-break space, U+3000…) and the zero-width characters U+200B–U+200D, U+2060 and U+FEFF, then for
// = + - @, tab, CR or LF, or a full-width sign.
const FORMULA_START = /^[\p{Zs}\u200B-\u200D\u2060\uFEFF]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** Would a spreadsheet read this text cell as a formula (or as the start of one)? */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * The one formula guard of every CSV writer: formula-like text gets a leading apostrophe, which spreadsheets show
 * as text and hide. Numbers never come here: a number cell (a negative rate, -0.12) stays a number.
 */
export function guardFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** The inverse of `guardFormula`, for files our own export wrote and a user now imports. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && looksLikeFormula(text.slice(1)) ? text.slice(1) : text;
}

/** One CSV field: numbers as numbers (non-finite as empty), text guarded and quoted when it needs to be. */
export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const guarded = guardFormula(cell);
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n');
}

/** Parses RFC 4180 text (quoted fields, doubled quotes, CRLF or LF); a trailing newline adds no row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index++;
        } else quoted = false;
      } else field += char;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
