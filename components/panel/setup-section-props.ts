import type { Translate } from '../../lib/i18n';
import type { SetupErrors, SetupField, SetupForm } from '../../lib/panel/setup-form';

/** What each section of the team setup is drawn from: the form as typed, its visible errors, and how to change it. */
export interface SetupSectionProps {
  t: Translate;
  form: SetupForm;
  errors: SetupErrors;
  /** Set by the organisation's policy: shown, not editable. */
  managed(key: string): boolean;
  update(patch: Partial<SetupForm>): void;
  /** The user left the field: its error may show from now on (inline validation). */
  leave(field: SetupField): void;
}
