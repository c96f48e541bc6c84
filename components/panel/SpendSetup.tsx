import { type ChangeEvent, useState } from 'react';
import { spendFromCsv, spendToCsv } from '../../lib/csv/marketing-spend';
import { crmLabel } from '../../lib/i18n/crm-labels';
import { CSV_IMPORT_MAX_BYTES, fileTooLarge } from '../../lib/model/import-limits';
import type { MetricSettings } from '../../lib/model/settings';
import type { SetupField, validateSetup } from '../../lib/panel/setup-form';
import { downloadText } from './download';
import { FeedbackImport } from './FeedbackImport';
import { settingOriginText, useSettingOrigin } from './SettingOrigins';
import type { SetupSectionProps } from './setup-section-props';

interface SpendSetupProps extends SetupSectionProps {
  /** The saved settings: their spend is exported while the form does not validate. */
  settings: MetricSettings;
  /** The form as validated: its spend, when valid, is what is exported. */
  validation: ReturnType<typeof validateSetup>;
  /** Sources to suggest (also for the control segment's sources, which reads the same list). */
  sources: readonly string[];
  /** Rows moved: forget which spend cells the user had left. */
  forgetSpendRows(): void;
}

/** Marketing spend per source and month: a table to type in, a CSV to import and export. */
export function SpendSetup({
  t,
  form,
  errors,
  managed,
  update,
  leave,
  settings,
  validation,
  sources,
  forgetSpendRows,
}: SpendSetupProps) {
  const [spendMessage, setSpendMessage] = useState<string>();
  const spendOrigin = useSettingOrigin('marketingSpend');

  const importSpend = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    // Checked before the file is read: a spend table is a few KB, so a large file is a wrong or hostile one.
    const tooLarge = fileTooLarge(file.size, CSV_IMPORT_MAX_BYTES);
    if (tooLarge) {
      setSpendMessage(t('common.fileTooLarge', tooLarge));
      return;
    }
    const imported = spendFromCsv(await file.text());
    const rows = Object.entries(imported.spend).flatMap(([source, months]) =>
      Object.entries(months).map(([month, amount]) => ({ source, month, amount: String(amount) })),
    );
    // Imported months replace the same source and month; others are kept.
    const keep = form.spend.filter((row) => imported.spend[row.source.trim()]?.[row.month.trim()] === undefined);
    update({ spend: [...keep, ...rows] });
    forgetSpendRows();
    setSpendMessage(
      [
        t('setup.spendImported', { count: rows.length }),
        imported.errors.length > 0
          ? t('setup.spendImportErrors', {
              // A reserved source (`__proto__`…) is named, so the user sees which cell to change.
              lines: imported.errors
                .map((e) => `${e.line} (${e.problem}${e.source === undefined ? '' : ` ${JSON.stringify(e.source)}`})`)
                .join(', '),
            })
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
  };

  const exportSpend = () => {
    const spend = validation.ok ? (validation.value.settings.marketingSpend ?? {}) : settings.marketingSpend;
    downloadText('leadlens-marketing-spend.csv', spendToCsv(spend), 'text/csv;charset=utf-8');
  };

  const spendError = (index: number, part: 'source' | 'month' | 'amount') =>
    errors[`spend.${index}.${part}` as SetupField];

  return (
    <>
      <fieldset data-testid="setup-spend">
        <legend>{t('setup.spend')}</legend>
        {managed('marketingSpend') ? (
          <span className="ll-managed" data-testid="managed">
            {t('setup.managed')}
          </span>
        ) : (
          spendOrigin && (
            <span
              className="ll-origin ll-muted ll-small"
              data-testid="setting-origin"
              data-origin={spendOrigin.origin.kind}
            >
              {settingOriginText(spendOrigin.origin, t, spendOrigin.formatDate)}
            </span>
          )
        )}
        {form.spend.length === 0 && <p className="ll-muted">{t('setup.spendEmpty')}</p>}
        {form.spend.length > 0 && (
          <table className="ll-table">
            <thead>
              <tr>
                <th scope="col">{t('setup.spendSource')}</th>
                <th scope="col">{t('setup.spendMonth')}</th>
                <th scope="col">{t('setup.spendAmount')}</th>
                <th scope="col">
                  <span className="ll-visually-hidden">{t('setup.spendRemove', { row: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.spend.map((row, index) => {
                const cell = (part: 'source' | 'month' | 'amount') => {
                  const error = spendError(index, part);
                  return (
                    <td>
                      <input
                        aria-label={`${t(part === 'source' ? 'setup.spendSource' : part === 'month' ? 'setup.spendMonth' : 'setup.spendAmount')} ${index + 1}`}
                        data-testid={`spend-${part}-${index}`}
                        value={row[part]}
                        list={part === 'source' ? 'll-sources' : undefined}
                        inputMode={part === 'amount' ? 'decimal' : undefined}
                        aria-invalid={error !== undefined}
                        disabled={managed('marketingSpend')}
                        onChange={(event) =>
                          update({
                            spend: form.spend.map((other, i) =>
                              i === index ? { ...other, [part]: event.target.value } : other,
                            ),
                          })
                        }
                        onBlur={() => leave(`spend.${index}.${part}`)}
                      />
                      {error && (
                        <span className="ll-error ll-small" role="alert">
                          {t(error)}
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
                    {cell('month')}
                    {cell('amount')}
                    <td>
                      <button
                        type="button"
                        className="ll-secondary"
                        disabled={managed('marketingSpend')}
                        aria-label={t('setup.spendRemove', { row: index + 1 })}
                        onClick={() => {
                          update({ spend: form.spend.filter((_, i) => i !== index) });
                          forgetSpendRows();
                        }}
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
        <datalist id="ll-sources">
          {sources.map((source) => (
            <option key={source} value={source} label={crmLabel('source', source, t)} />
          ))}
        </datalist>
        <div className="ll-row">
          <button
            type="button"
            className="ll-secondary"
            disabled={managed('marketingSpend')}
            data-testid="spend-add"
            onClick={() => update({ spend: [...form.spend, { source: '', month: '', amount: '' }] })}
          >
            {t('setup.spendAdd')}
          </button>
          <label className="ll-file">
            {t('setup.spendImport')}
            <input
              type="file"
              accept=".csv,text/csv"
              data-testid="spend-import"
              disabled={managed('marketingSpend')}
              onChange={(event) => void importSpend(event)}
            />
          </label>
          <button type="button" className="ll-secondary" onClick={exportSpend}>
            {t('setup.spendExport')}
          </button>
        </div>
        {spendMessage && (
          <p className="ll-muted" role="status">
            {spendMessage}
          </p>
        )}
      </fieldset>
      {/* Satisfaction sits beside spend: both are figures a team brings from outside HubSpot as a CSV. */}
      <FeedbackImport t={t} timeZone={settings.timezone} />
    </>
  );
}
