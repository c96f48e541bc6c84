import { AlertSettingField } from './AlertSettingField';
import type { AlertSectionProps } from './alert-section-props';

/** Which leads show a response timer on the page. */
export function TimerSettings({ t, form, error, managed, update }: AlertSectionProps) {
  return (
    <fieldset>
      <legend>{t('alerts.timers')}</legend>
      {(['openWithinDays', 'inboundWithinDays'] as const).map((field) => (
        <AlertSettingField
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
        </AlertSettingField>
      ))}
    </fieldset>
  );
}
