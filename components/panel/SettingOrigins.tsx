import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { Translate } from '../../lib/i18n';
import type { SettingOrigin } from '../../lib/settings/settings-origin';

interface SettingOriginsValue {
  origins: Readonly<Record<string, SettingOrigin>>;
  /** The import's day, in the user's language. */
  formatDate(at: number): string;
}

const SettingOriginsContext = createContext<SettingOriginsValue | undefined>(undefined);

/** Gives the setup's fields where each setting's value comes from (`settingOrigins`), to say beside each. */
export function SettingOriginsProvider({
  origins,
  intlLocale,
  children,
}: {
  origins: Readonly<Record<string, SettingOrigin>> | undefined;
  intlLocale: string;
  children: ReactNode;
}) {
  const value = useMemo(() => {
    if (!origins) return undefined;
    const format = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium' });
    return { origins, formatDate: (at: number) => format.format(at) };
  }, [origins, intlLocale]);
  return <SettingOriginsContext.Provider value={value}>{children}</SettingOriginsContext.Provider>;
}

/** A setting's origin in words: the organisation's policy, the team file imported on a day, this browser, or the default. */
export function settingOriginText(origin: SettingOrigin, t: Translate, formatDate: (at: number) => string): string {
  switch (origin.kind) {
    case 'policy':
      return t('setup.managed');
    case 'file':
      return t('setup.origin.file', { date: formatDate(origin.importedAt) });
    case 'browser':
      return t('setup.origin.browser');
    case 'default':
      return t('setup.origin.default');
  }
}

/** The origin of `setting` (a key of the team settings), or nothing when the page gave no origins. */
export function useSettingOrigin(
  setting: string | undefined,
): { origin: SettingOrigin; formatDate(at: number): string } | undefined {
  const value = useContext(SettingOriginsContext);
  const origin = setting === undefined ? undefined : value?.origins[setting];
  return origin && value ? { origin, formatDate: value.formatDate } : undefined;
}
