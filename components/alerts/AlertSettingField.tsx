import { type ReactNode, useId } from 'react';
import type { MessageKey, Translate } from '../../lib/i18n';

interface FieldProps {
  label: string;
  hint?: string;
  error?: MessageKey;
  managed: boolean;
  t: Translate;
  children: (input: { id: string; describedBy?: string; invalid: boolean; disabled: boolean }) => ReactNode;
}

/** One setting of "Alerts and timers": its label, hint, "set by your organisation" note and error, tied to the input. */
export function AlertSettingField({ label, hint, error, managed, t, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', managed ? `${id}-managed` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="ll-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: describedBy || undefined, invalid: error !== undefined, disabled: managed })}
      {managed && (
        <span id={`${id}-managed`} className="ll-alerts-managed" data-testid="managed">
          {t('setup.managed')}
        </span>
      )}
      {hint && (
        <span id={`${id}-hint`} className="ll-muted ll-alerts-small">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="ll-error ll-alerts-small" role="alert">
          {t(error)}
        </span>
      )}
    </div>
  );
}
