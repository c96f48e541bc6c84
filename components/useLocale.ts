import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { directionOf, type Language, localeOf, resolveLanguage, type Translate, translator } from '../lib/i18n';
import { type AppSettings, defaultAppSettings } from '../lib/settings/schema';
import { loadSettings, watchSettings } from '../lib/settings/storage';

export interface Locale {
  language: Language;
  dir: 'ltr' | 'rtl';
  /** BCP 47 tag for `Intl` formatters. */
  intlLocale: string;
  t: Translate;
  settings: AppSettings;
  /** Set when the stored settings could not be read and defaults are in use. */
  settingsProblem?: string;
  ready: boolean;
}

/** The language every LeadLens view renders in; follows the stored setting live, in every open view. */
export function useLocale(): Locale {
  const [settings, setSettings] = useState<AppSettings>(defaultAppSettings);
  const [problem, setProblem] = useState<string>();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    loadSettings().then((result) => {
      if (controller.signal.aborted) return;
      setSettings(result.settings);
      setProblem(result.problem);
      setReady(true);
    });
    watchSettings((result) => {
      setSettings(result.settings);
      setProblem(result.problem);
    }, controller.signal);
    return () => controller.abort();
  }, []);

  return useMemo(() => {
    const language = resolveLanguage(settings.language, browser.i18n.getUILanguage());
    return {
      language,
      dir: directionOf(language),
      intlLocale: localeOf(language),
      t: translator(language),
      settings,
      settingsProblem: problem,
      ready,
    };
  }, [settings, problem, ready]);
}

/** Extension pages keep `<html lang dir>` in step, so the browser's own widgets and screen readers follow. */
export function useDocumentLocale(locale: Locale, titleKey: Parameters<Translate>[0]): void {
  useEffect(() => {
    document.documentElement.lang = locale.language;
    document.documentElement.dir = locale.dir;
    document.title = locale.t(titleKey);
  }, [locale, titleKey]);
}
