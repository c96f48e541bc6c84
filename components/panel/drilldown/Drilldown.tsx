import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Translate } from '../../../lib/i18n';
import type { Span } from '../../../lib/metrics/calendar';
import { noOwner } from '../../../lib/metrics/sources';
import type { MetricSettings } from '../../../lib/model/settings';
import { type DrilldownList, type DrilldownTarget, drilldownCsv } from '../../../lib/panel/drilldown';
import { csvText } from '../../../lib/panel/csv-rows';
import type { PanelFilters } from '../../../lib/panel/filters';
import type { Formatters } from '../../../lib/panel/format';
import type { PanelView } from '../../../lib/panel/view-model';
import type { PanelWorkerClient } from '../../../lib/panel/worker-client';
import { downloadText } from '../download';
import { dealColumns, leadColumns } from './columns';
import { markDrilldownPainted, markDrilldownStart } from './perf';
import { VirtualList } from './VirtualList';

// Any figure of the panel opens the records behind it: the cards and views call `useDrilldownOpener()` and this
// provider asks the worker for the rows (from the prepared index the figures came from) and shows them in a modal
// dialog. Without a provider (a component test, the print view) the openers draw nothing.

export interface DrilldownOpen {
  target: DrilldownTarget;
  /** The window the figure is over. */
  span: Span;
  /** A KPI card's two windows, so the list can switch between B and A. */
  sides?: { before: Span; after: Span };
  title: string;
}

type Opener = (open: DrilldownOpen) => void;

const OpenerContext = createContext<Opener | null>(null);

/** Opens a drill-down; null when the panel has none to offer (no worker yet). */
export function useDrilldownOpener(): Opener | null {
  return useContext(OpenerContext);
}

interface Opened {
  open: DrilldownOpen;
  span: Span;
  serial: number;
}

interface ProviderProps {
  worker: PanelWorkerClient | undefined;
  settings: MetricSettings | undefined;
  /** The filters of the view shown, so the rows are those its figures counted. */
  filters: PanelFilters | undefined;
  view: PanelView;
  f: Formatters;
  t: Translate;
  children: ReactNode;
}

export function DrilldownProvider({ worker, settings, filters, view, f, t, children }: ProviderProps) {
  const [opened, setOpened] = useState<Opened>();
  const [list, setList] = useState<DrilldownList | null>();
  const [error, setError] = useState<string>();
  const latest = useRef(0);
  const returnFocus = useRef<HTMLElement | null>(null);

  // The inputs are read when a list is asked for, so the opener keeps one identity and a filter change does not
  // re-render every button that holds it.
  const inputs = useRef({ worker, settings, filters });
  inputs.current = { worker, settings, filters };

  const load = useCallback((open: DrilldownOpen, span: Span) => {
    const { worker: client, settings: current, filters: shown } = inputs.current;
    if (!client || !current || !shown) return;
    const serial = markDrilldownStart();
    latest.current = serial;
    setOpened({ open, span, serial });
    setList(undefined);
    setError(undefined);
    client
      .request<'drilldown'>({
        type: 'drilldown',
        settings: current,
        filters: shown,
        request: { target: open.target, span },
      })
      .then(
        (reply) => {
          if (latest.current === serial) setList(reply.list);
        },
        (failure: unknown) => {
          if (latest.current === serial) setError(failure instanceof Error ? failure.message : String(failure));
        },
      );
  }, []);

  const open = useCallback(
    (next: DrilldownOpen) => {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      load(next, next.span);
    },
    [load],
  );

  const close = useCallback(() => {
    latest.current = 0;
    setOpened(undefined);
    setList(undefined);
    returnFocus.current?.focus();
  }, []);

  const opener = worker && settings && filters ? open : null;
  return (
    <OpenerContext.Provider value={opener}>
      {children}
      {opened && (
        <DrilldownDialog
          opened={opened}
          list={list}
          error={error}
          view={view}
          f={f}
          t={t}
          onClose={close}
          onSpan={(span) => load(opened.open, span)}
        />
      )}
    </OpenerContext.Provider>
  );
}

interface DialogProps {
  opened: Opened;
  list: DrilldownList | null | undefined;
  error: string | undefined;
  view: PanelView;
  f: Formatters;
  t: Translate;
  onClose(): void;
  onSpan(span: Span): void;
}

