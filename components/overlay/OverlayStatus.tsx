import { useEffect, useState } from 'react';
import type { MessageKey } from '../../lib/i18n';
import { callBackground } from '../../lib/messaging/client';
import { useLocale } from '../useLocale';

/** The overlay's presence on a site: small, in the corner, in the user's language and direction. */
export function OverlayStatus({ readyKey, site }: { readyKey: MessageKey; site: string }) {
  const locale = useLocale();
  const [connected, setConnected] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    callBackground('ping', {})
      .then((status) => live && setConnected(status.connected))
      .catch(() => live && setConnected(false));
    return () => {
      live = false;
    };
  }, []);
  const { t } = locale;
  const stateText = connected === null ? t('common.loading') : connected ? '' : t('common.notConnected');
  return (
    <div
      className="ll-pill"
      dir={locale.dir}
      lang={locale.language}
      role="status"
      data-testid="leadlens-overlay"
      data-site={site}
      data-connected={connected === null ? 'unknown' : String(connected)}
      title={t('app.tagline')}
    >
      <span className="ll-dot" data-state={connected ? 'ok' : 'bad'} aria-hidden="true" />
      <span>{t(readyKey)}</span>
      {stateText && <span>· {stateText}</span>}
    </div>
  );
}
