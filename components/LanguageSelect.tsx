import { useId } from 'react';
import type { LanguageSetting } from '../lib/i18n';
import { languageSettingSchema } from '../lib/settings/schema';
import { updateSettings } from '../lib/settings/storage';
import type { Locale } from './useLocale';

const choices: readonly LanguageSetting[] = languageSettingSchema.options;

/** Changing it rewrites the stored setting; every open LeadLens view re-renders through `useLocale`. */
export function LanguageSelect({ locale }: { locale: Locale }) {
  const id = useId();
  return (
    <div className="ll-field">
      <label htmlFor={id}>{locale.t('settings.language')}</label>
      <select
        id={id}
        data-testid="language-select"
        value={locale.settings.language}
        onChange={(event) => {
          const parsed = languageSettingSchema.safeParse(event.target.value);
          if (parsed.success) void updateSettings({ language: parsed.data });
        }}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {locale.t(`settings.language.${choice}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