function DrilldownDialog({ opened, list, error, view, f, t, onClose, onSpan }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // A modal dialog keeps focus inside and closes on Escape; where `showModal` is missing it is shown in place.
    if (typeof element.showModal === 'function' && !element.open) element.showModal();
    else element.setAttribute('open', '');
    return () => {
      if (typeof element.close === 'function' && element.open) element.close();
    };
  }, []);

  const names = useMemo(() => new Map(view.choices.owners.map((owner) => [owner.id, owner.name])), [view.choices]);
  const ownerName = useCallback(
    (id: string | null) => (id === null || id === noOwner ? t('card.noOwner') : (names.get(id) ?? id)),
    [names, t],
  );
  const context = { f, t, portal: view.portal, ownerName };
  const { serial, span, open } = opened;
  const painted = useCallback(() => markDrilldownPainted(serial), [serial]);
  useEffect(() => {
    // An empty list has no first row to wait for: it is painted with its message.
    if (list && (list.kind === 'none' || list.rows.length === 0)) markDrilldownPainted(serial);
  }, [list, serial]);

  const count = list && list.kind !== 'none' ? list.rows.length : null;
  const height = Math.max(200, Math.min(480, Math.round(window.innerHeight * 0.55)));
  const heading =
    count === null
      ? open.title
      : t(list?.kind === 'deals' ? 'panel.drilldown.headingDeals' : 'panel.drilldown.headingLeads', {
          title: open.title,
          count,
        });
  const side = open.sides ? (span.from === open.sides.before.from ? 'before' : 'after') : null;

  return (
    <dialog
      ref={dialog}
      className="ll-drilldown"
      aria-labelledby="drilldown-heading"
      data-testid="drilldown"
      data-kind={list?.kind ?? ''}
      onClose={onClose}
    >
      <div className="ll-view-head">
        <h2 id="drilldown-heading" data-testid="drilldown-heading" data-count={count ?? ''}>
          {heading}
        </h2>
        <button type="button" className="ll-secondary" data-testid="drilldown-close" onClick={onClose}>
          {t('panel.drilldown.close')}
        </button>
      </div>
      <div className="ll-row">
        <span className="ll-muted ll-small" data-testid="drilldown-window">
          {t('panel.drilldown.window', { from: f.date(span.from), to: f.date(span.to - 1) })}
        </span>
        {open.sides && (
          <fieldset className="ll-drilldown-sides">
            <legend className="ll-visually-hidden">{t('panel.drilldown.side')}</legend>
            {(['before', 'after'] as const).map((which) => (
              <button
                key={which}
                type="button"
                className="ll-secondary"
                aria-pressed={side === which}
                data-testid={`drilldown-side-${which}`}
                onClick={() => open.sides && side !== which && onSpan(open.sides[which])}
              >
                {t(which === 'before' ? 'panel.kpi.before' : 'panel.kpi.after')}
              </button>
            ))}
          </fieldset>
        )}
        {list && list.kind !== 'none' && list.rows.length > 0 && (
          <button
            type="button"
            className="ll-secondary"
            data-testid="export-drilldown"
            onClick={() =>
              downloadText(
                'leadlens-drilldown.csv',
                csvText(drilldownCsv(list, view.portal, ownerName, t)),
                'text/csv;charset=utf-8',
              )
            }
          >
            {t('panel.exportCsv')}
          </button>
        )}
      </div>
      {error ? (
        <p className="ll-notice" role="alert">
          {t('common.error', { message: error })}
        </p>
      ) : list === undefined ? (
        <p className="ll-muted" role="status" data-testid="drilldown-loading">
          {t('panel.drilldown.loading')}
        </p>
      ) : list === null || list.kind === 'none' || list.rows.length === 0 ? (
        <p className="ll-muted" data-testid="drilldown-empty">
          {t('panel.drilldown.empty')}
        </p>
      ) : (
        <>
          <p className="ll-muted ll-small ll-no-print">{t('panel.drilldown.keys')}</p>
          {list.kind === 'leads' ? (
            <VirtualList
              key={serial}
              rows={list.rows}
              columns={leadColumns(context)}
              label={heading}
              rowKey={(row) => row.id}
              height={height}
              onRowsShown={painted}
              testId="drilldown-list"
            />
          ) : (
            <VirtualList
              key={serial}
              rows={list.rows}
              columns={dealColumns(context)}
              label={heading}
              rowKey={(row) => row.id}
              height={height}
              onRowsShown={painted}
              testId="drilldown-list"
            />
          )}
        </>
      )}
    </dialog>
  );
}

/**
 * The button a card or a table row shows to open its records. In a table the row's own name is the button, with the
 * full sentence as its accessible name; without a provider the label is drawn as plain text.
 */
export function DrilldownButton({
  open,
  label,
  accessibleLabel,
  testId,
  className = 'll-link-button',
}: {
  open: DrilldownOpen;
  label: ReactNode;
  accessibleLabel?: string;
  testId?: string;
  className?: string;
}) {
  const opener = useDrilldownOpener();
  if (!opener) return <>{label}</>;
  return (
    <button
      type="button"
      className={className}
      aria-label={accessibleLabel}
      data-testid={testId}
      onClick={() => opener(open)}
    >
      {label}
    </button>
  );
}
