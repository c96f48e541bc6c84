import { describe, expect, it } from 'vitest';
import { catalogs, directionOf, placeholdersOf, resolveLanguage, translator } from '../../../lib/i18n';

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

  it('translates into Hebrew', () => {
    expect(translator('he')('common.version', { version: '2' })).toBe('גרסה 2');
  });
});
