import { type ChangeEvent, useCallback, useEffect, useId, useState } from 'react';
import { type FeedbackLineError, feedbackFromCsv } from '../../lib/csv/feedback-import';
import { database } from '../../lib/db/db';
import { clearImportedFeedback, countImportedFeedback, saveImportedFeedback } from '../../lib/db/imported-feedback';
import type { Translate } from '../../lib/i18n';
import { zoneClockFor } from '../../lib/metrics/calendar';
import { feedbackScale, type ImportedFeedbackRow } from '../../lib/model/imported-feedback';
import { CSV_IMPORT_MAX_BYTES, fileTooLarge } from '../../lib/model/import-limits';

// NPS and CSAT from a CSV, for portals without HubSpot feedback surveys. Not a setting: the responses go to the
// cache's own table (lib/db/imported-feedback.ts), so the team setup's Save is not needed and a policy cannot lock it.

/** The store the section writes to; tests pass their own. */
export interface FeedbackStore {
  save(rows: readonly ImportedFeedbackRow[]): Promise<void>;
  count(): Promise<number>;
  clear(): Promise<void>;
}

const databaseStore: FeedbackStore = {
  save: (rows) => saveImportedFeedback(database(), rows),
  count: () => countImportedFeedback(database()),
  clear: () => clearImportedFeedback(database()),
};

/** Refused lines listed at most; the rest are counted. */
export const ERRORS_SHOWN = 20;

export function feedbackLineText(error: FeedbackLineError, t: Translate): string {
  const { line, value } = error;
  switch (error.problem) {
    case 'columns':
      return t('feedbackImport.columns', { line, found: value });
    case 'score': {
      const kind = error.kind ?? 'nps';
      const [low, high] = feedbackScale[kind];
      return t('feedbackImport.score', { line, value, kind: kind.toUpperCase(), low, high });
    }
    case 'duplicate':
      return t('feedbackImport.duplicate', { line, first: error.firstLine ?? '' });
    default:
      return t(`feedbackImport.${error.problem}`, { line, value });
  }
}

export function FeedbackImport({
  t,
  timeZone,
  store = databaseStore,
  now = Date.now,
}: {
  t: Translate;
  /** The team's time zone: a date without a time is its local midnight there. */
  timeZone: string;
  store?: FeedbackStore;
  now?: () => number;
}) {
  const headingId = useId();
  const [kept, setKept] = useState<number | null>(null);
  const [result, setResult] = useState<{ imported: number; errors: FeedbackLineError[] } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const refresh = useCallback(() => {
    // A page without the cache (a test, a browser that refuses IndexedDB) shows no count rather than failing.
    store.count().then(setKept, () => setKept(null));
  }, [store]);
  useEffect(refresh, [refresh]);

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setResult(null);
    // Checked before the file is read, as the spend import does.
    const tooLarge = fileTooLarge(file.size, CSV_IMPORT_MAX_BYTES);
    if (tooLarge) {
      setMessage({ ok: false, text: t('common.fileTooLarge', tooLarge) });
      return;
    }
    const clock = zoneClockFor(timeZone);
    const parsed = feedbackFromCsv(await file.text(), {
      localMidnight: (date) => clock.localMidnight(date),
      now: now(),
    });
    try {
      await store.save(parsed.rows);
    } catch (error) {
      setMessage({
        ok: false,
        text: t('setup.feedbackFailed', { message: error instanceof Error ? error.message : String(error) }),
      });
      return;
    }
    setMessage(null);
    setResult({ imported: parsed.rows.length, errors: parsed.errors });
    refresh();
  };

  const remove = async () => {
    await store.clear();
    setResult(null);
    setMessage({ ok: true, text: t('setup.feedbackRemoved') });
    refresh();
  };

  const shown = result?.errors.slice(0, ERRORS_SHOWN) ?? [];
  const more = (result?.errors.length ?? 0) - shown.length;
  return (
    <fieldset data-testid="setup-feedback" aria-labelledby={headingId}>
      <legend id={headingId}>{t('setup.feedback')}</legend>
      <p className="ll-muted ll-small">{t('setup.feedbackIntro')}</p>
      <p className="ll-muted ll-small" data-testid="feedback-ranges">
        {t('setup.feedbackRanges', { zone: timeZone })}
      </p>
      <p className="ll-muted ll-small">{t('setup.feedbackSyncedWins')}</p>
      <div className="ll-row">
        <label className="ll-file">
          {t('setup.feedbackImport')}
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="feedback-import"
            onChange={(event) => void importFile(event)}
          />
        </label>
        <button
          type="button"
          className="ll-secondary"
          data-testid="feedback-remove"
          disabled={kept === null || kept === 0}
          onClick={() => void remove()}
        >
          {t('setup.feedbackRemove')}
        </button>
      </div>
      {kept !== null && (
        <p className="ll-muted ll-small" data-testid="feedback-kept" data-count={kept}>
          {t('setup.feedbackKept', { count: kept })}
        </p>
      )}
      {result && (
        <div role="status" data-testid="feedback-import-result" data-imported={result.imported}>
          <p>{t('setup.feedbackImported', { count: result.imported })}</p>
          {result.errors.length > 0 && (
            <>
              <p className="ll-error">{t('setup.feedbackRefused', { count: result.errors.length })}</p>
              <ul className="ll-error" data-testid="feedback-import-errors">
                {shown.map((error) => (
                  <li key={error.line} data-line={error.line} data-problem={error.problem}>
                    {feedbackLineText(error, t)}
                  </li>
                ))}
              </ul>
              {more > 0 && <p className="ll-error">{t('setup.feedbackMore', { count: more })}</p>}
            </>
          )}
        </div>
      )}
      {message && (
        <p className={message.ok ? 'll-muted' : 'll-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </fieldset>
  );
}
