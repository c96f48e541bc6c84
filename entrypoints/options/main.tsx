import { BackgroundStatus } from '../../components/BackgroundStatus';
import { LanguageSelect } from '../../components/LanguageSelect';
import { mountPage } from '../../components/mountPage';
import { useDocumentLocale, useLocale } from '../../components/useLocale';

function Options() {
  const locale = useLocale();
  useDocumentLocale(locale, 'options.title');
  const { t } = locale;
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
        <BackgroundStatus locale={locale} />
      </section>
    </main>
  );
}

mountPage(<Options />);
