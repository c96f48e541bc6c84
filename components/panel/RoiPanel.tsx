import {
  type ChangeEvent,
  lazy,
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { browser } from 'wxt/browser';
import { fileTooLarge, SNAPSHOT_FILE_MAX_BYTES } from '../../lib/model/import-limits';
import type { MetricSettings } from '../../lib/model/settings';
import { defaultFilters, type PanelFilters } from '../../lib/panel/filters';
import { formatters } from '../../lib/panel/format';
import type { SetupStep } from '../../lib/panel/answer';
import { dashboardIds } from '../../lib/panel/kpi-cards';
import { SyncPanel } from '../sync/SyncPanel';
import { useDocumentLocale, useLocale } from '../useLocale';
import { AnswerSentence } from './AnswerSentence';
import { downloadText } from './download';
import { DrilldownProvider } from './drilldown/Drilldown';
import { EmptyState } from './EmptyState';
import { Filters } from './Filters';
import { KeyFigures } from './KeyFigures';
import { PanelActions } from './PanelActions';
import { PanelHeader } from './PanelHeader';
import { PanelSkeleton } from './PanelSkeleton';
import { markFilterEnd, markFilterStart, markFirstPaint } from './perf';
import { RoiCard } from './RoiCard';
import { SettingOriginsProvider } from './SettingOrigins';
import { TeamSetup } from './TeamSetup';
import { useConnection } from './useConnection';
import { usePanelData } from './usePanelData';
import { usePanelPrefs } from './usePanelPrefs';
import { usePrintExpanded } from './usePrintExpanded';
import { useSetupChoices } from './useSetupChoices';
import { useTeamSettings } from './useTeamSettings';
import { TeamQueueView } from './TeamQueueView';
import { ViewsNav } from './ViewsNav';
import './panel.css';

const AllViews = lazy(() => import('./AllViews'));

/** Reports, after commit, which view the views below it were rendered with. */
function RenderedProbe({ value, onRendered }: { value: unknown; onRendered(value: unknown): void }) {
  useEffect(() => onRendered(value), [value, onRendered]);
  return null;
}

/** The manager's ROI panel: is our lead handling making money? */
export function RoiPanel() {
  const locale = useLocale();
  useDocumentLocale(locale, 'panel.title');
  const { t } = locale;
  const rtl = locale.dir === 'rtl';
  const team = useTeamSettings();
  const { connection, failed: backgroundFailed } = useConnection();
  const { prefs, update: updatePrefs } = usePanelPrefs();
  const [filters, setFilters] = useState<PanelFilters>(defaultFilters);
  const [mode, setMode] = useState<'dashboard' | 'setup'>('dashboard');
  // The setup step the answer sentence sent the manager to, focused when the setup opens.
  const [step, setStep] = useState<SetupStep>();
  const openSetup = useCallback((next?: SetupStep) => {
    setStep(next);
    setMode('setup');
  }, []);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const data = usePanelData(team.settings, filters);
  const { view, state } = data;
  const filterSerial = useRef<{ serial: number; key: string } | undefined>(undefined);
  usePrintExpanded();
  // Before the first view exists the setup's owners and sources come from the cache itself.
  const cached = useSetupChoices(mode === 'setup' && view === undefined);

  const settings = team.settings;
  const portalCurrency = state?.portal.currency ?? connection?.currency;
  const currency = prefs?.currency ?? portalCurrency ?? 'USD';
  const timeZone = settings?.timezone ?? state?.portal.timeZone ?? 'UTC';
  const f = useMemo(
    () => formatters(locale.intlLocale, currency, timeZone, (value) => t('panel.kpi.points', { value })),
    [locale.intlLocale, currency, timeZone, t],
  );

  const changeFilters = useCallback((next: PanelFilters) => {
    filterSerial.current = { serial: markFilterStart(), key: JSON.stringify(next) };
    setFilters(next);
  }, []);

  const current = view !== undefined && !data.stale;
  useEffect(() => {
    if (current && view.kpis.length > 0) markFirstPaint();
  }, [current, view]);
  // The views (charts, tables) render after the cards, at a lower priority, so the cards paint first.
  const deferredView = useDeferredValue(view);
  // Busy until the views have caught up too: the cards may show the new figures while the tables still hold the last
  // view's, and anyone reading a table (assistive technology, a test) must not take it for the current one.
  const busy = data.busy || (deferredView !== undefined && deferredView !== view);
  const viewsRendered = useCallback(
    (rendered: unknown) => {
      const pending = filterSerial.current;
      if (pending && rendered === view && current && JSON.stringify(data.viewFilters) === pending.key) {
        filterSerial.current = undefined;
        markFilterEnd(pending.serial);
      }
    },
    [view, current, data.viewFilters],
  );

  const ids = useMemo(
    () => dashboardIds(prefs?.kpis, view?.feedback ?? { nps: false, csat: false }),
    [prefs?.kpis, view?.feedback],
  );

  const exportSnapshot = async () => {
    if (!data.worker || !settings) return;
    try {
      const reply = await data.worker.request<'exported'>({
        type: 'exportSnapshot',
        settings,
        currency: portalCurrency,
      });
      downloadText(`leadlens-snapshot-${new Date().toISOString().slice(0, 10)}.json`, reply.text, 'application/json');
    } catch (error) {
      setMessage({
        ok: false,
        text: t('common.error', { message: error instanceof Error ? error.message : String(error) }),
      });
    }
  };

  const importSnapshot = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || !data.worker) return;
    if (connection?.connected) {
      setMessage({ ok: false, text: t('panel.importWhileConnected') });
      return;
    }
    // Checked before the file is read: a huge file would otherwise be held whole in memory, twice (here and the worker).
    const tooLarge = fileTooLarge(file.size, SNAPSHOT_FILE_MAX_BYTES);
    if (tooLarge) {
      setMessage({ ok: false, text: t('panel.importFailed', { message: t('common.fileTooLarge', tooLarge) }) });
      return;
    }
    try {
      const reply = await data.worker.request<'imported'>({ type: 'importSnapshot', text: await file.text() });
      await team.save(reply.settings);
      if (reply.portal.currency && !prefs?.currency) updatePrefs({ currency: reply.portal.currency });
      setMessage({ ok: true, text: t('panel.importDone', { count: reply.leads }) });
    } catch (error) {
      setMessage({
        ok: false,
        text: t('panel.importFailed', { message: error instanceof Error ? error.message : String(error) }),
      });
    }
  };

  const saveSetup = async (next: MetricSettings, nextCurrency: string) => {
    await team.save(next);
    if (nextCurrency !== currency) updatePrefs({ currency: nextCurrency });
  };

  const importButton = (
    <label className="ll-file ll-no-print">
      {t('panel.importSnapshot')}
      <input
        type="file"
        accept=".json,application/json"
        data-testid="import-snapshot"
        onChange={(event) => void importSnapshot(event)}
      />
    </label>
  );

  // The setup can be opened as soon as there is a portal to set up: connected (the first sync may still run) or data.
  const canSetUp = connection?.connected === true || (state !== undefined && state.origin !== 'none');
  // First run: connected, no adoption date yet. Every state before the dashboard then leads to the setup.
  const firstRun = connection?.connected === true && settings !== undefined && settings.adoptionDate === undefined;
  const firstRunPrompt = firstRun && (
    <div className="ll-notice-block" data-testid="first-run">
      <p>{t('panel.firstRun')}</p>
      <button type="button" data-testid="open-setup-first-run" onClick={() => setMode('setup')}>
        {t('panel.openSetup')}
      </button>
    </div>
  );

  const body = () => {
    if (team.failed || backgroundFailed) {
      return <EmptyState kind="background" message={t('panel.error.background')} />;
    }
    if (!state || !settings) return <PanelSkeleton t={t} />;
    if (mode === 'setup' && canSetUp) {
      const choices = view?.choices ?? cached.choices;
      return (
        <SettingOriginsProvider origins={team.origins} intlLocale={locale.intlLocale}>
          <TeamSetup
            t={t}
            settings={settings}
            managedKeys={team.managedKeys}
            currency={currency}
            portalTimeZone={state.portal.timeZone ?? connection?.timeZone}
            portalCurrency={portalCurrency}
            owners={choices?.owners ?? []}
            sources={choices?.sources ?? []}
            problem={team.problem}
            assumptionsNote={team.assumptionsNote}
            focusStep={step}
            onSave={saveSetup}
          />
        </SettingOriginsProvider>
      );
    }
    if (state.origin === 'none') {
      if (connection && !connection.connected) {
        return (
          <EmptyState kind="notConnected" message={t('panel.emptyNotConnected')}>
            <div className="ll-row">
              <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
                {t('common.openOptions')}
              </button>
            </div>
            <p className="ll-muted">{t('panel.empty.importHint')}</p>
            {importButton}
          </EmptyState>
        );
      }
      return (
        <EmptyState kind="firstSync" message={t('panel.empty.firstSync')}>
          <SyncPanel locale={locale} compact />
          {firstRunPrompt}
        </EmptyState>
      );
    }
    if (data.error && !view) {
      return <EmptyState kind="error" message={t('panel.error.worker', { message: data.error })} />;
    }
    if (!view) {
      return (
        <>
          <p className="ll-muted" role="status" data-testid="computing">
            {t('panel.computing')}
          </p>
          {firstRunPrompt}
        </>
      );
    }
    const viewProps = { view: deferredView ?? view, f, t, rtl };
    return (
      <DrilldownProvider worker={data.worker} settings={settings} filters={data.viewFilters} view={view} f={f} t={t}>
        <AnswerSentence view={view} f={f} t={t} onOpenStep={openSetup} />
        <Filters filters={filters} choices={view.choices} t={t} onChange={changeFilters} />
        <KeyFigures
          view={view}
          ids={ids}
          f={f}
          t={t}
          onOpenSetup={openSetup}
          onKpisChange={(next) => updatePrefs({ kpis: next })}
        />
        {view.adoptionDate !== null && view.roi.checkpoints.length > 0 && <RoiCard view={view} f={f} t={t} />}
        <TeamQueueView locale={locale} />
        <ViewsNav t={t} />
        <RenderedProbe value={viewProps.view} onRendered={viewsRendered} />
        <Suspense fallback={<PanelSkeleton t={t} testId="views-skeleton" />}>
          <AllViews
            {...viewProps}
            allMissing={async () => {
              if (!data.worker || !settings) return view.dataQuality.missing;
              return (await data.worker.request<'missingFields'>({ type: 'missingFields', settings, filters })).rows;
            }}
          />
        </Suspense>
      </DrilldownProvider>
    );
  };

  return (
    <main
      className="ll-panel"
      data-testid="roi-panel"
      data-state={state?.origin ?? 'loading'}
      data-busy={String(busy)}
      data-stale={String(data.stale)}
      aria-busy={busy}
    >
      <PanelHeader
        t={t}
        f={f}
        state={state}
        stale={data.stale}
        error={data.error}
        hasView={view !== undefined}
        message={message}
      >
        {settings && (view || canSetUp) && (
          <PanelActions
            t={t}
            mode={mode}
            onToggleSetup={() => (mode === 'setup' ? setMode('dashboard') : openSetup())}
            hasView={view !== undefined}
            onExport={() => void exportSnapshot()}
            connected={connection?.connected}
            importButton={importButton}
          />
        )}
      </PanelHeader>
      {team.assumptionsNote && mode !== 'setup' && canSetUp && (
        // Once, after an update read a stored 100/100 margin and attribution as unset: until the manager saves.
        <div className="ll-notice-block" data-testid="assumptions-note">
          <p>{t('setup.assumptionsNote')}</p>
          <button type="button" onClick={() => setMode('setup')}>
            {t('panel.openSetup')}
          </button>
        </div>
      )}
      {settings?.cacheScope === 'mine' && state?.origin === 'sync' && (
        // A rep's cache holds their own leads only (issue #23): the figures are theirs, not the team's.
        <p className="ll-muted" role="note" data-testid="rep-scope-note">
          {t('cacheScope.panelNote')}
        </p>
      )}
      {body()}
    </main>
  );
}
