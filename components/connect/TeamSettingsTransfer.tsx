import { type ChangeEvent, useState } from 'react';
import { fileTooLarge, SETTINGS_FILE_MAX_BYTES } from '../../lib/model/import-limits';
import { findReservedKey, reservedKeyMessage } from '../../lib/model/record-keys';
import { importTeamSettings } from '../../lib/settings/team-settings';
import { useTeamSettings } from '../panel/useTeamSettings';
import type { Locale } from '../useLocale';

/** Export and import of the team settings as a JSON file; values the organisation set are named, not editable. */
export function TeamSettingsTransfer({ locale }: { locale: Locale }) {
  const { t } = locale;
  const current = useTeamSettings();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const exportFile = () => {
    if (!current.settings) return;
    const blob = new Blob([JSON.stringify(current.settings, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'leadlens-team-settings.json';
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    // Checked before the file is read: settings are a few KB, so a large file is a wrong or hostile one.
    const tooLarge = fileTooLarge(file.size, SETTINGS_FILE_MAX_BYTES);
    if (tooLarge) {
      setMessage({ ok: false, text: t('connect.importFailed', { message: t('common.fileTooLarge', tooLarge) }) });
      return;
    }
    try {
      const parsed: unknown = JSON.parse(await file.text());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
      // The schema strips unknown top-level keys quietly; a reserved one anywhere marks the file as not ours.
      const reserved = findReservedKey(parsed);
      if (reserved) throw new Error(`${reserved.join('.')}: ${reservedKeyMessage(String(reserved.at(-1)))}`);
      // Saved here (an extension page may write storage.local); every open view hears the change, and each setting
      // then says it came from this file.
      await importTeamSettings(parsed);
      setMessage({ ok: true, text: t('connect.importDone') });
    } catch (error) {
      setMessage({
        ok: false,
        text: t('connect.importFailed', { message: error instanceof Error ? error.message : String(error) }),
      });
    }
  };

  return (
    <section aria-labelledby="team-settings-heading" data-testid="team-settings">
      <h2 id="team-settings-heading">{t('connect.teamSettings')}</h2>
      <p className="ll-muted">{t('connect.teamSettingsHint')}</p>
      {current.managedKeys.length > 0 && (
        <p className="ll-muted">{t('connect.managedSettings', { keys: current.managedKeys.join(', ') })}</p>
      )}
      <div className="ll-row">
        <button type="button" className="ll-secondary" onClick={exportFile} disabled={!current.settings}>
          {t('connect.exportSettings')}
        </button>
        <label className="ll-secondary">
          {t('connect.importSettings')}{' '}
          <input type="file" accept="application/json,.json" onChange={(event) => void importFile(event)} />
        </label>
      </div>
      {message && (
        <p className={message.ok ? 'll-muted' : 'll-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
