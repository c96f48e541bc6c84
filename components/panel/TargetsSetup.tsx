import type { Translate } from '../../lib/i18n';
import { lowerIsBetter } from '../../lib/metrics/targets';
import { type TargetKey, targetKeys } from '../../lib/model/targets';
import { labelKey } from '../../lib/panel/formulas';
import { type TargetUnit, targetUnits } from '../../lib/panel/setup-form';
import { SettingField } from './SettingField';
import type { SetupSectionProps } from './setup-section-props';

/** The 90th percentile has no card of its own, so it has no card label. */
function targetLabel(key: TargetKey, t: Translate): string {
  return key === 'p90ResponseMinutes' ? t('setup.targetP90') : t(labelKey(key));
}

function unitText(unit: TargetUnit, currency: string, t: Translate): string {
  switch (unit) {
    case 'money':
      return currency;
    case 'percent':
      return t('setup.unit.percent');
    case 'minutes':
      return t('setup.unit.minutes');
    case 'days':
      return t('setup.unit.days');
    case 'score':
      return t('setup.unit.score');
  }
}

/**
 * The manager's goal per KPI (METRICS.md "Targets"), each in its figure's unit: rates, ROI and CSAT as percentages
 * (stored as fractions), NPS −100 to 100, money in the currency, times in minutes or days. Empty is no target.
 */
export function TargetsSetup({ t, form, errors, managed, update, leave }: SetupSectionProps) {
  const set = (key: TargetKey, value: string) => update({ targets: { ...form.targets, [key]: value } });
  return (
    <fieldset data-testid="setup-step-targets">
      <legend>{t('setup.targets')}</legend>
      <p className="ll-muted ll-small">{t('setup.targetsHint')}</p>
      {targetKeys.map((key) => (
        <SettingField
          key={key}
          label={t('setup.targetLabel', {
            label: targetLabel(key, t),
            unit: unitText(targetUnits[key], form.currency, t),
          })}
          hint={t(lowerIsBetter.has(key) ? 'setup.targetLower' : 'setup.targetHigher')}
          error={errors[`target.${key}`]}
          managed={managed('targets')}
          t={t}
        >
          {({ id, describedBy, invalid, disabled }) => (
            <input
              id={id}
              name={`target-${key}`}
              data-testid={`setup-target-${key}`}
              inputMode="decimal"
              value={form.targets[key]}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              disabled={disabled}
              onChange={(event) => set(key, event.target.value)}
              onBlur={() => leave(`target.${key}`)}
            />
          )}
        </SettingField>
      ))}
    </fieldset>
  );
}
