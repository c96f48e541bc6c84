import { useEffect, useId, useState } from 'react';
import {
  type AlertErrors,
  type AlertField,
  type AlertForm,
  alertFormFrom,
  validateAlertForm,
  withAlertSettings,
} from '../../lib/alerts/settings-form';
import type { MetricSettings, Owner } from '../../lib/model';
import { useTeamSettings } from '../panel/useTeamSettings';
import type { Locale } from '../useLocale';
import { useOwners } from '../useOwners';
import { AlertSettingField } from './AlertSettingField';
import type { AlertSectionProps } from './alert-section-props';
import { BusinessHoursSettings } from './BusinessHoursSettings';
import { EarlyWarningSettings } from './EarlyWarningSettings';
import { SlaSettings } from './SlaSettings';
import { TimerSettings } from './TimerSettings';
import './alert-settings.css';

// "Alerts and timers" in the options page: who I am (my leads get alerts and the toolbar count), the SLA, business
// hours, which leads show timers and the early warning. Saved with the other team settings; what the organisation set
// is read-only.

export function AlertSettings({ locale }: { locale: Locale }) {
  const { t } = locale;
  const team = useTeamSettings();
  const owners = useOwners();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid="alert-settings">
      <h2 id={headingId}>{t('options.alerts')}</h2>
      {team.settings ? (
        <AlertSettingsForm
          locale={locale}
          settings={team.settings}
          managedKeys={team.managedKeys}
          owners={owners}
          {...(team.problem ? { problem: team.problem } : {})}
          onSave={team.save}
        />
      ) : (
        <p className={team.failed ? 'll-error' : 'll-muted'} role={team.failed ? 'alert' : 'status'}>
          {team.failed ? t('common.error', { message: team.failed }) : t('common.loading')}
        </p>
      )}
    </section>
  );
}

interface FormProps {
  locale: Locale;
  settings: MetricSettings;
  managedKeys: readonly string[];
  owners: readonly Owner[];
  problem?: string;
  onSave(settings: MetricSettings): Promise<void>;
}

export function AlertSettingsForm({ locale, settings, managedKeys, owners, problem, onSave }: FormProps) {
  const { t, intlLocale } = locale;
  const [form, setForm] = useState<AlertForm>(() => alertFormFrom(settings));
  const [errors, setErrors] = useState<AlertErrors>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  // New settings from elsewhere (another page, the policy) replace an untouched form.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setForm(alertFormFrom(settings));
  }, [settings, dirty]);

  const managed = (key: keyof MetricSettings) => managedKeys.includes(key);
  const update = (patch: Partial<AlertForm>) => {
    setDirty(true);
    setForm((current) => ({ ...current, ...patch }));
  };
  const error = (field: AlertField) => errors[field];
  // A saved owner who is not in the cache (yet) stays choosable rather than silently turning into "nobody".
  const ownerChoices =
    form.myOwnerId && !owners.some((owner) => owner.id === form.myOwnerId)
      ? [...owners, { id: form.myOwnerId, name: form.myOwnerId, email: '' }]
      : owners;

  const submit = async (event: { preventDefault(): void }) => {
    event.preventDefault();
    const result = validateAlertForm(form);
    if (!result.ok) {
      setErrors(result.errors);
      setStatus({ ok: false, text: t('alerts.fixErrors') });
      return;
    }
    setErrors({});
    try {
      await onSave(withAlertSettings(settings, result.value, managedKeys));
      setDirty(false);
      setStatus({ ok: true, text: t('alerts.saved') });
    } catch (failure) {
      setStatus({
        ok: false,
        text: t('alerts.saveFailed', { message: failure instanceof Error ? failure.message : String(failure) }),
      });
    }
  };

  const daysErrorId = useId();
  const section: AlertSectionProps = { t, form, error, managed, update };
  return (
    <form className="ll-alerts" onSubmit={(event) => void submit(event)} noValidate>
      <p className="ll-muted">{t('alerts.intro')}</p>
      {problem && (
        <p className="ll-error" role="alert">
          {t('setup.problem', { message: problem })}
        </p>
      )}
      <AlertSettingField
        label={t('alerts.myOwner')}
        hint={t(owners.length > 0 ? 'alerts.myOwnerHint' : 'alerts.noOwners')}
        managed={managed('myOwnerId')}
        t={t}
      >
        {({ id, describedBy, disabled }) => (
          <select
            id={id}
            data-testid="alerts-myOwner"
            value={form.myOwnerId}
            aria-describedby={describedBy}
            disabled={disabled}
            onChange={(event) => update({ myOwnerId: event.target.value })}
          >
            <option value="">{t('alerts.myOwnerNone')}</option>
            {ownerChoices.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name || owner.email || owner.id}
              </option>
            ))}
          </select>
        )}
      </AlertSettingField>
      <SlaSettings {...section} />
      <BusinessHoursSettings
        {...section}
        intlLocale={intlLocale}
        timezone={settings.timezone}
        daysErrorId={daysErrorId}
      />
      <TimerSettings {...section} />
      <EarlyWarningSettings {...section} />
      <div className="ll-row">
        <button type="submit" data-testid="alerts-save">
          {t('alerts.save')}
        </button>
      </div>
      {status && (
        <p
          className={status.ok ? 'll-muted' : 'll-error'}
          role={status.ok ? 'status' : 'alert'}
          data-testid="alerts-status"
        >
          {status.text}
        </p>
      )}
    </form>
  );
}
