import { en, type MessageKey } from './en';
import { he } from './he';

export type { MessageKey } from './en';
export type Language = 'en' | 'he';
export type LanguageSetting = 'auto' | Language;
export type Direction = 'ltr' | 'rtl';

export const catalogs: Record<Language, Record<MessageKey, string>> = { en, he };

/** 'auto' follows the browser's UI language; anything we have no catalogue for falls back to English. */
export function resolveLanguage(setting: LanguageSetting, browserLanguage: string): Language {
  if (setting !== 'auto') return setting;
  // Chrome reports Hebrew as "he" but older locales (and some Linux builds) still say "iw".
  const primary = browserLanguage.toLowerCase().split(/[-_]/)[0];
  return primary === 'he' || primary === 'iw' ? 'he' : 'en';
}

export function directionOf(language: Language): Direction {
  return language === 'he' ? 'rtl' : 'ltr';
}

/** BCP 47 tag for Intl formatters. */
export function localeOf(language: Language): string {
  return language === 'he' ? 'he-IL' : 'en-US';
}

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Placeholders are `{name}`; a missing parameter is left visible so the gap is noticed, not hidden. */
export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  return (key, params) => {
    const template = catalog[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  };
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}
