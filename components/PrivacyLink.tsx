import { browser } from 'wxt/browser';
import type { Locale } from './useLocale';

/** The privacy policy shipped in the package (docs/PRIVACY*.md), opened in a tab of its own. */
export function PrivacyLink({ locale }: { locale: Locale }) {
  return (
    <a className="ll-privacy-link" href={browser.runtime.getURL('/privacy.html')} target="_blank" rel="noreferrer">
      {locale.t('common.privacyPolicy')}
    </a>
  );
}
