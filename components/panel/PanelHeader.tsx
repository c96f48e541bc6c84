import type { ReactNode } from 'react';
import type { Translate } from '../../lib/i18n';
import type { CacheState } from '../../lib/panel/cache-state';
import type { Formatters } from '../../lib/panel/format';

interface PanelHeaderProps {
  t: Translate;
  f: Formatters;
  state: CacheState | undefined;
  /** The view shown is not yet the one for the current data, settings and filters. */
  stale: boolean;
  /** The worker's error; told here while an older view is still shown. */
  error: string | undefined;
  hasView: boolean;
  message: { ok: boolean; text: string } | undefined;
  /** The panel's actions, between the notices and the last action's message. */
  children: ReactNode;
}

/** The panel's head: its title, how current the figures are (or that they are being updated), and its actions. */
export function PanelHeader({ t, f, state, stale, error, hasView, message, children }: PanelHeaderProps) {
  return (
    <header className="ll-panel-head">
      <h1>{t('panel.title')}</h1>
      <p className="ll-print-only">{t('panel.print.generated', { time: f.dateTime(Date.now()) })}</p>
      {state?.asOf != null && (
        <p className="ll-muted ll-small" data-testid="as-of" data-as-of={state.asOf}>
          {t(state.origin === 'import' ? 'panel.imported' : 'panel.asOf', { time: f.dateTime(state.asOf) })}
        </p>
      )}
      {stale && (
        <p className="ll-muted ll-small ll-no-print" role="status" data-testid="updating">
          {t('panel.updating')}
        </p>
      )}
      {error && hasView && (
        <p className="ll-error" role="alert">
          {t('panel.error.worker', { message: error })}
        </p>
      )}
      {children}
      {message && (
        <p
          className={message.ok ? 'll-muted' : 'll-error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="panel-message"
        >
          {message.text}
        </p>
      )}
    </header>
  );
}
