import type { MetricSettings } from '../../lib/model/settings';
import type { Locale } from '../useLocale';
import { SettingOriginsProvider } from './SettingOrigins';
import { TeamSetup } from './TeamSetup';
import { useConnection } from './useConnection';
import { usePanelPrefs } from './usePanelPrefs';
import { useSetupChoices } from './useSetupChoices';
import { useTeamSettings } from './useTeamSettings';
import './panel.css';

/**
 * The team setup on the options page: the same form and settings as the ROI panel's, with the reps and sources read
 * from the cache (the panel takes them from its computed view). Either page sees the other's changes at once.
 */
export function OptionsTeamSetup({ locale }: { locale: Locale }) {
  const { t } = locale;
  const team = useTeamSettings();
  const { prefs, update: updatePrefs } = usePanelPrefs();
  const { connection } = useConnection();
  const { choices, error } = useSetupChoices(true);

  if (team.failed) {
    return (
      <p className="ll-error" role="alert" data-testid="options-team-setup-error">
        {t('panel.error.background')}
      </p>
    );
  }
  if (!team.settings || !prefs) return <p className="ll-muted">{t('common.loading')}</p>;

  const portalCurrency = choices?.portal.currency ?? connection?.currency;
  const currency = prefs.currency ?? portalCurrency ?? 'USD';
  const save = async (next: MetricSettings, nextCurrency: string) => {
    await team.save(next);
    if (nextCurrency !== currency) updatePrefs({ currency: nextCurrency });
  };
  return (
    <div data-testid="options-team-setup">
      {error && (
        <p className="ll-error" role="alert">
          {t('common.error', { message: error })}
        </p>
      )}
      <SettingOriginsProvider origins={team.origins} intlLocale={locale.intlLocale}>
        <TeamSetup
          t={t}
          settings={team.settings}
          managedKeys={team.managedKeys}
          currency={currency}
          portalTimeZone={choices?.portal.timeZone ?? connection?.timeZone}
          portalCurrency={portalCurrency}
          owners={choices?.owners ?? []}
          sources={choices?.sources ?? []}
          problem={team.problem}
          assumptionsNote={team.assumptionsNote}
          title={t('options.teamSetup')}
          onSave={save}
        />
      </SettingOriginsProvider>
    </div>
  );
}
