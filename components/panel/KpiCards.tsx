import { useState } from 'react';
import type { Translate } from '../../lib/i18n';
import { drilldownKindOf } from '../../lib/metrics/drilldown';
import type { KpiId } from '../../lib/metrics/kpis';
import type { SetupStep } from '../../lib/panel/answer';
import { kpiRows } from '../../lib/panel/csv-rows';
import { type Formatters, formatDifference, formatValue, lowerIsBetter } from '../../lib/panel/format';
import {
  enterText,
  kpiFormula,
  labelKey,
  roiAssumptionText,
  roiReadingText,
  roiReasonLines,
} from '../../lib/panel/formulas';
import {
  allKpiIds,
  awaitsInput,
  type KpiCardModel,
  MAX_CARDS,
  MIN_CARDS,
  moveKpi,
  swapKpi,
  tooLittleData,
} from '../../lib/panel/kpi-cards';
import type { PanelView } from '../../lib/panel/view-model';
import { CsvButton } from './CsvButton';
import { DrilldownButton } from './drilldown/Drilldown';
import { Formula, Iso, Isolated } from './Formula';
import { Sparkline } from './Sparkline';

interface CardProps {
  card: KpiCardModel;
  view: PanelView;
  f: Formatters;
  t: Translate;
  /** Opens the setup step a waiting ROI card needs (its assumptions, or the costs). */
  onOpenStep?(step: SetupStep): void;
}

/**
 * The colour of a change: only a significant one (its interval excludes 0) is better or worse; a change without an
 * interval, or whose interval contains 0, stays neutral, never red.
 */
export function trendOf(card: KpiCardModel): 'better' | 'worse' | 'flat' {
  if (card.difference === null || card.difference === 0 || card.notSignificant !== false) return 'flat';
  const up = card.difference > 0;
  return up !== lowerIsBetter(card.id) ? 'better' : 'worse';
}

/** The icon and words beside a significant change: colour is never the only sign. */
function SignificantMark({ card, t }: { card: KpiCardModel; t: Translate }) {
  if (trendOf(card) === 'flat' || card.difference === null) return null;
  const up = card.difference > 0;
  return (
    <span data-testid="significant-mark" title={t(up ? 'panel.kpi.significantUp' : 'panel.kpi.significantDown')}>
      <span aria-hidden="true">{up ? ' ▲' : ' ▼'}</span>
      <span className="ll-visually-hidden">{t(up ? 'panel.kpi.significantUp' : 'panel.kpi.significantDown')}</span>
    </span>
  );
}

/** Opens the leads or won deals behind a card's figure: its A window, with B one click away. */
function KpiDrilldown({
  card,
  label,
  checkpoint,
  t,
}: {
  card: KpiCardModel;
  label: string;
  checkpoint: PanelView['roi']['checkpoints'][number] | undefined;
  t: Translate;
}) {
  const kind = drilldownKindOf(card.id);
  if (kind === 'none' || !checkpoint) return null;
  return (
    <p className="ll-card-interval ll-no-print">
      <DrilldownButton
        open={{
          target: { kind: 'kpi', kpi: card.id },
          span: checkpoint.after,
          sides: { before: checkpoint.baseline, after: checkpoint.after },
          title: label,
        }}
        label={t(kind === 'deals' ? 'panel.drilldown.showDeals' : 'panel.drilldown.showLeads')}
        testId="kpi-drilldown"
      />
    </p>
  );
}

