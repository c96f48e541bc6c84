import type { MessageKey } from '../../lib/i18n';
import type { NumberField } from '../../lib/panel/setup-form';
import { ControlSegmentSetup } from './ControlSegmentSetup';
import { SettingField } from './SettingField';
import type { SetupSectionProps } from './setup-section-props';

// The figures the ROI is computed from, a section each: the manager's stated assumptions, what LeadLens costs and
// the time it saves.

/** The id of a setup step, which the answer sentence links to (focused when the setup opens on it). */
export function setupStepId(step: 'assumptions' | 'costs'): string {
  return `ll-setup-${step}`;
}

/** A number of the form (an amount, hours, a percentage), labelled by its own message. */
function numberInput(
  { t, form, errors, managed, update, leave }: SetupSectionProps,
  field: NumberField,
  percent = false,
  hint?: string,
) {
  return (
    <SettingField
      key={field}
      label={t(`setup.${field}` as MessageKey)}
      hint={hint}
      error={errors[field]}
      managed={managed(field)}
      setting={field}
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
    <fieldset id={setupStepId('costs')} tabIndex={-1} data-testid="setup-step-costs">
      <legend>{props.t('setup.costs')}</legend>
      {(['licensePerMonth', 'maintenancePerMonth', 'implementationCost', 'trainingCost'] as const).map((field) =>
        numberInput(props, field),
      )}
      {numberInput(props, 'salesCostPerMonth')}
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

/**
 * The guided step of what only the manager can know: the margin, and either the share of the change due to LeadLens
 * or a control segment. Each says what it means and why the CRM cannot tell it; the ROI waits for them.
 */
export function AssumptionsSetup(props: SetupSectionProps & { owners: ReadonlyArray<{ id: string; name: string }> }) {
  const { t } = props;
  return (
    <fieldset id={setupStepId('assumptions')} tabIndex={-1} data-testid="setup-step-assumptions">
      <legend>{t('setup.assumptions')}</legend>
      <p className="ll-muted ll-small">{t('setup.assumptionsIntro')}</p>
      {numberInput(props, 'grossMarginPct', true, t('setup.grossMarginPctHint'))}
      {numberInput(props, 'attributionPct', true, t('setup.attributionPctHint'))}
      <ControlSegmentSetup {...props} />
    </fieldset>
  );
}
