import { en, type MessageKey } from './en';
import { he } from './he';
import { type Language, localeOf } from './language';
import { type MessageParams, parametersOf, templateTranslator } from './message-format';

export type { MessageKey } from './en';
export { directionOf, localeOf, resolveLanguage } from './language';
export type { Direction, Language, LanguageSetting } from './language';

export const catalogs: Record<Language, Record<MessageKey, string>> = { en, he };

export type { MessageParams } from './message-format';
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * Placeholders are `{name}`, and a number that words agree with is an ICU plural argument (`message-format.ts`); a
 * missing parameter is left visible so the gap is noticed, not hidden.
 */
export function translator(language: Language): Translate {
  return templateTranslator(catalogs[language], localeOf(language));
}

/** Every parameter a template reads (plain placeholders and plural arguments), sorted. */
export function placeholdersOf(template: string): string[] {
  return parametersOf(template);
}
