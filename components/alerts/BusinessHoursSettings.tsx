import { useMemo } from 'react';
import { weekdays } from '../../lib/model/settings';
import { AlertSettingField } from './AlertSettingField';
import type { AlertSectionProps } from './alert-section-props';

interface BusinessHoursProps extends AlertSectionProps {
  /** `Intl` locale of the page, for the names of the week's days. */
  intlLocale: string;
  /** The zone the hours are in (the team's). */
  timezone: string;
  /** Id of the days' error message, which describes the days' fieldset. */
  daysErrorId: string;
}

/** The days and hours the SLA clock runs and notifications may come. */
export function BusinessHoursSettings({
  t,
  form,
  error,
  managed,
  update,
  intlLocale,
  timezone,
  daysErrorId,
}: BusinessHoursProps) {
  const dayNames = useMemo(() => {
    // 1 January 2023 was a Sunday; the week's names come from Intl in the page's language.
    const format = new Intl.DateTimeFormat(intlLocale, { weekday: 'long', timeZone: 'UTC' });
    return new Map(weekdays.map((day, index) => [day, format.format(Date.UTC(2023, 0, 1 + index))]));
  }, [intlLocale]);
  const hoursManaged = managed('businessHours');
  return (
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
              <AlertSettingField
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
              </AlertSettingField>
            ))}
          </div>
          <p className="ll-muted ll-alerts-small">{t('alerts.businessHoursHint', { zone: timezone })}</p>
        </>
      )}
    </fieldset>
  );
}
