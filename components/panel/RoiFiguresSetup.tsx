import type { MessageKey } from '../../lib/i18n';
import { type NumberField, percentFields } from '../../lib/panel/setup-form';
import { SettingField } from './SettingField';
import type { SetupSectionProps } from './setup-section-props';

// The figures the ROI is computed from, a section each: what LeadLens costs, the time it saves, and how revenue is
// attributed to it.

/** A number of the form (an amount, hours, a percentage), labelled by its own message. */
function numberInput(
  { t, form, errors, managed, update, leave }: SetupSectionProps,
  field: NumberField,
  percent = false,
) {
  return (
    <SettingField
      key={field}
      label={t(`setup.${field}` as MessageKey)}
      error={errors[field]}
      managed={managed(field)}
      t={t}
    >
      {({ id, describedBy, invalid, disabled }) => (
        <input
          id={id}
          name={field}
          data-testid={`setup-${field}`}
          inputMode="decimal"
          value={form.numbers[field]}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          disabled={disabled}
          max={percent ? 100 : undefined}
          onChange={(event) => update({ numbers: { ...form.numbers, [field]: event.target.value } })}
          onBlur={() => leave(field)}
        />
      )}
    </SettingField>
  );
}

export function CostsSetup(props: SetupSectionProps) {
  return (
    <fieldset>
      <legend>{props.t('setup.costs')}</legend>
      {(['licensePerMonth', 'maintenancePerMonth', 'implementationCost', 'trainingCost'] as const).map((field) =>
        numberInput(props, field),
      )}
    </fieldset>
  );
}

export function SavingsSetup(props: SetupSectionProps) {
  return (
    <fieldset>
      <legend>{props.t('setup.savings')}</legend>
      {(['hourlyCost', 'minutesSavedPerAutomatedTouch', 'manualHoursSavedPerMonth'] as const).map((field) =>
        numberInput(props, field),
      )}
    </fieldset>
  );
}

export function RevenueSetup(props: SetupSectionProps) {
  return (
    <fieldset>
      <legend>{props.t('setup.revenue')}</legend>
      {percentFields.map((field) => numberInput(props, field, true))}
      {numberInput(props, 'salesCostPerMonth')}
    </fieldset>
  );
}
