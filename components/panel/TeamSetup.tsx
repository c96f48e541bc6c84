import { type ChangeEvent, type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { spendFromCsv, spendToCsv } from '../../lib/csv/marketing-spend';
import { CSV_IMPORT_MAX_BYTES, fileTooLarge } from '../../lib/model/import-limits';
import type { MessageKey, Translate } from '../../lib/i18n';
import type { MetricSettings } from '../../lib/model/settings';
import {
  formFromSettings,
  type NumberField,
  percentFields,
  type SetupField,
  type SetupForm,
  validateSetup,
  visibleErrors,
} from '../../lib/panel/setup-form';
import { downloadText } from './download';

export interface TeamSetupProps {
  t: Translate;
  settings: MetricSettings;
  /** Settings the organisation set by policy: shown, not editable. */
  managedKeys: readonly string[];
  /** The display currency (the manager's preference, else the portal's). */
  currency: string;
  portalTimeZone?: string;
  portalCurrency?: string;
  owners: ReadonlyArray<{ id: string; name: string }>;
  sources: readonly string[];
  problem?: string;
  /** The form's heading; "Setup" by default (the options page names what is set up). */
  title?: string;
  /** Saves the whole settings object (the background keeps managed keys as the policy says). */
  onSave(settings: MetricSettings, currency: string): Promise<void>;
}

function Field({
  label,
  hint,
  error,
  managed,
  t,
  children,
}: {
  label: string;
  hint?: string;
  error?: MessageKey;
  managed: boolean;
  t: Translate;
  children: (props: { id: string; describedBy?: string; invalid: boolean; disabled: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : '', managed ? `${id}-managed` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="ll-field" data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: describedBy || undefined, invalid: error !== undefined, disabled: managed })}
      {managed && (
        <span id={`${id}-managed`} className="ll-managed" data-testid="managed">
          {t('setup.managed')}
        </span>
      )}
      {hint && (
        <span id={hintId} className="ll-muted ll-small">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="ll-error ll-small" role="alert">
          {t(error)}
        </span>
      )}
    </div>
  );
}

/**
 * The team's settings for the ROI: adoption date, costs, savings, margin and attribution, marketing spend, control
 * segment, checkpoints, time zone and currency. Embedded in the panel and on the options page.
 */
