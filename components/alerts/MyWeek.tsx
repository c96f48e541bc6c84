import { liveQuery } from 'dexie';
import { useEffect, useId, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { firstDayOfWeek, myWeek, type WeekFigures, type WeekLead, weekStart } from '../../lib/alerts/my-week';
import { database } from '../../lib/db/db';
import type { ViewedTouch } from '../../lib/metrics/lead-view';
import type { MetricSettings } from '../../lib/model';
import { useTeamSettings } from '../panel/useTeamSettings';
import type { Locale } from '../useLocale';

// The popup's "My week" (issue #20): my median response and share within SLA for the leads created this week (the
// week of the user's locale, from its first day's local midnight in the team's zone), my overdue count (the toolbar's,
// from the alerts' last check), and the team's figures beside mine when the cache holds other reps' leads too. The
// figures are lib/alerts/my-week.ts's; this only reads the cache and draws them.

/** `alerts.state` as the background writes it (lib/background/alerts-service.ts); only the count is read here. */
const ALERTS_STATE_KEY = 'alerts.state';

function useOverdueCount(): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const read = () =>
      void browser.storage.local
        .get(ALERTS_STATE_KEY)
        .then((stored) => {
          const state = stored[ALERTS_STATE_KEY] as { overdue?: unknown } | undefined;
          setCount(Array.isArray(state?.overdue) ? state.overdue.length : null);
        })
        .catch(() => setCount(null));
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && ALERTS_STATE_KEY in changes) read();
    };
    read();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return count;
}

interface WeekData {
  leads: WeekLead[];
  touches: Map<string, ViewedTouch[]>;
}

/** The week's leads and their touches, from the cache (shared with the background), kept current by the sync. */
function useWeekData(from: number): WeekData | null {
  const [data, setData] = useState<WeekData | null>(null);
  useEffect(() => {
    const subscription = liveQuery(async () => {
      const db = database();
      const leads = await db.leads.where('createdAt').aboveOrEqual(from).toArray();
      const ids = leads.map((lead) => lead.id);
      const touches = ids.length === 0 ? [] : await db.touches.where('leadIds').anyOf(ids).toArray();
      return { leads, touches };
    }).subscribe({
      next: ({ leads, touches }) => {
        const byLead = new Map<string, ViewedTouch[]>();
        for (const touch of touches)
          for (const id of touch.leadIds) {
            const list = byLead.get(id) ?? [];
            list.push(touch);
            byLead.set(id, list);
          }
        setData({ leads, touches: byLead });
      },
      error: () => setData(null),
    });
    return () => subscription.unsubscribe();
  }, [from]);
  return data;
}

export function MyWeek({ locale }: { locale: Locale }) {
  const team = useTeamSettings();
  const headingId = useId();
  const { t } = locale;
  return (
    <section aria-labelledby={headingId} data-testid="popup-my-week">
      <h2 id={headingId}>{t('popup.mine.heading')}</h2>
      {team.settings &&
        (team.settings.myOwnerId ? (
          <MyWeekFigures locale={locale} settings={team.settings} myOwnerId={team.settings.myOwnerId} />
        ) : (
          <p className="ll-muted">{t('popup.mine.noOwner', { section: t('options.alerts') })}</p>
        ))}
    </section>
  );
}

function MyWeekFigures({
  locale,
  settings,
  myOwnerId,
}: {
  locale: Locale;
  settings: MetricSettings;
  myOwnerId: string;
}) {
  const { t, intlLocale } = locale;
  // Fixed while the popup is open (it lives seconds): the week and "now" of its opening.
  const [now] = useState(() => Date.now());
  const from = useMemo(
    () => weekStart(now, settings.timezone, firstDayOfWeek(intlLocale)),
    [now, settings.timezone, intlLocale],
  );
  const data = useWeekData(from);
  const overdue = useOverdueCount();
  const figures = useMemo(
    () => (data ? myWeek(data.leads, (id) => data.touches.get(id) ?? [], settings, myOwnerId, from, now) : null),
    [data, settings, myOwnerId, from, now],
  );
  const formats = useMemo(
    () => ({
      minutes: new Intl.NumberFormat(intlLocale, { style: 'unit', unit: 'minute', maximumFractionDigits: 1 }),
      share: new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 0 }),
      count: new Intl.NumberFormat(intlLocale),
      date: new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeZone: settings.timezone }),
    }),
    [intlLocale, settings.timezone],
  );
  if (!figures) return <p className="ll-muted">{t('common.loading')}</p>;
  const none = t('popup.mine.none');
  const cells = (of: WeekFigures) => ({
    median: of.medianResponseMinutes === null ? none : formats.minutes.format(of.medianResponseMinutes),
    share: of.shareWithinSla === null ? none : formats.share.format(of.shareWithinSla),
    leads: formats.count.format(of.leads),
  });
  const mine = cells(figures.mine);
  const all = figures.team ? cells(figures.team) : null;
  const rows: Array<{ key: string; label: string; mine: string; team?: string }> = [
    { key: 'median', label: t('popup.mine.median'), mine: mine.median, ...(all ? { team: all.median } : {}) },
    { key: 'share', label: t('popup.mine.share'), mine: mine.share, ...(all ? { team: all.share } : {}) },
    { key: 'leads', label: t('popup.mine.leads'), mine: mine.leads, ...(all ? { team: all.leads } : {}) },
    {
      key: 'overdue',
      label: t('popup.mine.overdue'),
      mine: overdue === null ? none : formats.count.format(overdue),
      ...(all ? { team: none } : {}),
    },
  ];
  return (
    <>
      <p className="ll-muted">{t('popup.mine.intro', { date: formats.date.format(from) })}</p>
      <table className="ll-my-week">
        <thead>
          <tr>
            <td />
            <th scope="col">{t('popup.mine.me')}</th>
            {all && <th scope="col">{t('popup.mine.team')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`my-week-${row.key}`}>
              <th scope="row">{row.label}</th>
              <td data-testid="mine">{row.mine}</td>
              {all && <td data-testid="team">{row.team}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
