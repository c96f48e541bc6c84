import { useCallback, useEffect, useId, useState } from 'react';
import { recordUrl } from '../../lib/crm/hubspot/urls';
import { callBackground } from '../../lib/messaging/client';
import type { ResponseOf } from '../../lib/messaging/protocol';
import { formatWaiting } from '../../lib/overlay/format';
import { onCacheUpdated } from '../../lib/settings/cache-signal';
import { watchTeamSettings } from '../../lib/settings/team-settings';
import type { Locale } from '../useLocale';
import { TableRegion } from './TableRegion';
import { useTeamSettings } from './useTeamSettings';

// The team queue (issue #20), in the side panel (with the reps to follow and the notification switch) and, compact,
// in the popup: every lead of the followed reps that is overdue now, who owns it, how long it has waited (on the
// team's clock, as the panel counts) and a link to it in HubSpot. Asked of the background, which has the worker's lead
// index; asked again each minute, after each sync and when the settings change.

type QueueRead = ResponseOf<'teamQueue'>;

const REFRESH_MS = 60_000;

/** The queue as the background reads it, kept current. */
export function useTeamQueue(): { read?: QueueRead; failed: boolean; reload(): void } {
  const [read, setRead] = useState<QueueRead>();
  const [failed, setFailed] = useState(false);
  const reload = useCallback(() => {
    callBackground('teamQueue', {}).then(
      (next) => {
        setRead(next);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, []);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, REFRESH_MS);
    const stopCache = onCacheUpdated(reload);
    const stopSettings = watchTeamSettings(reload);
    return () => {
      clearInterval(timer);
      stopCache();
      stopSettings();
    };
  }, [reload]);
  return { ...(read ? { read } : {}), failed, reload };
}

function QueueTable({ read, locale, limit }: { read: QueueRead; locale: Locale; limit?: number }) {
  const { t, language } = locale;
  const rows = limit === undefined ? read.entries : read.entries.slice(0, limit);
  const sla = new Intl.NumberFormat(locale.intlLocale, { maximumFractionDigits: 1 });
  return (
    <TableRegion label={t('teamQueue.title')}>
      <table className="ll-table" data-testid="team-queue-table">
        <thead>
          <tr>
            <th scope="col">{t('teamQueue.lead')}</th>
            <th scope="col">{t('teamQueue.owner')}</th>
            <th scope="col">{t('teamQueue.waited')}</th>
            <th scope="col">{t('teamQueue.sla')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.leadId} data-testid="team-queue-row" data-lead={entry.leadId}>
              <th scope="row">
                {read.portal ? (
                  <a
                    href={recordUrl(read.portal.uiDomain, read.portal.portalId, 'contact', entry.leadId)}
                    target="_blank"
                    rel="noopener noreferrer"
                    aria-label={t('teamQueue.open', { name: entry.name })}
                  >
                    <bdi>{entry.name}</bdi>
                  </a>
                ) : (
                  <bdi>{entry.name}</bdi>
                )}
                <span className="ll-muted"> · {t(`teamQueue.kind.${entry.kind}`)}</span>
              </th>
              <td>
                <bdi>{entry.ownerName ?? t('teamQueue.noOwnerName', { id: entry.ownerId })}</bdi>
              </td>
              <td data-testid="team-queue-waited">{formatWaiting(entry.waitedMinutes * 60_000, language)}</td>
              <td>{t('teamQueue.slaMinutes', { sla: sla.format(entry.slaMinutes) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** The reps to follow and the notification switch; saved with the team settings. */
function QueueChoices({ read, locale }: { read: QueueRead; locale: Locale }) {
  const { t } = locale;
  const team = useTeamSettings();
  const notifyId = useId();
  // What the manager just chose, shown at once; the queue's next read (after the save) confirms it.
  const [choice, setChoice] = useState({ ownerIds: read.ownerIds, notify: read.notify });
  // Open at first for a manager who follows nobody yet; then the manager's own to open and close.
  const [openAtFirst] = useState(read.ownerIds.length === 0);
  const readKey = `${read.ownerIds.join(',')}|${read.notify}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the read's choice.
  useEffect(() => setChoice({ ownerIds: read.ownerIds, notify: read.notify }), [readKey]);
  if (!team.settings || read.owners.length === 0) return null;
  const settings = team.settings;
  const locked = team.managedKeys.includes('teamQueue');
  const save = (ownerIds: string[], notify: boolean) => {
    setChoice({ ownerIds, notify });
    void team.save({ ...settings, teamQueue: { ownerIds, notify } });
  };
  const chosen = new Set(choice.ownerIds);
  return (
    <details className="ll-team-queue-choices" open={openAtFirst}>
      <summary>{t('teamQueue.reps')}</summary>
      <fieldset disabled={locked} data-testid="team-queue-reps">
        <legend className="ll-muted">{t('teamQueue.reps')}</legend>
        {read.owners.map((owner) => (
          <label key={owner.id} className="ll-field-inline">
            <input
              type="checkbox"
              checked={chosen.has(owner.id)}
              onChange={(event) => {
                const next = new Set(chosen);
                if (event.currentTarget.checked) next.add(owner.id);
                else next.delete(owner.id);
                save([...next], choice.notify);
              }}
            />{' '}
            <bdi>{owner.name}</bdi>
          </label>
        ))}
      </fieldset>
      <p>
        <input
          id={notifyId}
          type="checkbox"
          checked={choice.notify}
          disabled={locked}
          data-testid="team-queue-notify"
          onChange={(event) => save(choice.ownerIds, event.currentTarget.checked)}
        />{' '}
        <label htmlFor={notifyId}>{t('teamQueue.notifyMultiple')}</label>
      </p>
    </details>
  );
}

/**
 * The queue. `compact` (the popup): the first few rows, without the choices, and how many more the side panel
 * shows.
 */
export function TeamQueueView({ locale, compact = false }: { locale: Locale; compact?: boolean }) {
  const { t } = locale;
  const { read, failed } = useTeamQueue();
  const headingId = useId();
  const limit = compact ? 5 : undefined;
  // The popup is every rep's: only a manager who follows someone sees the queue there.
  if (compact && (!read?.connected || read.ownerIds.length === 0)) return null;
  let body: React.ReactNode;
  // Until the background answers (or when it cannot), nothing: the section keeps its place without a flash.
  if (!read || (failed && !read)) body = null;
  else if (!read.connected) body = <p className="ll-muted">{t('teamQueue.notConnected')}</p>;
  else if (read.ownerIds.length === 0) body = <p className="ll-muted">{t('teamQueue.noReps')}</p>;
  else if (read.entries.length === 0)
    body = (
      <p className="ll-muted" role="status" data-testid="team-queue-empty">
        {t('teamQueue.none')}
      </p>
    );
  else
    body = (
      <>
        <p role="status" data-testid="team-queue-count">
          {t('teamQueue.count', { count: read.entries.length })}
        </p>
        <QueueTable read={read} locale={locale} {...(limit !== undefined ? { limit } : {})} />
        {limit !== undefined && read.entries.length > limit && (
          <p className="ll-muted">{t('teamQueue.more', { count: read.entries.length - limit })}</p>
        )}
      </>
    );
  return (
    <section aria-labelledby={headingId} data-testid="team-queue" id="view-teamQueue">
      <h2 id={headingId}>{t('teamQueue.title')}</h2>
      {!compact && <p className="ll-muted">{t('teamQueue.intro')}</p>}
      {!compact && read?.connected && <QueueChoices read={read} locale={locale} />}
      {body}
    </section>
  );
}
