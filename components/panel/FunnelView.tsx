import type { MessageKey } from '../../lib/i18n';
import { funnelRateNames, funnelSteps } from '../../lib/metrics/funnel';
import { funnelRows } from '../../lib/panel/csv-rows';
import { funnelFormula } from '../../lib/panel/formulas';
import { BarSeries } from './BarSeries';
import { DrilldownButton } from './drilldown/Drilldown';
import type { ChartText } from './chart-parts';
import { EmptyState } from './EmptyState';
import { ViewSection } from './ViewSection';
import type { ViewProps } from './view-props';

export function FunnelView({ view, f, t, rtl }: ViewProps) {
  const { funnel } = view;
  // The drop-off rate n(k+1)/n(k) is lost on the way into step k+1: that step's bar is the one highlighted.
  const dropIndex = funnel.dropOffStep === null ? -1 : funnelRateNames.indexOf(funnel.dropOffStep) + 1;
  const highlight = dropIndex > 0 ? (funnelSteps[dropIndex] ?? null) : null;
  const stepLabel = (step: string) => t(`panel.funnel.step.${step}` as MessageKey);
  const text: ChartText = {
    rtl,
    value: (v) => f.count(v),
    category: (key) => t(`panel.funnel.step.${key}` as MessageKey),
  };
  return (
    <ViewSection
      id="funnel"
      title={t('panel.view.funnel')}
      t={t}
      csv={() => funnelRows(view, t)}
      formula={funnelFormula(funnel, f, t)}
    >
      {funnel.counts.new === 0 ? (
        <EmptyState kind="noLeads" message={t('panel.empty.noLeads')} />
      ) : (
        <>
          <BarSeries
            data={funnelSteps.map((step) => ({ key: step, value: funnel.counts[step] }))}
            text={text}
            name={t('panel.chart.leads')}
            highlight={highlight}
            label={t('panel.view.funnel')}
          />
          {funnel.dropOffStep && (
            <p data-testid="drop-off" data-step={funnel.dropOffStep}>
              <strong>
                {t('panel.funnel.dropOff', {
                  step: t(`panel.funnel.rate.${funnel.dropOffStep}` as MessageKey),
                  rate: f.rate(funnel.rates[funnel.dropOffStep]),
                })}
              </strong>
            </p>
          )}
          <table className="ll-table">
            <thead>
              <tr>
                <th scope="col">{t('panel.csv.step')}</th>
                <th scope="col">{t('panel.csv.leads')}</th>
                <th scope="col">{t('panel.csv.stepRate')}</th>
              </tr>
            </thead>
            <tbody>
              {funnelSteps.map((step, index) => {
                const rate = index === 0 ? undefined : funnelRateNames[index - 1];
                return (
                  <tr
                    key={step}
                    data-n={funnel.counts[step]}
                    data-drop-off={rate !== undefined && rate === funnel.dropOffStep}
                  >
                    <th scope="row">
                      <DrilldownButton
                        open={{ target: { kind: 'funnelStep', step }, span: view.window, title: stepLabel(step) }}
                        label={stepLabel(step)}
                        accessibleLabel={t('panel.drilldown.openRow', { name: stepLabel(step) })}
                        testId={`drilldown-step-${step}`}
                      />
                    </th>
                    <td>{f.count(funnel.counts[step])}</td>
                    <td>{rate ? f.rate(funnel.rates[rate]) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </ViewSection>
  );
}
