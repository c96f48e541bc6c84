import { type ReactNode, useId } from 'react';
import type { MessageKey, Translate } from '../../lib/i18n';
import { settingOriginText, useSettingOrigin } from './SettingOrigins';

/**
 * One setting of the team setup: its label, hint, where its value comes from (the organisation's policy, an imported
 * team file, this browser, the default) and error, tied to the input.
 */
export function SettingField({
  label,
  hint,
  error,
  managed,
  setting,
  t,
  children,
}: {
  label: string;
  hint?: string;
  error?: MessageKey;
  managed: boolean;
  /** The team setting's key, to say where its value comes from. */
  setting?: string;
  t: Translate;
  children: (props: { id: string; describedBy?: string; invalid: boolean; disabled: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const known = useSettingOrigin(setting);
  // A managed setting is the policy's whatever the origins say (they may not have been read yet).
  const origin = managed ? { kind: 'policy' as const } : known?.origin;
  const describedBy = [hint ? hintId : '', error ? errorId : '', origin ? `${id}-origin` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="ll-field" data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: describedBy || undefined, invalid: error !== undefined, disabled: managed })}
      {origin && (
        <span
          id={`${id}-origin`}
          className={origin.kind === 'policy' ? 'll-managed' : 'll-origin ll-muted ll-small'}
          data-testid={origin.kind === 'policy' ? 'managed' : 'setting-origin'}
          data-origin={origin.kind}
        >
          {settingOriginText(origin, t, known?.formatDate ?? ((at) => new Date(at).toISOString().slice(0, 10)))}
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
