import { type FormEvent, useEffect, useState } from 'react';
import { callBackground } from '../../lib/messaging/client';
import { loadSyncSettings, saveSyncSettings } from '../../lib/settings/sync-settings';
import type { Locale } from '../useLocale';

/** The engagement scope (months kept) and a full re-sync, which is when a new scope takes effect. */
export function SyncScope({ locale }: { locale: Locale }) {
  const { t } = locale;
  const [months, setMonths] = useState('');
  const [managed, setManaged] = useState(false);
  const [saved, setSaved] = useState(false);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    // Read here, not through the background: an extension page may read storage.local and the policy.
    void loadSyncSettings().then((settings) => {
      // A value typed before the stored one arrived is kept.
      setMonths((typed) => (typed === '' ? String(settings.engagementMonths) : typed));
      setManaged(settings.managed);
      setLoaded(true);
    });
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(months);
    if (!Number.isInteger(value) || value < 1) return;
    const settings = await saveSyncSettings({ engagementMonths: value });
    setMonths(String(settings.engagementMonths));
    setSaved(true);
  };

  return (
    <form onSubmit={(event) => void save(event)} data-testid="sync-scope" data-loaded={String(loaded)}>
      <div className="ll-field">
        <label htmlFor="leadlens-scope">{t('sync.scopeLabel')}</label>
        <input
          id="leadlens-scope"
          data-testid="scope-input"
          type="number"
          min={1}
          max={240}
          value={months}
          disabled={managed}
          onChange={(event) => {
            setMonths(event.target.value);
            setSaved(false);
          }}
        />
        <span className="ll-muted">{managed ? t('settings.setByOrganisation') : t('sync.scopeHint')}</span>
      </div>
      <div className="ll-row">
        {!managed && (
          <button type="submit" className="ll-secondary" data-testid="scope-save">
            {saved ? t('sync.scopeSaved') : t('common.save')}
          </button>
        )}
        <button
          type="button"
          className="ll-secondary"
          data-testid="sync-full"
          onClick={() => void callBackground('syncNow', { full: true })}
        >
          {t('sync.full')}
        </button>
      </div>
    </form>
  );
}
