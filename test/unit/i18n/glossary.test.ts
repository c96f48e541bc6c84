import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { he } from '../../../lib/i18n/he';

// The retired words are read from docs/GLOSSARY.md itself, so the glossary and this test cannot drift apart: adding a
// word to the table's Retired column is enough to forbid it.
const docs = resolve(__dirname, '../../../docs');
const glossary = readFileSync(resolve(docs, 'GLOSSARY.md'), 'utf8');

interface Rule {
  english: string;
  retired: string[];
  allowedIn: string[];
}

const backticked = (cell: string): string[] =>
  [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]?.trim() ?? '').filter((term) => term !== '');

function rulesOf(markdown: string): Rule[] {
  const rows = markdown.split('\n').filter((line) => line.startsWith('|'));
  const cells = (line: string) => line.split('|').slice(1, -1);
  const header = rows.find((line) => cells(line).some((cell) => cell.trim() === 'Retired'));
  if (header === undefined) throw new Error('docs/GLOSSARY.md has no table with a Retired column');
  const columns = cells(header).map((cell) => cell.trim());
  const retiredColumn = columns.indexOf('Retired');
  const allowedColumn = columns.indexOf('Allowed in');
  return rows
    .slice(rows.indexOf(header) + 2)
    .map((line) => cells(line))
    .map((row) => ({
      english: row[0]?.trim() ?? '',
      retired: backticked(row[retiredColumn] ?? ''),
      allowedIn: allowedColumn < 0 ? [] : backticked(row[allowedColumn] ?? ''),
    }))
    .filter((rule) => rule.retired.length > 0);
}

// Hebrew attaches ו, ה, ב, ל, מ, ש, כ to the next word (up to three of them: וכשה…); a word boundary is anything that is
// not a letter or a mark, so geresh and gershayim inside a word (דק׳, דוא״ל) do not split it.
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordPattern = (term: string) =>
  new RegExp(`(?<![\\p{L}\\p{M}״׳])[והבלמשכ]{0,3}${escapeRegExp(term).replace(/ /g, '\\s+')}(?![\\p{L}\\p{M}״׳])`, 'u');

/** The retired words of the rules that a text uses, each with its row. */
function retiredIn(text: string, rules: readonly Rule[]): string[] {
  const found: string[] = [];
  for (const rule of rules) {
    let rest = text;
    for (const phrase of rule.allowedIn) rest = rest.split(phrase).join(' ');
    for (const term of rule.retired) if (wordPattern(term).test(rest)) found.push(`${term} (${rule.english})`);
  }
  return found;
}

// A placeholder that stands for one person; the next Hebrew word must not be a plural verb (ממתינים, ענו, ממתינות).
const personPlaceholder = /\{(?:name|rep|contact|person)\}\s+([\p{L}\p{M}]+)/gu;
const pluralVerb = /^[\u0590-\u05FF]{2,}(?:ים|ות|ו)$/u;
function pluralVerbsAfterPerson(text: string): string[] {
  return [...text.matchAll(personPlaceholder)].map((match) => match[1] ?? '').filter((word) => pluralVerb.test(word));
}

const rules = rulesOf(glossary);

describe('the Hebrew glossary', () => {
  it('is read from docs/GLOSSARY.md, with the terms the issue retires', () => {
    const retired = rules.flatMap((rule) => rule.retired);
    for (const term of ['צנרת', 'מוסמך', 'דלי', 'דליים', 'רווח', 'טוקן', 'אחראי', 'דואר יוצא']) {
      expect(retired).toContain(term);
    }
  });

  it('catches a retired word behind Hebrew prefixes, as a whole word, and spares its allowed phrases', () => {
    expect(retiredIn('מסננים: בצנרת', rules)).toEqual(['צנרת (pipeline (deal pipeline))']);
    expect(retiredIn('שיעור הזכייה בדלי', rules).length).toBe(1);
    expect(retiredIn('הרווח כולל את 0', rules).length).toBe(1);
    expect(retiredIn('רווח הסמך כולל את 0; ורווח גולמי של 60%; מרווחי הסמך של Wilson', rules)).toEqual([]);
    // Not whole words: הרוויחו (earned) and נענה (answered) are not רווח and מענה.
    expect(retiredIn('מה שהשאר הרוויחו; נענה', rules)).toEqual([]);
  });

  it('has no retired word in any Hebrew message', () => {
    const offending = Object.entries(he)
      .map(([key, text]) => [key, retiredIn(text, rules)] as const)
      .filter(([, found]) => found.length > 0);
    expect(offending).toEqual([]);
  });

  it('has no retired word in the Hebrew privacy policy', () => {
    expect(retiredIn(readFileSync(resolve(docs, 'PRIVACY.he.md'), 'utf8'), rules)).toEqual([]);
  });

  it('has no retired word in the Hebrew manifest strings (the store listing)', () => {
    const locale = JSON.parse(
      readFileSync(resolve(__dirname, '../../../public/_locales/he/messages.json'), 'utf8'),
    ) as Record<string, { message: string }>;
    expect(Object.values(locale).flatMap(({ message }) => retiredIn(message, rules))).toEqual([]);
  });

  it('says "sending" (בשליחה) for a state in progress, never "sent" (נשלח)', () => {
    const sending = Object.entries(he).filter(([key]) => key.endsWith('.sending'));
    expect(sending.length).toBeGreaterThan(0);
    expect(sending.filter(([, text]) => wordPattern('נשלח').test(text))).toEqual([]);
  });

  it('never makes one person the subject of a plural verb', () => {
    expect(pluralVerbsAfterPerson('{name} ממתינים לתשובה')).toEqual(['ממתינים']);
    expect(pluralVerbsAfterPerson('פתיחת {name} ב-HubSpot')).toEqual([]);
    const offending = Object.entries(he).filter(([, text]) => pluralVerbsAfterPerson(text).length > 0);
    expect(offending).toEqual([]);
  });
});
