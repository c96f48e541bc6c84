import { useCallback, useEffect, useState } from 'react';
import { loadPrefs, type PanelPrefs, savePrefs } from '../../lib/settings/panel-prefs';

/** The manager's own panel preferences (card choice and order, display currency), remembered in storage.local. */
export function usePanelPrefs(): { prefs?: PanelPrefs; update(patch: Partial<PanelPrefs>): void } {
  const [prefs, setPrefs] = useState<PanelPrefs>();
  useEffect(() => {
    void loadPrefs().then(setPrefs, () => setPrefs({}));
  }, []);
  const update = useCallback((patch: Partial<PanelPrefs>) => {
    setPrefs((current) => {
      const next = { ...(current ?? {}), ...patch };
      void savePrefs(next);
      return next;
    });
  }, []);
  return { prefs, update };
}
