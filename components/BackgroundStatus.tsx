import { useEffect, useState } from 'react';
import { callBackground } from '../lib/messaging/client';
import type { ResponseOf } from '../lib/messaging/protocol';
import type { Locale } from './useLocale';

type State = { kind: 'loading' } | { kind: 'ready'; status: ResponseOf<'ping'> } | { kind: 'failed'; message: string };

/** Proves the round trip page → background → page, and tells the user plainly when the background is gone. */
export function BackgroundStatus({ locale }: { locale: Locale }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    callBackground('ping', {})
      .then((status) => live && setState({ kind: 'ready', status }))
      .catch((error: unknown) => live && setState({ kind: 'failed', message: String(error) }));
    return () => {
      live = false;
    };
  }, []);

  const { t } = locale;
  if (state.kind === 'loading') return <p className="ll-muted">{t('common.loading')}</p>;
  if (state.kind === 'failed')
    return (
      <p className="ll-error" role="alert">
        {t('common.backgroundUnavailable')}
      </p>
    );
  return (
    <p className="ll-status" data-testid="background-status" data-connected={String(state.status.connected)}>
      <span className="ll-dot" data-state={state.status.connected ? 'ok' : 'bad'} aria-hidden="true" />
      {state.status.connected ? t('common.connected', { portalId: '' }) : t('common.notConnected')}
      <span className="ll-muted">· {t('common.version', { version: state.status.version })}</span>
    </p>
  );
}
