import { browser } from 'wxt/browser';
import { MyWeek } from '../../components/alerts/MyWeek';
import { BackgroundStatus } from '../../components/BackgroundStatus';
import { mountPage } from '../../components/mountPage';
import { TeamQueueView } from '../../components/panel/TeamQueueView';
import { PrivacyLink } from '../../components/PrivacyLink';
import { SyncPanel } from '../../components/sync/SyncPanel';
import { useDocumentLocale, useLocale } from '../../components/useLocale';
import { callBackground } from '../../lib/messaging/client';
import { LayoutNotice } from './layout-notice';
import { openRoiPanel } from './open-roi-panel';

/** The popup was opened on the current tab, which grants activeTab there: the background reads it for the tagger. */
async function tagCurrentPage(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  await callBackground('openTagger', tab?.id !== undefined ? { tabId: tab.id } : {});
  window.close();
}

function Popup() {
  const locale = useLocale();
  useDocumentLocale(locale, 'popup.title');
  const { t } = locale;
  return (
    <main style={{ minInlineSize: 300 }} data-testid="popup">
      <h1>{t('popup.title')}</h1>
      <p className="ll-muted">{t('app.tagline')}</p>
      <BackgroundStatus locale={locale} />
      <LayoutNotice locale={locale} />
      <SyncPanel locale={locale} compact />
      <MyWeek locale={locale} />
      <TeamQueueView locale={locale} compact />
      <div className="ll-row">
        <button type="button" onClick={() => void openRoiPanel()}>
          {t('common.openPanel')}
        </button>
        <button type="button" className="ll-secondary" data-testid="popup-tag" onClick={() => void tagCurrentPage()}>
          {t('popup.tag')}
        </button>
        <button type="button" className="ll-secondary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('common.openOptions')}
        </button>
      </div>
      <p className="ll-muted">
        <PrivacyLink locale={locale} />
      </p>
    </main>
  );
}

mountPage(<Popup />);
