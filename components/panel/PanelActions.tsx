import type { ReactNode } from 'react';
import { browser } from 'wxt/browser';
import type { Translate } from '../../lib/i18n';

interface PanelActionsProps {
  t: Translate;
  mode: 'dashboard' | 'setup';
  onToggleSetup(): void;
  /** A view is shown: it can be exported, printed and opened in a tab. */
  hasView: boolean;
  onExport(): void;
  /** The import is offered only while not connected: it would replace the synced cache. */
  connected: boolean | undefined;
  importButton: ReactNode;
}

/** The panel's toolbar: open or close the setup, export or import a snapshot, print, open the panel in a tab. */
export function PanelActions({
  t,
  mode,
  onToggleSetup,
  hasView,
  onExport,
  connected,
  importButton,
}: PanelActionsProps) {
  return (
    <div className="ll-row ll-no-print" role="toolbar" aria-label={t('panel.actions')}>
      <button
        type="button"
        className="ll-secondary"
        data-testid="toggle-setup"
        aria-pressed={mode === 'setup'}
        onClick={onToggleSetup}
      >
        {mode === 'setup' ? t('panel.closeSetup') : t('panel.openSetup')}
      </button>
      {hasView && (
        <>
          <button type="button" className="ll-secondary" data-testid="export-snapshot" onClick={onExport}>
            {t('panel.exportSnapshot')}
          </button>
          {!connected && importButton}
          <button type="button" className="ll-secondary" data-testid="print" onClick={() => window.print()}>
            {t('panel.print')}
          </button>
          <a
            className="ll-link-button"
            href={browser.runtime.getURL('/sidepanel.html')}
            target="_blank"
            rel="noreferrer"
          >
            {t('panel.openTab')}
          </a>
        </>
      )}
    </div>
  );
}
