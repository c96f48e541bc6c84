import type { MessageKey, Translate } from '../../lib/i18n';
import { type Formatters, formatDifference, formatValue } from '../../lib/panel/format';
import { labelKey } from '../../lib/panel/formulas';
import { awaitsInput, type KpiCardModel } from '../../lib/panel/kpi-cards';
import type { CheckpointColumnModel, PanelView } from '../../lib/panel/view-model';
import { Iso } from './Formula';
import { trendOf } from './KpiCards';

/** One KPI at one checkpoint: the after value (the change for Revenue change), the change and the target's mark. */
function Cell({ card, months, f, t }: { card: KpiCardModel; months: number; f: Formatters; t: Translate }) {
  if (awaitsInput(card)) {
    return (
      <td data-months={months} data-waiting="true">
        —
      </td>
    );
  }
  const single = card.id === 'roi';
  const changeCard = card.id === 'revenueChange';
  const trend = trendOf(card);
  return (
    <td data-months={months} data-value={card.after ?? ''} data-target-status={card.target?.status ?? ''}>
      <Iso>{changeCard ? formatDifference(card.unit, card.difference, f) : formatValue(card.unit, card.after, f)}</Iso>
      {!single && !changeCard && (
        <span className="ll-cell-change ll-delta" data-trend={trend}>
          <Iso>{formatDifference(card.unit, card.difference, f)}</Iso>
          {trend !== 'flat' && <span aria-hidden="true">{(card.difference ?? 0) > 0 ? ' ▲' : ' ▼'}</span>}{' '}
          {card.notSignificant === true && <span className="ll-muted">{t('panel.kpi.notSignificant')}</span>}
          {card.notSignificant === false && <span>{t('panel.kpi.significant')}</span>}
        </span>
      )}
      {card.target?.status != null && (
        <span
          className={`ll-cell-change ${card.target.status === 'met' ? 'll-target-met' : 'll-target-missed'}`}
          data-testid="checkpoint-target"
        >
          <span aria-hidden="true">{card.target.status === 'met' ? '✓ ' : '✗ '}</span>
          {t(card.target.status === 'met' ? 'panel.kpi.targetMet' : 'panel.kpi.targetMissed')}
        </span>
      )}
    </td>
  );
}

function columnHead(column: CheckpointColumnModel, t: Translate): string {
  const key: MessageKey = column.status === 'in-progress' ? 'panel.checkpointInProgress' : 'panel.checkpoint';
  return t(key, { months: column.months });
}

/**
 * Every KPI at every checkpoint of the settings (3, 6 and 12 months by default), side by side: does the gain last
 * or fade? A disclosure, like the trends table, so the cards stay the first thing read.
 */
export function CheckpointTable({ view, f, t }: { view: PanelView; f: Formatters; t: Translate }) {
  const columns = view.checkpointTable;
  const first = columns[0];
  if (first === undefined) return null;
  // Satisfaction KPIs only where the portal has that kind of feedback, as on the cards.
  const ids = first.cards
    .map((card) => card.id)
    .filter((id) => (id === 'nps' || id === 'csat' ? view.feedback[id] : true));
  const byColumn = columns.map((column) => new Map(column.cards.map((card) => [card.id, card])));
  return (
    <details className="ll-checkpoint-table" data-testid="checkpoint-table">
      <summary>
        <h3 className="ll-subheading">{t('panel.checkpoints.heading')}</h3>
      </summary>
      <p className="ll-muted ll-small">{t('panel.checkpoints.intro')}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways; keyboard users scroll it by focusing it. */}
      <section className="ll-table-wrap" aria-label={t('panel.checkpoints.region')} tabIndex={0}>
        <table className="ll-table">
          <thead>
            <tr>
              <th scope="col">{t('panel.checkpoints.kpi')}</th>
              {columns.map((column) => (
                <th key={column.months} scope="col" data-months={column.months} data-status={column.status}>
                  {columnHead(column, t)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <tr key={id} data-kpi={id}>
                <th scope="row">{t(labelKey(id))}</th>
                {columns.map((column, index) => {
                  const card = byColumn[index]?.get(id);
                  return card ? (
                    <Cell key={column.months} card={card} months={column.months} f={f} t={t} />
                  ) : (
                    <td key={column.months}>—</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </details>
  );
}
