import type { MessageKey, Translate } from '../../lib/i18n';
import { roiRows } from '../../lib/panel/csv-rows';
import type { Formatters } from '../../lib/panel/format';
import {
  paybackFormula,
  roiAssumptionText,
  roiFormula,
  roiReadingText,
  roiReasonLines,
} from '../../lib/panel/formulas';
import type { PanelView } from '../../lib/panel/view-model';
import { CsvButton } from './CsvButton';
import { Formula, Iso, Isolated } from './Formula';

/** ROI at each checkpoint (in progress marked) and the payback month, always for the whole portal. */
export function RoiCard({ view, f, t }: { view: PanelView; f: Formatters; t: Translate }) {
  const { checkpoints, paybackMonth } = view.roi;
  // The stated assumptions are the report's, the same at every checkpoint: without them there is no payback to seek,
  // which is not the same as "not paid back yet".
  const waitingFor = checkpoints[0]?.reasons ?? [];
  const noCost = checkpoints.every((checkpoint) => checkpoint.systemCost === 0);
  return (
    <section className="ll-card ll-roi" aria-labelledby="roi-heading" data-testid="roi-card">
      <div className="ll-view-head">
        <h2 id="roi-heading">{t('panel.roi.heading')}</h2>
        <CsvButton name="roi" csv={() => roiRows(view, t)} t={t} />
      </div>
      <p className="ll-muted ll-small">{t('panel.roi.wholePortal')}</p>
      {noCost && (
        <p className="ll-notice" data-testid="roi-no-cost">
          {t('panel.roi.noCost')}
        </p>
      )}
      <ol className="ll-checkpoints">
        {checkpoints.map((checkpoint) => (
          <li
            key={checkpoint.months}
            data-testid="roi-checkpoint"
            data-months={checkpoint.months}
            data-status={checkpoint.status}
            data-roi={checkpoint.roi ?? ''}
          >
            <span className="ll-checkpoint-months">{t('panel.roi.checkpoint', { months: checkpoint.months })}</span>
            <span className="ll-checkpoint-roi">
              <Iso>{f.rate(checkpoint.roi)}</Iso>
            </span>
            {checkpoint.reasons.length > 0 ? (
              roiReasonLines(checkpoint.reasons, t).map((line) => (
                <span key={line} className="ll-notice ll-small" data-testid="roi-reason">
                  {line}
                </span>
              ))
            ) : (
              <span className="ll-muted ll-small" data-testid="roi-assumptions">
                {roiAssumptionText(checkpoint, f, t)}
                {checkpoint.roiInterval && (
                  <>
                    {' · '}
                    <Isolated
                      message="panel.kpi.interval"
                      params={{ low: f.rate(checkpoint.roiInterval.low), high: f.rate(checkpoint.roiInterval.high) }}
                      t={t}
                    />{' '}
                    {roiReadingText(checkpoint.roiInterval.reading, t)}
                  </>
                )}
              </span>
            )}
            <span className="ll-checkpoint-status" data-status={checkpoint.status}>
              {t(`panel.roi.status.${checkpoint.status}` as MessageKey)}
            </span>
            <span className="ll-muted ll-small">
              <Isolated
                message="panel.roi.gain"
                params={{ gain: f.money(checkpoint.gain), cost: f.money(checkpoint.systemCost) }}
                t={t}
              />
            </span>
            <Formula
              lines={roiFormula(checkpoint, view.settings, f, t)}
              t={t}
              testId={`formula-roi-${checkpoint.months}`}
            />
          </li>
        ))}
      </ol>
      <p data-testid="payback" data-month={paybackMonth ?? ''}>
        <strong>{t('panel.roi.payback')}:</strong>{' '}
        {waitingFor.length > 0
          ? roiReasonLines(waitingFor, t).join(' ')
          : paybackMonth === null
            ? t('panel.roi.noPayback')
            : t('panel.roi.paybackMonth', { month: paybackMonth })}
      </p>
      <Formula lines={paybackFormula(view, f, t)} t={t} testId="formula-payback" />
    </section>
  );
}
