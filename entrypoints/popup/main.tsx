import { browser } from 'wxt/browser';
import { BackgroundStatus } from '../../components/BackgroundStatus';
import { mountPage } from '../../components/mountPage';
import { SyncPanel } from '../../components/sync/SyncPanel';
import { useDocumentLocale, useLocale } from '../../components/useLocale';
import { openRoiPanel } from '../../lib/panel/open';

function Popup() {
  const locale = useLocale();
  useDocumentLocale(locale, 'popup.title');
  const { t } = locale;
  return (
    <main style={{ minInlineSize: 300 }} data-testid="popup">
      <h1>{t('popup.title')}</h1>
      <p className="ll-muted">{t('app.tagline')}</p>
      <BackgroundStatus locale={locale} />
      <SyncPanel locale={locale} compact />
      <div className="ll-row">
        <button type="button" onClick={() => void openRoiPanel()}>
          {t('common.openPanel')}
        </button>
        <button type="button" className="ll-secondary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('common.openOptions')}
        </button>
      </div>
    </main>
  );
}

mountPage(<Popup />);