export function KpiCard({ card, view, f, t, onOpenStep }: CardProps) {
  const label = t(labelKey(card.id));
  const checkpoint = view.roi.checkpoints.find((c) => c.months === view.checkpoint?.months);
  const single = card.id === 'roi';
  const waiting = awaitsInput(card);
  // METRICS.md "Default dashboard": the revenue change card's headline is the difference A − B, not Revenue(A).
  const changeCard = card.id === 'revenueChange';
  // Ends of the interval in the card's unit: a difference for the comparisons, the ROI itself for the ROI.
  const end = (value: number) => (single ? formatValue('ratio', value, f) : formatDifference(card.unit, value, f));
  return (
    <article
      className="ll-card"
      data-testid="kpi-card"
      data-kpi={card.id}
      data-value={card.after ?? ''}
      data-difference={card.difference ?? ''}
      data-n={card.afterN ?? ''}
      aria-labelledby={`kpi-${card.id}`}
    >
      <h3 id={`kpi-${card.id}`} className="ll-card-label">
        {label}
      </h3>
      <p className="ll-card-value" data-testid="kpi-headline">
        {waiting ? (
          '—'
        ) : changeCard ? (
          <span className="ll-delta" data-trend={trendOf(card)}>
            <Iso>{formatDifference(card.unit, card.difference, f)}</Iso>
            <SignificantMark card={card} t={t} />
          </span>
        ) : (
          <Iso>{formatValue(card.unit, card.after, f)}</Iso>
        )}
      </p>
      {card.reasons.length > 0 &&
        roiReasonLines(card.reasons, t).map((line) => (
          <p key={line} className="ll-card-interval ll-notice" data-testid="kpi-reason">
            {line}
          </p>
        ))}
      {card.reasons.length === 0 && card.needs.length > 0 && (
        <p className="ll-card-interval ll-notice" data-testid="kpi-needs">
          {enterText(card.needs, t)}
        </p>
      )}
      {single && waiting && onOpenStep && (
        <button
          type="button"
          className="ll-secondary ll-no-print"
          data-testid="kpi-open-step"
          onClick={() => onOpenStep(card.reasons.length > 0 ? 'assumptions' : 'costs')}
        >
          {t(card.reasons.length > 0 ? 'panel.answer.setAssumptions' : 'panel.answer.setCosts')}
        </button>
      )}
      {single && !waiting && checkpoint && (
        <p className="ll-card-interval ll-muted ll-small" data-testid="kpi-assumptions">
          {roiAssumptionText(checkpoint, f, t)}
        </p>
      )}
      {!single && !waiting && (
        <p className="ll-card-change">
          <span className="ll-muted">
            {t('panel.kpi.before')} <Iso>{formatValue(card.unit, card.before, f)}</Iso>
          </span>{' '}
          {changeCard ? (
            // The headline is already the difference: the second line gives the two sides it is taken between.
            <span className="ll-muted">
              {t('panel.kpi.after')} <Iso>{formatValue(card.unit, card.after, f)}</Iso>
            </span>
          ) : (
            <span className="ll-delta" data-testid="kpi-change" data-trend={trendOf(card)}>
              <Iso>{formatDifference(card.unit, card.difference, f)}</Iso>
              <SignificantMark card={card} t={t} />
            </span>
          )}
        </p>
      )}
      {card.interval && !waiting && (
        <p className="ll-card-interval" data-testid="kpi-interval">
          <Isolated
            message="panel.kpi.interval"
            params={{ low: end(card.interval.low), high: end(card.interval.high) }}
            t={t}
          />{' '}
          {single && card.reading !== null ? (
            <strong className={card.notSignificant ? 'll-not-significant' : 'll-significant'} data-testid="roi-reading">
              {roiReadingText(card.reading, t)}
            </strong>
          ) : card.notSignificant ? (
            <strong className="ll-not-significant" data-testid="not-significant">
              {t('panel.kpi.notSignificant')}
            </strong>
          ) : (
            <span className="ll-significant">{t('panel.kpi.significant')}</span>
          )}
        </p>
      )}
      {card.target && (
        <p className="ll-card-interval ll-small" data-testid="kpi-target" data-status={card.target.status ?? ''}>
          <Isolated
            message="panel.kpi.target"
            params={{
              target: changeCard
                ? formatDifference(card.unit, card.target.value, f)
                : formatValue(card.unit, card.target.value, f),
            }}
            t={t}
          />
          {card.target.status !== null && (
            <strong className={card.target.status === 'met' ? 'll-target-met' : 'll-target-missed'}>
              {' · '}
              <span aria-hidden="true">{card.target.status === 'met' ? '✓ ' : '✗ '}</span>
              {t(card.target.status === 'met' ? 'panel.kpi.targetMet' : 'panel.kpi.targetMissed')}
            </strong>
          )}
        </p>
      )}
      {tooLittleData(card) && (
        <p className="ll-card-interval ll-muted" data-testid="too-little-data">
          {t('panel.kpi.tooLittleData')}
        </p>
      )}
      <Sparkline values={card.sparkline} label={t('panel.kpi.sparkline', { label })} />
      <KpiDrilldown card={card} label={label} checkpoint={checkpoint} t={t} />
      <Formula lines={kpiFormula(card, checkpoint, view.settings, f, t)} t={t} testId={`formula-${card.id}`} />
    </article>
  );
}

