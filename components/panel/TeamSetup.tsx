import { useEffect, useId, useMemo, useState } from 'react';
import type { Translate } from '../../lib/i18n';
import type { MetricSettings } from '../../lib/model/settings';
import {
  formFromSettings,
  type SetupField,
  type SetupForm,
  validateSetup,
  visibleErrors,
} from '../../lib/panel/setup-form';
import { AdoptionSetup } from './AdoptionSetup';
import { RegionalSetup } from './RegionalSetup';
import { AssumptionsSetup, CostsSetup, SavingsSetup, setupStepId } from './RoiFiguresSetup';
import { SpendSetup } from './SpendSetup';
import { TargetsSetup } from './TargetsSetup';
import type { SetupSectionProps } from './setup-section-props';

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
  /** A stored 100/100 margin and attribution from before metrics v2 was read as unset: ask to confirm or change. */
  assumptionsNote?: boolean;
  /** The form's heading; "Setup" by default (the options page names what is set up). */
  title?: string;
  /** The step to bring into view and focus when the form opens (the answer sentence's link). */
  focusStep?: 'assumptions' | 'costs';
  /** Saves the whole settings object (the background keeps managed keys as the policy says). */
  onSave(settings: MetricSettings, currency: string): Promise<void>;
}

/**
 * The team's settings for the ROI: adoption date, costs, savings, margin and attribution, marketing spend, control
 * segment, checkpoints, time zone and currency. Embedded in the panel and on the options page. The form's state and
 * its validation live here; each section (a fieldset) is drawn from them by its own component.
 */
export function TeamSetup(props: TeamSetupProps) {
  const { t, settings, managedKeys, currency } = props;
  const headingId = useId();
  const [form, setForm] = useState<SetupForm>(() => formFromSettings(settings, currency));
  // Fields the user has left: their errors show at once (inline validation), the others only after Save.
  const [left, setLeft] = useState<ReadonlySet<SetupField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  // New settings from elsewhere (another page, the policy) replace an untouched form.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setForm(formFromSettings(settings, currency));
  }, [settings, currency, dirty]);
  useEffect(() => {
    if (props.focusStep === undefined) return;
    const step = document.getElementById(setupStepId(props.focusStep));
    step?.scrollIntoView({ block: 'start' });
    step?.focus();
  }, [props.focusStep]);
  const validation = useMemo(() => validateSetup(form), [form]);
  const errors = visibleErrors(validation.ok ? {} : validation.errors, left, submitted);

  const managed = (key: string) => managedKeys.includes(key);
  const update = (patch: Partial<SetupForm>) => {
    setDirty(true);
    setForm((current) => ({ ...current, ...patch }));
  };
  const leave = (field: SetupField) =>
    setLeft((current) => (current.has(field) ? current : new Set([...current, field])));

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
  const section: SetupSectionProps = { t, form, errors, managed, update, leave };

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
      {props.assumptionsNote && (
        <p className="ll-notice" role="status" data-testid="setup-assumptions-note">
          {t('setup.assumptionsNote')}
        </p>
      )}
      <AdoptionSetup {...section} />
      <AssumptionsSetup {...section} owners={props.owners} />
      <CostsSetup {...section} />
      <SavingsSetup {...section} />
      <SpendSetup
        {...section}
        settings={settings}
        validation={validation}
        sources={props.sources}
        forgetSpendRows={forgetSpendRows}
      />
      <TargetsSetup {...section} />
      <RegionalSetup
        {...section}
        currency={currency}
        portalTimeZone={props.portalTimeZone}
        portalCurrency={props.portalCurrency}
      />
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
