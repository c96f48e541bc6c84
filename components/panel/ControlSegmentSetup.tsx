import { SettingField } from './SettingField';
import type { SetupSectionProps } from './setup-section-props';

/**
 * Owners or sources that do not use LeadLens: with any set, the ROI compares against their leads instead of the
 * attribution percentage. Part of the assumptions step, as the other way to state what LeadLens caused.
 */
export function ControlSegmentSetup({
  t,
  form,
  managed,
  update,
  owners,
}: SetupSectionProps & { owners: ReadonlyArray<{ id: string; name: string }> }) {
  // An owner in the stored control segment that the cache does not (yet) list stays visible, so it is never
  // selected without the manager seeing it.
  const ownerOptions = [
    ...owners,
    ...form.controlOwners.filter((id) => !owners.some((owner) => owner.id === id)).map((id) => ({ id, name: id })),
  ];
  return (
    <fieldset>
      <legend>{t('setup.control')}</legend>
      <p className="ll-muted ll-small">{t('setup.controlExplain')}</p>
      <SettingField label={t('setup.controlOwners')} managed={managed('controlSegment')} setting="controlSegment" t={t}>
        {({ id, describedBy, disabled }) => (
          <select
            id={id}
            multiple
            data-testid="setup-controlOwners"
            aria-describedby={describedBy}
            disabled={disabled}
            value={form.controlOwners}
            onChange={(event) =>
              update({ controlOwners: [...event.target.selectedOptions].map((option) => option.value) })
            }
          >
            {ownerOptions.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        )}
      </SettingField>
      <SettingField
        label={t('setup.controlSources')}
        managed={managed('controlSegment')}
        setting="controlSegment"
        t={t}
      >
        {({ id, describedBy, disabled }) => (
          <input
            id={id}
            data-testid="setup-controlSources"
            list="ll-sources"
            aria-describedby={describedBy}
            disabled={disabled}
            value={form.controlSources}
            onChange={(event) => update({ controlSources: event.target.value })}
          />
        )}
      </SettingField>
    </fieldset>
  );
}
