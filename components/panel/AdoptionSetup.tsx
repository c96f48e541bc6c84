import { SettingField } from './SettingField';
import type { SetupSectionProps } from './setup-section-props';

/** When the team started using LeadLens (the before/after split) and the months after it the ROI is read at. */
export function AdoptionSetup({ t, form, errors, managed, update, leave }: SetupSectionProps) {
  return (
    <fieldset>
      <legend>{t('setup.adoption')}</legend>
      <SettingField
        label={t('setup.adoptionDate')}
        hint={t('setup.adoptionHint')}
        error={errors.adoptionDate}
        managed={managed('adoptionDate')}
        setting="adoptionDate"
        t={t}
      >
        {({ id, describedBy, invalid, disabled }) => (
          <input
            id={id}
            type="date"
            data-testid="setup-adoptionDate"
            value={form.adoptionDate}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            disabled={disabled}
            onChange={(event) => update({ adoptionDate: event.target.value })}
            onBlur={() => leave('adoptionDate')}
          />
        )}
      </SettingField>
      <SettingField
        label={t('setup.checkpoints')}
        hint={t('setup.checkpointsHint')}
        error={errors.checkpoints}
        managed={managed('checkpoints')}
        setting="checkpoints"
        t={t}
      >
        {({ id, describedBy, invalid, disabled }) => (
          <input
            id={id}
            data-testid="setup-checkpoints"
            value={form.checkpoints}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            disabled={disabled}
            onChange={(event) => update({ checkpoints: event.target.value })}
            onBlur={() => leave('checkpoints')}
          />
        )}
      </SettingField>
    </fieldset>
  );
}
