import { type ReactNode, useId } from 'react';
import type { MessageKey, Translate } from '../../lib/i18n';

/** One setting of the team setup: its label, hint, "set by your organisation" note and error, tied to the input. */
export function SettingField({
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
