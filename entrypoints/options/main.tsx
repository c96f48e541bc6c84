import { useState } from 'react';
import { AlertSettings } from '../../components/alerts/AlertSettings';
import { BackgroundStatus } from '../../components/BackgroundStatus';
import { ConnectPanel } from '../../components/connect/ConnectPanel';
import { TeamSettingsTransfer } from '../../components/connect/TeamSettingsTransfer';
import { LanguageSelect } from '../../components/LanguageSelect';
import { mountPage } from '../../components/mountPage';
import { PrivacyLink } from '../../components/PrivacyLink';
import { OptionsTeamSetup } from '../../components/panel/OptionsTeamSetup';
import { SyncPanel } from '../../components/sync/SyncPanel';
import { TaggingTarget } from '../../components/tagging/TaggingTarget';
import { useDocumentLocale, useLocale } from '../../components/useLocale';

function Options() {
  const locale = useLocale();
  useDocumentLocale(locale, 'options.title');
  const { t } = locale;
  // Bumped when the connection changes, so the sync panel remounts with the new state at once.
  const [connection, setConnection] = useState(0);
  return (
    <main data-testid="options">
      <h1>{t('options.title')}</h1>
      {locale.settingsProblem && (
        <p className="ll-error" role="alert">
          {t('common.error', { message: locale.settingsProblem })}
        </p>
      )}
      <section aria-labelledby="general-heading">
        <h2 id="general-heading">{t('options.general')}</h2>
        <LanguageSelect locale={locale} />
      </section>
      <section aria-labelledby="connection-heading">
        <h2 id="connection-heading">{t('options.connection')}</h2>
        <p className="ll-muted">{t('options.connectionHint')}</p>
        <BackgroundStatus key={connection} locale={locale} />
        <ConnectPanel locale={locale} onChange={() => setConnection((value) => value + 1)} />
      </section>
      <SyncPanel key={connection} locale={locale} />
      <AlertSettings locale={locale} />
      <OptionsTeamSetup locale={locale} />
      <TeamSettingsTransfer locale={locale} />
      <TaggingTarget key={`tagging-${connection}`} locale={locale} />
      <footer className="ll-muted">
        <PrivacyLink locale={locale} />
      </footer>
    </main>
  );
}

mountPage(<Options />);
