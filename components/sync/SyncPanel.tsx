import { callBackground } from '../../lib/messaging/client';
import type { SyncStatus } from '../../lib/sync/status';
import type { Locale } from '../useLocale';
import { SyncScope } from './SyncScope';
import { useSyncStatus } from './useSyncStatus';

function formatTime(locale: Locale, at: number): string {
  return new Intl.DateTimeFormat(locale.intlLocale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

function ErrorLine({ locale, status }: { locale: Locale; status: SyncStatus }) {
  const { t } = locale;
  const error = status.error;
  // A paused sync says why and what to do, once: the 401 that paused it is the same news.
  if (status.paused)
    return (
      <p className="ll-error" role="alert" data-testid="sync-paused" data-reason={status.paused.reason}>
        {t('status.paused.tokenRefused')}
      </p>
    );
  if (!error) return null;
  const text =
    error.kind === 'reconnect'
      ? t('status.error.reconnect')
      : error.kind === 'quota'
        ? t('status.error.quota')
        : error.kind === 'missingScope'
          ? t('status.error.missingScope', { scopes: (error.scopes ?? []).join(', ') })
          : error.kind === 'dailyLimit'
            ? t('status.error.dailyLimit', { time: formatTime(locale, error.until ?? Date.now()) })
            : error.kind === 'network'
              ? t('status.error.network', { message: error.message })
              : t('status.error.other', { message: error.message });
  return (
    <p className="ll-error" role="alert" data-testid="sync-error" data-kind={error.kind}>
      {text}
    </p>
  );
}

/** Parts of the sync HubSpot refused for a missing scope: what is off, which scope would turn it back on. */
function RefusedParts({ locale, status }: { locale: Locale; status: SyncStatus }) {
  const { t } = locale;
  const refused = status.refused ?? [];
  if (refused.length === 0) return null;
  return (
    <div data-testid="sync-refused">
      <p>{t('status.refused.heading')}</p>
      <ul>
        {refused.map((entry) => (
          <li key={entry.part} data-testid="sync-refused-part" data-part={entry.part} data-feature={entry.feature}>
            {t('status.refused.line', {
              feature: t(`status.feature.${entry.feature}`),
              part: t(`status.part.${entry.part}`),
              scopes: entry.scopes.join(', '),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Progress, freshness, skipped records and errors of the sync, with "Sync now". CRM text is rendered as text. */
export function SyncPanel({ locale, compact = false }: { locale: Locale; compact?: boolean }) {
  const { status } = useSyncStatus();
  const { t } = locale;
  if (!status) return <p className="ll-muted">{t('common.loading')}</p>;
  const progress = status.progress;
  const number = new Intl.NumberFormat(locale.intlLocale);
  const problems = status.skipped;
  return (
    <section data-testid="sync-panel" data-running={String(status.running)} data-full-done={String(status.fullDone)}>
      {!compact && <h2>{t('sync.heading')}</h2>}
      {progress ? (
        <div data-testid="sync-progress" data-job={progress.job} data-phase={progress.phase}>
          <p>
            {t(`sync.job.${progress.job}`)} · {t(`sync.phase.${progress.phase}`)}
          </p>
          <progress
            max={progress.total ?? undefined}
            value={progress.total ? Math.min(progress.done, progress.total) : undefined}
            aria-label={t(`sync.phase.${progress.phase}`)}
            style={{ inlineSize: '100%' }}
          />
          <p className="ll-muted">
            {progress.total
              ? t('sync.counts', { done: number.format(progress.done), total: progress.total })
              : t('sync.countsNoTotal', { count: progress.done })}{' '}
            · {t('sync.rate', { rate: number.format(Math.round(progress.rate)) })}
          </p>
        </div>
      ) : (
        <p className="ll-muted" data-testid="sync-idle">
          {status.fullDone ? t('sync.idle') : t('sync.never')}
        </p>
      )}
      {status.lastSuccessAt !== undefined && (
        <p className="ll-muted" data-testid="sync-last-success">
          {t('sync.lastSuccess', { time: formatTime(locale, status.lastSuccessAt) })}
        </p>
      )}
      {status.asOf !== undefined && (
        <p className="ll-muted" data-testid="sync-as-of">
          {t('sync.asOf', { time: formatTime(locale, status.asOf) })}
        </p>
      )}
      {status.rebuilding && (
        <p className="ll-muted" data-testid="sync-rebuilding">
          {t('status.rebuilding')}
        </p>
      )}
      <ErrorLine locale={locale} status={status} />
      <RefusedParts locale={locale} status={status} />
      {status.dailyRemaining !== undefined && !compact && (
        <p className="ll-muted">{t('status.dailyRemaining', { count: status.dailyRemaining })}</p>
      )}
      {(status.skippedCount > 0 || status.keptWithProblemsCount > 0) && (
        <details data-testid="sync-problems">
          <summary>
            {status.skippedCount > 0 && (
              <span data-testid="sync-skipped-count" data-count={status.skippedCount}>
                {t('status.skipped', { count: status.skippedCount })}{' '}
              </span>
            )}
            {status.keptWithProblemsCount > 0 && (
              <span data-testid="sync-kept-count" data-count={status.keptWithProblemsCount}>
                {t('status.kept', { count: status.keptWithProblemsCount })}
              </span>
            )}
          </summary>
          <table aria-label={t('status.problemsList')}>
            <tbody>
              {problems.map((problem) => (
                <tr key={`${problem.type}:${problem.id}`} data-testid="sync-problem" data-id={problem.id}>
                  <td>{problem.type}</td>
                  <td>
                    <bdi>{problem.id}</bdi>
                  </td>
                  <td>{problem.kept ? t('status.problemKept') : t('status.problemSkipped')}</td>
                  <td>
                    <bdi>{problem.reason}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <div className="ll-row">
        <button type="button" data-testid="sync-now" onClick={() => void callBackground('syncNow', {})}>
          {t('sync.now')}
        </button>
      </div>
      {!compact && <SyncScope locale={locale} />}
    </section>
  );
}
