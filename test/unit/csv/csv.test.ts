import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeFormula, parseCsv, toCsv } from '../../../lib/csv/csv';
import { spendFromCsv, spendToCsv } from '../../../lib/csv/marketing-spend';

describe('toCsv', () => {
  it('quotes what needs quoting and guards formula-like cells', () => {
    const csv = toCsv(
      ['name', 'amount'],
      [
        ['Acme, Inc.', 1200.5],
        ['=HYPERLINK("x")', null],
        ['line\nbreak', Number.NaN],
        ['דנה "הגדולה"', -3],
      ],
    );
    expect(csv).toBe(
      'name,amount\r\n"Acme, Inc.",1200.5\r\n"\'=HYPERLINK(""x"")",\r\n"line\nbreak",\r\n"דנה ""הגדולה""",-3',
    );
  });
});

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, CRLF and LF, and a BOM', () => {
    expect(parseCsv('\uFEFFa,"b,c"\r\n"d""e",f\ng,')).toEqual([
      ['a', 'b,c'],
      ['d"e', 'f'],
      ['g', ''],
    ]);
  });

  it('round-trips any table whose cells do not look like formulas (property)', () => {
    const cell = fc.string().filter((text) => !looksLikeFormula(text));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const [header = [], ...body] = rows;
        const parsed = parseCsv(toCsv(header, body));
        // A lone empty cell in a one-row table is indistinguishable from no row; the header always has 2 cells.
        expect(parsed).toEqual(rows);
      }),
    );
  });
});

describe('marketing spend CSV', () => {
  it('imports source, month and amount, and exports them back sorted', () => {
    const { spend, errors } = spendFromCsv(
      'source,month,amount\npaid_search,2026-01,"1,500"\npartner-webinar,2026-02,300\n',
    );
    expect(errors).toEqual([]);
    expect(spend).toEqual({ paid_search: { '2026-01': 1500 }, 'partner-webinar': { '2026-02': 300 } });
    expect(spendToCsv(spend)).toBe('source,month,amount\r\npaid_search,2026-01,1500\r\npartner-webinar,2026-02,300');
  });

  it('refuses bad lines by number and keeps the good ones', () => {
    const text = [
      'paid_search,2026-13,5',
      'paid_search,2026-01,-5',
      ',2026-01,5',
      'a,b',
      'x,2026-01,5',
      'x,2026-01,6',
      'ok,2026-03,7',
    ].join('\n');
    const { spend, errors } = spendFromCsv(text);
    expect(errors).toEqual([
      { line: 1, problem: 'month' },
      { line: 2, problem: 'amount' },
      { line: 3, problem: 'source' },
      { line: 4, problem: 'columns' },
      { line: 6, problem: 'duplicate' },
    ]);
    expect(spend).toEqual({ x: { '2026-01': 5 }, ok: { '2026-03': 7 } });
  });

  it('restores a source our export guarded against formulas', () => {
    const exported = spendToCsv({ '-direct': { '2026-01': 1 } });
    expect(spendFromCsv(exported).spend).toEqual({ '-direct': { '2026-01': 1 } });
  });
});
