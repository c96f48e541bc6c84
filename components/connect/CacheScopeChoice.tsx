import { useId, useState } from 'react';
import type { CacheScopeSetting } from '../../lib/sync/cache-scope';
import { useTeamSettings } from '../panel/useTeamSettings';
import type { Locale } from '../useLocale';
import { useOwners } from '../useOwners';
import { WhoseLeadsRadios } from './WhoseLeadsRadios';

// Whose leads this browser keeps (issue #23), chosen at connect and changeable later: "I'm a manager" keeps the whole
// portal, "I'm a rep" keeps my leads (tied to my owner) and looks colleagues' up on demand. What changes on a switch
// is said before it is saved; a policy can set it, and then it is shown, not offered.

export function CacheScopeChoice({ locale }: { locale: Locale }) {
  const { t } = locale;
  const team = useTeamSettings();
  const owners = useOwners();
  const [scope, setScope] = useState<CacheScopeSetting>();
  const [owner, setOwner] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const ownerId = useId();
  const noteId = useId();
  const settings = team.settings;
  if (!settings) return null;
  const managed = team.managedKeys.includes('cacheScope');
  const chosen = scope ?? settings.cacheScope;
  const chosenOwner = owner ?? settings.myOwnerId ?? '';
  const changed = chosen !== settings.cacheScope || (chosen === 'mine' && chosenOwner !== (settings.myOwnerId ?? ''));
  const hours = new Intl.NumberFormat(locale.intlLocale).format(settings.lookupLifetimeHours);

  const save = async () => {
    await team.save({ cacheScope: chosen, ...(chosen === 'mine' ? { myOwnerId: chosenOwner } : {}) });
    setScope(undefined);
    setOwner(undefined);
    setSaved(t('cacheScope.saved'));
  };

  return (
    <fieldset data-testid="cache-scope" disabled={managed}>
      <legend>{t('cacheScope.title')}</legend>
      {managed && <p className="ll-muted">{t('cacheScope.managed')}</p>}
      <WhoseLeadsRadios
        locale={locale}
        name="cache-scope"
        chosen={chosen}
        manager={{ value: 'portal', testId: 'cache-scope-portal' }}
        rep={{ value: 'mine', testId: 'cache-scope-mine' }}
        onChoose={(value) => setScope(value)}
      />
      {chosen === 'mine' && (
        <div className="ll-field">
          <label htmlFor={ownerId}>{t('cacheScope.myOwner')}</label>
          <select
            id={ownerId}
            data-testid="cache-scope-owner"
            value={chosenOwner}
            onChange={(event) => setOwner(event.target.value)}
          >
            <option value="">{t('cacheScope.myOwnerNone')}</option>
            {owners.map((row) => (
              <option key={row.id} value={row.id}>
                {row.name || row.email || row.id}
              </option>
            ))}
          </select>
        </div>
      )}
      {settings.cacheScope === 'mine' && chosen === 'mine' && (
        <LookupLifetime
          locale={locale}
          hours={settings.lookupLifetimeHours}
          managed={team.managedKeys.includes('lookupLifetimeHours')}
          onSave={(hours) => team.save({ lookupLifetimeHours: hours })}
        />
      )}
      <p className="ll-muted" id={noteId} data-testid="cache-scope-note">
        {chosen === 'mine' ? t('cacheScope.repNote', { hours }) : t('cacheScope.managerNote')}
      </p>
      {changed && (
        <button
          type="button"
          data-testid="cache-scope-save"
          aria-describedby={noteId}
          disabled={chosen === 'mine' && chosenOwner === ''}
          onClick={() => void save()}
        >
          {t(chosen === 'mine' ? 'cacheScope.saveRep' : 'cacheScope.saveManager')}
        </button>
      )}
      {saved && !changed && (
        <p role="status" className="ll-muted">
          {saved}
        </p>
      )}
    </fieldset>
  );
}

/** How long a colleague's looked-up lead is kept (MetricSettings.lookupLifetimeHours: over 0, at most 30 days). */
function LookupLifetime(props: {
  locale: Locale;
  hours: number;
  managed: boolean;
  onSave(hours: number): Promise<void>;
}) {
  const { t } = props.locale;
  const [text, setText] = useState<string>();
  const [saved, setSaved] = useState(false);
  const id = useId();
  const shown = text ?? String(props.hours);
  const value = Number(shown);
  const valid = shown.trim() !== '' && Number.isFinite(value) && value > 0 && value <= 720;
  return (
    <div className="ll-field">
      <label htmlFor={id}>{t('cacheScope.lifetime')}</label>
      <input
        id={id}
        type="number"
        min={0.01}
        max={720}
        step="any"
        dir="ltr"
        data-testid="cache-scope-lifetime"
        disabled={props.managed}
        aria-invalid={!valid}
        value={shown}
        onChange={(event) => {
          setText(event.target.value);
          setSaved(false);
        }}
      />{' '}
      {text !== undefined && valid && value !== props.hours && (
        <button
          type="button"
          data-testid="cache-scope-lifetime-save"
          onClick={() =>
            void props.onSave(value).then(() => {
              setText(undefined);
              setSaved(true);
            })
          }
        >
          {t('cacheScope.saveLifetime')}
        </button>
      )}
      {saved && (
        <p role="status" className="ll-muted">
          {t('cacheScope.lifetimeSaved')}
        </p>
      )}
    </div>
  );
}
