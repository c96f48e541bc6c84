import { liveQuery } from 'dexie';
import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import {
  type AlertErrors,
  type AlertField,
  type AlertForm,
  alertFormFrom,
  validateAlertForm,
  withAlertSettings,
} from '../../lib/alerts/settings-form';
import { database } from '../../lib/db/db';
import type { MessageKey, Translate } from '../../lib/i18n';
import type { MetricSettings, Owner } from '../../lib/model';
import { weekdays } from '../../lib/model/settings';
import { useTeamSettings } from '../panel/useTeamSettings';
import type { Locale } from '../useLocale';
import './alert-settings.css';

// "Alerts and timers" in the options page: who I am (my leads get alerts and the toolbar count), the SLA, business
// hours, and which leads show timers. Saved with the other team settings; what the organisation set is read-only.

/** The portal's owners from the cache, kept current by the sync (IndexedDB is shared with the background). */
function useOwners(): Owner[] {
  const [owners, setOwners] = useState<Owner[]>([]);
  useEffect(() => {
    const subscription = liveQuery(() => database().owners.toArray()).subscribe({
      next: (rows) => setOwners([...rows].sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email))),
      error: () => setOwners([]),
    });
    return () => subscription.unsubscribe();
  }, []);
  return owners;
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: MessageKey;
  managed: boolean;
  t: Translate;
  children: (input: { id: string; describedBy?: string; invalid: boolean; disabled: boolean }) => ReactNode;
}

