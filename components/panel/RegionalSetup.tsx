import { SettingField } from './SettingField';
import type { SetupSectionProps } from './setup-section-props';

interface RegionalSetupProps extends SetupSectionProps {
  /** The display currency (the manager's preference, else the portal's). */
  currency: string;
  portalTimeZone?: string;
  portalCurrency?: string;
}

/** The time zone months and dates are taken in, and the currency amounts are shown in. */
export function RegionalSetup({
  t,
  form,
  errors,
  managed,
  update,
  leave,
  currency,
  portalTimeZone,
  portalCurrency,
}: RegionalSetupProps) {
  return (
    <fieldset>
      <legend>{t('setup.regional')}</legend>
      <SettingField
        label={t('setup.timezone')}
        hint={t('setup.timezoneHint', { zone: portalTimeZone ?? 'UTC' })}
        error={errors.timezone}
        managed={managed('timezone')}
        setting="timezone"
        t={t}
      >
        {({ id, describedBy, invalid, disabled }) => (
          <input
            id={id}
            data-testid="setup-timezone"
            value={form.timezone}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            disabled={disabled}
            onChange={(event) => update({ timezone: event.target.value })}
            onBlur={() => leave('timezone')}
          />
        )}
      </SettingField>
      <SettingField
        label={t('setup.currency')}
        hint={t('setup.currencyHint', { currency: portalCurrency ?? currency })}
        error={errors.currency}
        managed={false}
        t={t}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            data-testid="setup-currency"
            value={form.currency}
            maxLength={3}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => update({ currency: event.target.value })}
            onBlur={() => leave('currency')}
          />
        )}
      </SettingField>
    </fieldset>
  );
}
