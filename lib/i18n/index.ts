import { en, type MessageKey } from './en';
import { he } from './he';
import { formatMessage, type MessageParams, parametersOf } from './message-format';

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

export type { MessageParams } from './message-format';
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * Placeholders are `{name}`, and a number that words agree with is an ICU plural argument (`message-format.ts`); a
 * missing parameter is left visible so the gap is noticed, not hidden.
 */
export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  const locale = localeOf(language);
  return (key, params) => {
    const template = catalog[key];
    return template.includes('{') ? formatMessage(template, params, locale) : template;
  };
}

/** Every parameter a template reads (plain placeholders and plural arguments), sorted. */
export function placeholdersOf(template: string): string[] {
  return parametersOf(template);
}
