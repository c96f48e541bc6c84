import { useEffect, useId, useState } from 'react';
import { database } from '../../lib/db/db';
import type { MessageKey } from '../../lib/i18n';
import { callBackground } from '../../lib/messaging/client';
import { onCacheUpdated } from '../../lib/settings/cache-signal';
import type { ResponseOf } from '../../lib/messaging/protocol';
import type { Locale } from '../useLocale';

type Reply = ResponseOf<'taggingSettings'>;

/** The manager's choice of a portal property the tagger also writes the source to (options page). */
export function TaggingTarget({ locale }: { locale: Locale }) {
  const { t } = locale;
  const id = useId();
  const [reply, setReply] = useState<Reply>();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [statuses, setStatuses] = useState<{ value: string; label: string }[]>([]);

  // The portal's lead statuses come with the first sync: read them again whenever a sync has run.
  useEffect(() => {
    const read = () =>
      void database()
        .leadStatuses.toArray()
        .then((rows) =>
          setStatuses(
            rows.sort((a, b) => a.order - b.order).map(({ value, label }) => ({ value, label: label || value })),
          ),
        )
        .catch(() => undefined);
    read();
    return onCacheUpdated(read);
  }, []);

  const saveStatus = async (status: string) => {
    setReply(await callBackground('saveNotALeadStatus', { status }));
  };

  useEffect(() => {
    void callBackground('taggingSettings', {})
      .then((current) => {
        setReply(current);
        setName(current.sourceProperty ?? '');
      })
      .catch(() => undefined);
  }, []);

  const save = async () => {
    setBusy(true);
    try {
      setReply(await callBackground('saveTaggingSettings', { sourceProperty: name }));
    } finally {
      setBusy(false);
    }
  };

  const summary = () => {
    if (reply?.problem) return null;
    if (!reply?.target) return t('tagging.target.none');
    return reply.target.options
      ? t('tagging.target.current', { label: reply.target.label, count: reply.target.options.length })
      : t('tagging.target.currentText', { label: reply.target.label });
  };

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="tagging-target">
      <h2 id={`${id}-heading`}>{t('options.tagging')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="ll-field">
          <label htmlFor={id}>{t('tagging.target.label')}</label>
          <input
            id={id}
            dir="ltr"
            value={name}
            data-testid="tagging-target-input"
            aria-invalid={reply?.problem ? true : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setName(event.target.value)}
          />
          <span className="ll-muted" id={`${id}-hint`}>
            {t('tagging.target.hint')}
          </span>
        </div>
        <button type="submit" disabled={busy} data-testid="tagging-target-save">
          {t('tagging.target.save')}
        </button>
      </form>
      <div className="ll-field">
        <label htmlFor={`${id}-status`}>{t('tagging.notALead.label')}</label>
        <select
          id={`${id}-status`}
          value={reply?.notALeadStatus ?? ''}
          data-testid="not-a-lead-status"
          aria-describedby={`${id}-status-hint`}
          onChange={(event) => void saveStatus(event.target.value)}
        >
          <option value="">{t('tagging.notALead.none')}</option>
          {reply?.notALeadStatus && !statuses.some((status) => status.value === reply.notALeadStatus) && (
            <option value={reply.notALeadStatus}>{reply.notALeadStatus}</option>
          )}
          {statuses.map((status) => (
            <option key={status.value} value={status.value}>
              {status.label}
            </option>
          ))}
        </select>
        <span className="ll-muted" id={`${id}-status-hint`}>
          {t('tagging.notALead.hint')}
        </span>
      </div>
      {reply?.problem ? (
        <p className="ll-error" role="alert" data-testid="tagging-target-problem">
          {t(`tagging.target.problem.${reply.problem}` as MessageKey)}
        </p>
      ) : (
        <p className="ll-muted" role="status" data-testid="tagging-target-summary">
          {summary()}
        </p>
      )}
    </section>
  );
}