interface CardsProps {
  view: PanelView;
  ids: readonly KpiId[];
  satisfaction: readonly KpiId[];
  f: Formatters;
  t: Translate;
  onChange(ids: KpiId[]): void;
  onOpenStep?(step: SetupStep): void;
}

/** The dashboard's KPI cards, in the manager's order, with a mode to swap, reorder, add and remove them. */
export function KpiCards({ view, ids, satisfaction, f, t, onChange, onOpenStep }: CardsProps) {
  const [editing, setEditing] = useState(false);
  const byId = new Map(view.kpis.map((card) => [card.id, card]));
  const choices = allKpiIds.filter((id) => (id === 'nps' || id === 'csat' ? view.feedback[id] : true));
  const cards = (list: readonly KpiId[]) =>
    list.flatMap((id) => {
      const card = byId.get(id);
      return card ? [<KpiCard key={id} card={card} view={view} f={f} t={t} onOpenStep={onOpenStep} />] : [];
    });
  return (
    <>
      <div className="ll-cards" data-testid="kpi-cards">
        {cards(ids)}
      </div>
      {satisfaction.length > 0 && (
        <>
          <h3 className="ll-subheading">{t('panel.kpi.satisfaction')}</h3>
          <div className="ll-cards" data-testid="satisfaction-cards">
            {cards(satisfaction)}
          </div>
        </>
      )}
      <div className="ll-row ll-no-print">
        <CsvButton
          name="kpis"
          csv={() =>
            kpiRows(
              view.kpis,
              [...ids, ...satisfaction],
              t,
              view.roi.checkpoints.find((c) => c.months === view.checkpoint?.months),
            )
          }
          t={t}
        />
        <button
          type="button"
          className="ll-secondary"
          aria-expanded={editing}
          data-testid="kpi-customise"
          onClick={() => setEditing((value) => !value)}
        >
          {editing ? t('panel.kpi.done') : t('panel.kpi.customise')}
        </button>
      </div>
      {editing && (
        <ol className="ll-kpi-editor ll-no-print" data-testid="kpi-editor">
          {ids.map((id, index) => {
            const label = t(labelKey(id));
            return (
              <li key={id}>
                <label>
                  <span className="ll-visually-hidden">{t('panel.kpi.swap')}</span>
                  <select
                    value={id}
                    data-testid={`kpi-swap-${index}`}
                    onChange={(event) => onChange(swapKpi(ids, index, event.target.value as KpiId))}
                  >
                    {choices.map((choice) => (
                      <option key={choice} value={choice}>
                        {t(labelKey(choice))}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="ll-secondary"
                  disabled={index === 0}
                  aria-label={t('panel.kpi.moveEarlier', { label })}
                  onClick={() => onChange(moveKpi(ids, index, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="ll-secondary"
                  disabled={index === ids.length - 1}
                  aria-label={t('panel.kpi.moveLater', { label })}
                  onClick={() => onChange(moveKpi(ids, index, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="ll-secondary"
                  disabled={ids.length <= MIN_CARDS}
                  aria-label={t('panel.kpi.remove', { label })}
                  onClick={() => onChange(ids.filter((other) => other !== id))}
                >
                  ×
                </button>
              </li>
            );
          })}
          {ids.length < MAX_CARDS && (
            <li>
              <label>
                {t('panel.kpi.add')}{' '}
                <select
                  value=""
                  data-testid="kpi-add"
                  onChange={(event) => event.target.value && onChange([...ids, event.target.value as KpiId])}
                >
                  <option value="">—</option>
                  {choices
                    .filter((choice) => !ids.includes(choice))
                    .map((choice) => (
                      <option key={choice} value={choice}>
                        {t(labelKey(choice))}
                      </option>
                    ))}
                </select>
              </label>
            </li>
          )}
        </ol>
      )}
    </>
  );
}
