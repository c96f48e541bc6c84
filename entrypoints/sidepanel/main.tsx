import { browser } from 'wxt/browser';
import { BackgroundStatus } from '../../components/BackgroundStatus';
import { mountPage } from '../../components/mountPage';
import { useDocumentLocale, useLocale } from '../../components/useLocale';

function RoiPanel() {
  const locale = useLocale();
  useDocumentLocale(locale, 'panel.title');
  const { t } = locale;
  return (
    <main data-testid="roi-panel">
      <h1>{t('panel.title')}</h1>
      <BackgroundStatus locale={locale} />
      <p>{t('panel.emptyNotConnected')}</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('common.openOptions')}
      </button>
    </main>
  );
}

mountPage(<RoiPanel />);
