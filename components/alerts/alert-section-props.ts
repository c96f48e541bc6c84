import type { AlertField, AlertForm } from '../../lib/alerts/settings-form';
import type { MessageKey, Translate } from '../../lib/i18n';
import type { MetricSettings } from '../../lib/model';

/** What each section of "Alerts and timers" is drawn from: the form as typed, its errors, and how to change it. */
export interface AlertSectionProps {
  t: Translate;
  form: AlertForm;
  error(field: AlertField): MessageKey | undefined;
  /** Set by the organisation's policy: shown, not editable. */
  managed(key: keyof MetricSettings): boolean;
  update(patch: Partial<AlertForm>): void;
}
