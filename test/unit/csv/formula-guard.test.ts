import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, guardFormula, parseCsv, toCsv, unguardFormula } from '../../../lib/csv/csv';
import { spendFromCsv, spendToCsv } from '../../../lib/csv/marketing-spend';
import { csvText, groupRows, missingRows } from '../../../lib/panel/csv-rows';
import type { GroupRowModel } from '../../../lib/panel/view-model';
import type { Translate } from '../../../lib/i18n';

// Issue 14: every CSV writer guards formula-like text, also behind blanks, zero-width characters and full-width
// signs; numbers stay numbers.

const guarded = [
  '=1+1',
  '+1',
  '-1',
  '@SUM(A1)',
  '\tcmd',
  '\rcmd',
  '  =HYPERLINK("http://x")',
  '\u00A0=1',
  '\u3000=1',
  '\u200B=1',
  '\u200C+1',
  '\u200D-1',
  '\u2060@x',
  '\uFEFF=1',
  ' \u200B =1',
  '\uFF1D1+1',
  '\uFF0B1',
  '\uFF0D1',
  '\uFF20SUM(A1)',
  ' \uFF1D1',
];

const plain = ['Acme', '', ' Acme', 'a=b', 'x-y', 'email@example.com', '\u200BAcme', '1-2', 'דנה'];

describe('guardFormula', () => {
  it.each(guarded)('prefixes %j with an apostrophe', (text) => {
    expect(guardFormula(text)).toBe(`'${text}`);
  });

  it.each(plain)('leaves %j alone', (text) => {
    expect(guardFormula(text)).toBe(text);
  });

  it('is undone by unguardFormula, and unguardFormula leaves a real apostrophe alone', () => {
    // Text that already reads as a guarded formula ("'=x") is the one ambiguous case: an import reads it as "=x".
    const text = fc.string({ unit: 'grapheme' }).filter((value) => unguardFormula(value) === value);
    fc.assert(
      fc.property(text, (value) => {
        expect(unguardFormula(guardFormula(value))).toBe(value);
      }),
    );
    expect(unguardFormula("'quoted")).toBe("'quoted");
  });
});

describe('csvCell', () => {
  it('keeps numbers as numbers, a negative rate included', () => {
    expect(csvCell(-0.12)).toBe('-0.12');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell('-0.12')).toBe("'-0.12");
  });

  it('guards before it quotes, so a quoted formula is still guarded', () => {
    expect(csvCell(' =A1,"x"')).toBe(`"' =A1,""x"""`);
    expect(parseCsv(toCsv(['h'], [['\uFF1DA1']]))).toEqual([['h'], ["'\uFF1DA1"]]);
  });
});

const t: Translate = (key) => key;

describe('the panel exports', () => {
  it('guard CRM text (a source tag, a contact name) and keep figures as numbers', () => {
    const row = {
      key: '\u200B=cmd',
      label: '\u200B=cmd',
      leads: 4,
      leadToCustomerRate: -0.12,
      revenue: 10,
      newCustomers: 1,
      spend: null,
      cac: null,
    } as unknown as GroupRowModel;
    const lines = csvText(groupRows([row], 'source', t)).split('\r\n');
    expect(lines[1]).toBe("'\u200B=cmd,4,-0.12,10,1,,");
    const missing = csvText(
      missingRows([{ id: '1', name: '\uFF0Bname', email: ' @mail', missing: [] }], () => null, t),
    ).split('\r\n');
    expect(missing[1]).toBe("1,'\uFF0Bname,' @mail,,");
  });

  it('round-trips a guarded source through the spend CSV', () => {
    const spend = { '\u200B=direct': { '2026-01': 1 }, '\uFF0Dsocial': { '2026-02': 2 } };
    const text = spendToCsv(spend);
    expect(text).toContain("'\u200B=direct");
    expect(spendFromCsv(text).spend).toEqual(spend);
  });
});
