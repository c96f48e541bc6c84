import { AlertSettingField } from './AlertSettingField';
import type { AlertSectionProps } from './alert-section-props';

/** How soon a lead must be answered: one limit, and sources with a limit of their own. */
export function SlaSettings({ t, form, error, managed, update }: AlertSectionProps) {
  const sourcesManaged = managed('slaBySource');
  return (
    <fieldset>
      <legend>{t('alerts.sla')}</legend>
      <AlertSettingField
        label={t('alerts.slaMinutes')}
        error={error('slaMinutes')}
        managed={managed('slaMinutes')}
        t={t}
      >
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
      </AlertSettingField>
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
  );
}