function Field({ label, hint, error, managed, t, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', managed ? `${id}-managed` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="ll-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: describedBy || undefined, invalid: error !== undefined, disabled: managed })}
      {managed && (
        <span id={`${id}-managed`} className="ll-alerts-managed" data-testid="managed">
          {t('setup.managed')}
        </span>
      )}
      {hint && (
        <span id={`${id}-hint`} className="ll-muted ll-alerts-small">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="ll-error ll-alerts-small" role="alert">
          {t(error)}
        </span>
      )}
    </div>
  );
}

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
  const dayNames = useMemo(() => {
    // 1 January 2023 was a Sunday; the week's names come from Intl in the page's language.
    const format = new Intl.DateTimeFormat(intlLocale, { weekday: 'long', timeZone: 'UTC' });
    return new Map(weekdays.map((day, index) => [day, format.format(Date.UTC(2023, 0, 1 + index))]));
  }, [intlLocale]);

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
  const sourcesManaged = managed('slaBySource');
  const hoursManaged = managed('businessHours');
  return (
    <form className="ll-alerts" onSubmit={(event) => void submit(event)} noValidate>
      <p className="ll-muted">{t('alerts.intro')}</p>
      {problem && (
        <p className="ll-error" role="alert">
          {t('setup.problem', { message: problem })}
        </p>
      )}
      <Field
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
      </Field>
      <fieldset>
        <legend>{t('alerts.sla')}</legend>
        <Field label={t('alerts.slaMinutes')} error={error('slaMinutes')} managed={managed('slaMinutes')} t={t}>
          {({ id, describedBy, invalid, disabled }) => (
            <input
              id={id}
              data-testid="alerts-slaMinutes"
              inputMode="decimal"
              value={form.slaMinutes}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              disabled={disabled}
              onChange={(event) => update({ slaMinutes: event.target.value })}
            />
          )}
        </Field>
        <p className="ll-muted ll-alerts-small">{t('alerts.slaBySourceHint')}</p>
        {sourcesManaged && <span className="ll-alerts-managed">{t('setup.managed')}</span>}
        {form.slaBySource.length === 0 ? (
          <p className="ll-muted ll-alerts-small">{t('alerts.noSources')}</p>
        ) : (
          <table className="ll-alerts-sources">
            <thead>
              <tr>
                <th scope="col">{t('alerts.source')}</th>
                <th scope="col">{t('alerts.sourceMinutes')}</th>
                <th scope="col">
                  <span className="ll-alerts-hidden">{t('alerts.removeSource', { row: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.slaBySource.map((row, index) => {
                const cell = (part: 'source' | 'minutes') => {
                  const problemKey = error(`slaBySource.${index}.${part}`);
                  return (
                    <td>
                      <input
                        aria-label={`${t(part === 'source' ? 'alerts.source' : 'alerts.sourceMinutes')} ${index + 1}`}
                        data-testid={`alerts-sla-${part}-${index}`}
                        value={row[part]}
                        inputMode={part === 'minutes' ? 'decimal' : undefined}
                        aria-invalid={problemKey !== undefined}
                        disabled={sourcesManaged}
                        onChange={(event) =>
                          update({
                            slaBySource: form.slaBySource.map((other, i) =>
                              i === index ? { ...other, [part]: event.target.value } : other,
                            ),
                          })
                        }
                      />
                      {problemKey && (
                        <span className="ll-error ll-alerts-small" role="alert">
                          {t(problemKey)}
                        </span>
                      )}
                    </td>
                  );
                };
                return (
                  // Rows have no identity beyond their position while being typed.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <tr key={index}>
                    {cell('source')}
                    {cell('minutes')}
                    <td>
                      <button
                        type="button"
                        className="ll-secondary"
                        disabled={sourcesManaged}
                        aria-label={t('alerts.removeSource', { row: index + 1 })}
                        onClick={() => update({ slaBySource: form.slaBySource.filter((_, i) => i !== index) })}
                      >
                        ×
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <button
          type="button"
          className="ll-secondary"
          data-testid="alerts-sla-add"
          disabled={sourcesManaged}
          onClick={() => update({ slaBySource: [...form.slaBySource, { source: '', minutes: '' }] })}
        >
          {t('alerts.addSource')}
        </button>
      </fieldset>
      <fieldset data-testid="alerts-businessHours">
        <legend>{t('alerts.businessHours')}</legend>
        {hoursManaged && <span className="ll-alerts-managed">{t('setup.managed')}</span>}
        <label className="ll-alerts-check">
          <input
            type="checkbox"
            data-testid="alerts-businessHoursOn"
            checked={form.businessHoursOn}
            disabled={hoursManaged}
            onChange={(event) => update({ businessHoursOn: event.target.checked })}
          />
          {t('alerts.businessHoursOn')}
        </label>
        {form.businessHoursOn && (
          <>
            <fieldset aria-describedby={error('days') ? daysErrorId : undefined}>
              <legend>{t('alerts.days')}</legend>
              <div className="ll-alerts-days">
                {weekdays.map((day) => (
                  <label key={day}>
                    <input
                      type="checkbox"
                      data-testid={`alerts-day-${day}`}
                      checked={form.days.includes(day)}
                      disabled={hoursManaged}
                      onChange={(event) =>
                        update({
                          days: event.target.checked
                            ? weekdays.filter((other) => other === day || form.days.includes(other))
                            : form.days.filter((other) => other !== day),
                        })
                      }
                    />
                    {dayNames.get(day)}
                  </label>
                ))}
              </div>
              {error('days') && (
                <span id={daysErrorId} className="ll-error ll-alerts-small" role="alert">
                  {t(error('days') ?? 'alerts.error.noDays')}
                </span>
              )}
            </fieldset>
            <div className="ll-alerts-hours">
              {(['start', 'end'] as const).map((part) => (
                <Field
                  key={part}
                  label={t(part === 'start' ? 'alerts.start' : 'alerts.end')}
                  error={error(part)}
                  managed={hoursManaged}
                  t={t}
                >
                  {({ id, describedBy, invalid, disabled }) => (
                    <input
                      id={id}
                      type="time"
                      data-testid={`alerts-${part}`}
                      value={form[part]}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      disabled={disabled}
                      onChange={(event) => update({ [part]: event.target.value })}
                    />
                  )}
                </Field>
              ))}
            </div>
            <p className="ll-muted ll-alerts-small">{t('alerts.businessHoursHint', { zone: settings.timezone })}</p>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('alerts.timers')}</legend>
        {(['openWithinDays', 'inboundWithinDays'] as const).map((field) => (
          <Field
            key={field}
            label={t(field === 'openWithinDays' ? 'alerts.openWithinDays' : 'alerts.inboundWithinDays')}
            error={error(field)}
            managed={managed('timerRules')}
            t={t}
          >
            {({ id, describedBy, invalid, disabled }) => (
              <input
                id={id}
                data-testid={`alerts-${field}`}
                inputMode="numeric"
                value={form[field]}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                disabled={disabled}
                onChange={(event) => update({ [field]: event.target.value })}
              />
            )}
          </Field>
        ))}
      </fieldset>
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
