// Which language and direction, with no catalogue: the content scripts import this, not index.ts, which brings every
// string of LeadLens's pages (see en-overlay.ts).

export type Language = 'en' | 'he';
export type LanguageSetting = 'auto' | Language;
export type Direction = 'ltr' | 'rtl';

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