export function TeamSetup(props: TeamSetupProps) {
  const { t, settings, managedKeys, currency } = props;
  const headingId = useId();
  const [form, setForm] = useState<SetupForm>(() => formFromSettings(settings, currency));
  // Fields the user has left: their errors show at once (inline validation), the others only after Save.
  const [left, setLeft] = useState<ReadonlySet<SetupField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const [spendMessage, setSpendMessage] = useState<string>();
  // New settings from elsewhere (another page, the policy) replace an untouched form.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setForm(formFromSettings(settings, currency));
  }, [settings, currency, dirty]);
  const validation = useMemo(() => validateSetup(form), [form]);
  const errors = visibleErrors(validation.ok ? {} : validation.errors, left, submitted);

  const managed = (key: string) => managedKeys.includes(key);
  const update = (patch: Partial<SetupForm>) => {
    setDirty(true);
    setForm((current) => ({ ...current, ...patch }));
  };
  const leave = (field: SetupField) =>
    setLeft((current) => (current.has(field) ? current : new Set([...current, field])));
  const setNumber = (field: NumberField, value: string) => update({ numbers: { ...form.numbers, [field]: value } });

  const submit = async (event: { preventDefault(): void }) => {
    event.preventDefault();
    const result = validation;
    if (!result.ok) {
      // Every error shows now; the "fix the fields" notice lasts while any is left (see below).
      setSubmitted(true);
      setStatus(undefined);
      return;
    }
    const next: MetricSettings = { ...settings, ...result.value.settings };
    if (form.adoptionDate.trim() === '') delete next.adoptionDate;
    try {
      await props.onSave(next, result.value.currency);
      setDirty(false);
      setSubmitted(false);
      setLeft(new Set());
      setStatus({ ok: true, text: t('setup.saved') });
    } catch (error) {
      setStatus({
        ok: false,
        text: t('setup.saveFailed', { message: error instanceof Error ? error.message : String(error) }),
      });
    }
  };

  // Spend rows are known by position: once rows move, which ones the user had left no longer holds.
  const forgetSpendRows = () =>
    setLeft((current) => new Set([...current].filter((field) => !field.startsWith('spend.'))));

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

  const numberInput = (field: NumberField, percent = false) => (
    <Field key={field} label={t(`setup.${field}` as MessageKey)} error={errors[field]} managed={managed(field)} t={t}>
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
          onChange={(event) => setNumber(field, event.target.value)}
          onBlur={() => leave(field)}
        />
      )}
    </Field>
  );
  // An owner in the stored control segment that the cache does not (yet) list stays visible, so it is never
  // selected without the manager seeing it.
  const ownerOptions = [
    ...props.owners,
    ...form.controlOwners
      .filter((id) => !props.owners.some((owner) => owner.id === id))
      .map((id) => ({ id, name: id })),
  ];
  const spendError = (index: number, part: 'source' | 'month' | 'amount') =>
    errors[`spend.${index}.${part}` as SetupField];

  return (
    <form
      className="ll-setup"
      data-testid="team-setup"
      aria-labelledby={headingId}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h2 id={headingId}>{props.title ?? t('setup.heading')}</h2>
      <p className="ll-muted">{t('setup.intro')}</p>
      {props.problem && (
        <p className="ll-error" role="alert">
          {t('setup.problem', { message: props.problem })}
        </p>
      )}
      <fieldset>
        <legend>{t('setup.adoption')}</legend>
        <Field
          label={t('setup.adoptionDate')}
          hint={t('setup.adoptionHint')}
          error={errors.adoptionDate}
          managed={managed('adoptionDate')}
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
        </Field>
        <Field
          label={t('setup.checkpoints')}
          hint={t('setup.checkpointsHint')}
          error={errors.checkpoints}
          managed={managed('checkpoints')}
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
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('setup.costs')}</legend>
        {(['licensePerMonth', 'maintenancePerMonth', 'implementationCost', 'trainingCost'] as const).map((field) =>
          numberInput(field),
        )}
      </fieldset>
      <fieldset>
        <legend>{t('setup.savings')}</legend>
        {(['hourlyCost', 'minutesSavedPerAutomatedTouch', 'manualHoursSavedPerMonth'] as const).map((field) =>
          numberInput(field),
        )}
      </fieldset>
      <fieldset>
        <legend>{t('setup.revenue')}</legend>
        {percentFields.map((field) => numberInput(field, true))}
        {numberInput('salesCostPerMonth')}
      </fieldset>
      <fieldset data-testid="setup-spend">
        <legend>{t('setup.spend')}</legend>
        {managed('marketingSpend') && <span className="ll-managed">{t('setup.managed')}</span>}
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
          {props.sources.map((source) => (
            <option key={source} value={source} />
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
      <fieldset>
        <legend>{t('setup.control')}</legend>
        <p className="ll-muted ll-small">{t('setup.controlHint')}</p>
        <Field label={t('setup.controlOwners')} managed={managed('controlSegment')} t={t}>
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
        </Field>
        <Field label={t('setup.controlSources')} managed={managed('controlSegment')} t={t}>
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
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('setup.regional')}</legend>
        <Field
          label={t('setup.timezone')}
          hint={t('setup.timezoneHint', { zone: props.portalTimeZone ?? 'UTC' })}
          error={errors.timezone}
          managed={managed('timezone')}
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
        </Field>
        <Field
          label={t('setup.currency')}
          hint={t('setup.currencyHint', { currency: props.portalCurrency ?? currency })}
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
        </Field>
      </fieldset>
      <div className="ll-row">
        <button type="submit" data-testid="setup-save">
          {t('setup.save')}
        </button>
      </div>
      {submitted && !validation.ok && (
        <p className="ll-error" role="alert" data-testid="setup-status">
          {t('setup.fixErrors')}
        </p>
      )}
      {status && (
        <p
          className={status.ok ? 'll-muted' : 'll-error'}
          role={status.ok ? 'status' : 'alert'}
          data-testid="setup-status"
        >
          {status.text}
        </p>
      )}
    </form>
  );
}
