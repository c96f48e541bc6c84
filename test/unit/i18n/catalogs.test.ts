import { describe, expect, it } from 'vitest';
import {
  catalogs,
  directionOf,
  type Language,
  localeOf,
  placeholdersOf,
  resolveLanguage,
  translator,
} from '../../../lib/i18n';
import { plainPlaceholdersOf, pluralsOf } from '../../../lib/i18n/message-format';

describe('message catalogues', () => {
  const english = Object.keys(catalogs.en).sort();

  it.each(Object.keys(catalogs))('%s has exactly the keys of English', (language) => {
    const keys = Object.keys(catalogs[language as keyof typeof catalogs]).sort();
    expect(keys.filter((key) => !english.includes(key))).toEqual([]);
    expect(english.filter((key) => !keys.includes(key))).toEqual([]);
  });

  it.each(Object.keys(catalogs))('%s uses the same {placeholders} as English in every message', (language) => {
    const catalog = catalogs[language as keyof typeof catalogs];
    const mismatched = Object.entries(catalogs.en)
      .filter(
        ([key, template]) =>
          placeholdersOf(template).join() !== placeholdersOf(catalog[key as keyof typeof catalog]).join(),
      )
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it.each(Object.keys(catalogs))(
    '%s: every plural gives a form for each plural category of the language',
    (language) => {
      const categories = new Intl.PluralRules(localeOf(language as Language)).resolvedOptions().pluralCategories;
      const incomplete = Object.entries(catalogs[language as Language]).flatMap(([key, template]) =>
        pluralsOf(template)
          .filter((plural) => categories.some((category) => !plural.forms.includes(category)))
          .map((plural) => `${key} (${plural.name}: ${plural.forms.join(' ')})`),
      );
      expect(incomplete).toEqual([]);
    },
  );

  // A number that words agree with must choose their form: `{count}` always does, and so does any placeholder the
  // English text follows with a counted noun ("{n} leads", "{n} open deals").
  const countedNoun =
    /\{(\w+)\} (?:[a-z-]+ )?(?:records?|leads?|deals?|months?|options?|calls?|touches?|customers?|days?|weeks?|reps?|rows?|attempts?|contacts?)(?![/\w])/;
  it('has no count that is a plain placeholder in English', () => {
    const plain = Object.entries(catalogs.en)
      .filter(([, template]) => plainPlaceholdersOf(template).includes('count') || countedNoun.test(template))
      .map(([key]) => key);
    expect(plain).toEqual([]);
  });

  it('has no empty message', () => {
    for (const catalog of Object.values(catalogs)) {
      expect(Object.entries(catalog).filter(([, text]) => text.trim() === '')).toEqual([]);
    }
  });
});

describe('resolveLanguage', () => {
  it.each([
    ['auto', 'he', 'he'],
    ['auto', 'he-IL', 'he'],
    ['auto', 'iw', 'he'],
    ['auto', 'en-GB', 'en'],
    ['auto', 'fr-FR', 'en'],
    ['en', 'he-IL', 'en'],
    ['he', 'en-US', 'he'],
  ] as const)('setting %s with browser %s → %s', (setting, browser, expected) => {
    expect(resolveLanguage(setting, browser)).toBe(expected);
  });

  it('gives Hebrew a right-to-left direction and English left-to-right', () => {
    expect(directionOf('he')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });
});

describe('translator', () => {
  it('fills placeholders and leaves a missing one visible', () => {
    const t = translator('en');
    expect(t('common.version', { version: '1.2.3' })).toBe('Version 1.2.3');
    expect(t('common.version')).toBe('Version {version}');
  });

  it('agrees a count with its words, in Hebrew with the dual', () => {
    const en = translator('en');
    const he = translator('he');
    expect(en('sync.countsNoTotal', { count: 1 })).toBe('1 record');
    expect(en('sync.countsNoTotal', { count: 1200 })).toBe('1,200 records');
    expect(he('tagging.target.current', { label: 'x', count: 2 })).toBe('המקורות נכתבים גם ל„x” (שתי אפשרויות).');
    expect(he('tagging.target.current', { label: 'x', count: 1 })).toBe('המקורות נכתבים גם ל„x” (אפשרות אחת).');
  });

  it('translates into Hebrew', () => {
    expect(translator('he')('common.version', { version: '2' })).toBe('גרסה 2');
  });
});
