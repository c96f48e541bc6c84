import { AlertSettingField } from './AlertSettingField';
import type { AlertSectionProps } from './alert-section-props';

/**
 * The optional early warning beside the overdue notification (issue #20): one notification per wait of my leads at
 * a share of the SLA; 50 % is when the badge turns amber.
 */
export function EarlyWarningSettings({ t, form, error, managed, update }: AlertSectionProps) {
  const isManaged = managed('earlyWarning');
  return (
    <fieldset data-testid="alerts-earlyWarning">
      <legend>{t('alerts.earlyWarning')}</legend>
      {isManaged && <span className="ll-alerts-managed">{t('setup.managed')}</span>}
      <label className="ll-alerts-check">
        <input
          type="checkbox"
          data-testid="alerts-earlyWarningOn"
          checked={form.earlyWarningOn}
          disabled={isManaged}
          onChange={(event) => update({ earlyWarningOn: event.target.checked })}
        />
        {t('alerts.earlyWarningOn')}
      </label>
      {form.earlyWarningOn && (
        <AlertSettingField
          label={t('alerts.earlyWarningPct')}
          hint={t('alerts.earlyWarningHint')}
          error={error('earlyWarningPct')}
          managed={isManaged}
          t={t}
        >
          {({ id, describedBy, invalid, disabled }) => (
            <input
              id={id}
              data-testid="alerts-earlyWarningPct"
              inputMode="numeric"
              value={form.earlyWarningPct}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              disabled={disabled}
              onChange={(event) => update({ earlyWarningPct: event.target.value })}
            />
          )}
        </AlertSettingField>
      )}
    </fieldset>
  );
}
