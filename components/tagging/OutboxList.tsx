import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { database } from '../../lib/db/db';
import type { MessageKey } from '../../lib/i18n';
import { callBackground } from '../../lib/messaging/client';
import type { OutboxRow } from '../../lib/model/tags';
import type { Locale } from '../useLocale';

/** The outbox as it changes: IndexedDB is shared with the background, so every state change shows at once. */
function useOutbox(limit = 200): OutboxRow[] {
  const [rows, setRows] = useState<OutboxRow[]>([]);
  useEffect(() => {
    const subscription = liveQuery(() => database().outbox.orderBy('seq').reverse().limit(limit).toArray()).subscribe({
      next: setRows,
      error: () => setRows([]),
    });
    return () => subscription.unsubscribe();
  }, [limit]);
  return rows;
}

export function OutboxList({ locale }: { locale: Locale }) {
  const { t, intlLocale } = locale;
  const rows = useOutbox();
  const time = new Intl.DateTimeFormat(intlLocale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const act = (id: string, action: 'retry' | 'discard') => void callBackground('outboxAction', { id, action });
  return (
    <section aria-labelledby="outbox-heading" data-testid="outbox">
      <h2 id="outbox-heading">{t('outbox.title')}</h2>
      <p className="ll-muted">{t('outbox.intro')}</p>
      {rows.length === 0 ? (
        <p className="ll-muted">{t('outbox.empty')}</p>
      ) : (
        <ul className="ll-outbox" data-testid="outbox-list">
          {rows.map((row) => (
            <li key={row.id} data-testid="outbox-row" data-state={row.state} data-email={row.tag.email}>
              <div className="ll-outbox-head">
                <bdi className="ll-outbox-email">{row.tag.email}</bdi>
                <span className="ll-outbox-state" data-state={row.state}>
                  {t(`outbox.state.${row.state}` as MessageKey)}
                </span>
              </div>
              <div className="ll-muted">
                {row.write === 'leadStatus' && <bdi>{t('outbox.leadStatus', { status: row.leadStatus ?? '' })}</bdi>}
                {row.write === 'emailReply' && row.reply && (
                  <bdi>{t('outbox.emailReply', { time: time.format(row.reply.sentAt) })}</bdi>
                )}
                <bdi>{row.tag.source}</bdi>
                {row.tag.campaign && (
                  <>
                    {' · '}
                    <bdi>{t('outbox.campaign', { campaign: row.tag.campaign })}</bdi>
                  </>
                )}
                {row.tag.create && ` · ${t('outbox.newLead')}`}
              </div>
              {row.state === 'applied' && row.appliedAt !== undefined && (
                <div className="ll-muted">{t('outbox.appliedAt', { time: time.format(row.appliedAt) })}</div>
              )}
              {row.state === 'pending' && row.attempts > 0 && (
                <div className="ll-muted">
                  {t('outbox.nextTry', { time: time.format(row.notBefore), attempts: row.attempts })}
                  {row.lastError && (
                    <>
                      {' '}
                      <bdi>{t('outbox.lastError', { message: row.lastError })}</bdi>
                    </>
                  )}
                </div>
              )}
              {row.state === 'conflict' && row.conflict && (
                <p className="ll-error" role="alert" data-testid="outbox-conflict" data-reason={row.conflict.reason}>
                  {t(`outbox.conflict.${row.conflict.reason}` as MessageKey, { detail: row.conflict.detail })}
                </p>
              )}
              {(row.state === 'conflict' || (row.state === 'pending' && row.attempts > 0)) && (
                <div className="ll-row">
                  <button type="button" className="ll-secondary" onClick={() => act(row.id, 'retry')}>
                    {row.state === 'conflict' ? t('outbox.retry') : t('outbox.retryNow')}
                  </button>
                  {row.state === 'conflict' && (
                    <button type="button" className="ll-secondary" onClick={() => act(row.id, 'discard')}>
                      {t('outbox.discard')}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
