import { enOverlay, type OverlayKey } from './en-overlay';
import { heOverlay } from './he-overlay';
import { type Language, localeOf } from './language';
import { type MessageParams, templateTranslator } from './message-format';

// The content scripts' translator: the overlays' strings only (en-overlay.ts). LeadLens's pages translate with
// index.ts; a page's translator also serves code typed with `OverlayTranslate`, since it knows every overlay key.

export type { OverlayKey } from './en-overlay';
export type OverlayTranslate = (key: OverlayKey, params?: MessageParams) => string;

const catalogs: Record<Language, Record<OverlayKey, string>> = { en: enOverlay, he: heOverlay };

export function overlayTranslator(language: Language): OverlayTranslate {
  return templateTranslator(catalogs[language], localeOf(language));
}
