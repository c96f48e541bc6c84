import type { PipelineFunnel } from '../../lib/metrics/deal-funnel';
import { dealFunnelRows, dealStepLabel, pipelineReading, shownPipelines } from '../../lib/panel/deal-funnel-rows';
import { BarSeries } from './BarSeries';
import type { ChartText } from './chart-parts';
import { EmptyState } from './EmptyState';
import { TableRegion } from './TableRegion';
import { ViewSection } from './ViewSection';
import type { ViewProps } from './view-props';

// The deal-stage funnel (METRICS.md "Deal-stage funnel"): per pipeline, how many deals created in the period reached
// each step, how many went on, and how long they stayed. It answers "which stages are unnecessary": a step nearly every
// deal passes straight through, or one where deals sit for weeks.

function PipelineBlock({ pipeline, f, t, rtl }: Omit<ViewProps, 'view'> & { pipeline: PipelineFunnel }) {
  const labels = new Map(pipeline.steps.map((step) => [step.step, dealStepLabel(step, t)]));
  const text: ChartText = { rtl, value: (v) => f.count(v), category: (key) => labels.get(key) ?? key };
  const title = t('panel.dealFunnel.pipelineHeading', { pipeline: pipeline.label, count: pipeline.deals });
  const reading = pipelineReading(pipeline);
  return (
    <div
      className="ll-deal-funnel"
      data-testid="dealFunnel-pipeline"
      data-pipeline={pipeline.pipelineId}
      data-deals={pipeline.deals}
    >
      <h3>{title}</h3>
      <BarSeries
        data={pipeline.steps.map((step) => ({ key: step.step, value: step.reached }))}
        text={text}
        name={t('panel.dealFunnel.reached')}
        label={title}
      />
      {(reading.dropOff || reading.slowest) && (
        <p data-testid="dealFunnel-reading">
          {reading.dropOff && (
            <span data-step={reading.dropOff.step} data-kind="dropOff">
              {t('panel.dealFunnel.dropOff', {
                step: labels.get(reading.dropOff.step) ?? reading.dropOff.step,
                rate: f.rate(reading.dropOff.conversionToNext),
              })}{' '}
            </span>
          )}
          {reading.slowest && (
            <span data-step={reading.slowest.step} data-kind="slowest">
              {t('panel.dealFunnel.slowest', {
                step: labels.get(reading.slowest.step) ?? reading.slowest.step,
                days: f.days(reading.slowest.medianDaysInStep),
              })}
            </span>
          )}
        </p>
      )}
      <TableRegion label={t('panel.table.region', { title })}>
        <table className="ll-table" data-testid="table-dealFunnel">
          <thead>
            <tr>
              <th scope="col">{t('panel.csv.step')}</th>
              <th scope="col">{t('panel.dealFunnel.reached')}</th>
              <th scope="col">{t('panel.dealFunnel.conversion')}</th>
              <th scope="col">{t('panel.dealFunnel.days')}</th>
              <th scope="col">{t('panel.dealFunnel.timed')}</th>
            </tr>
          </thead>
          <tbody>
            {pipeline.steps.map((step, index) => {
              const last = index === pipeline.steps.length - 1;
              return (
                <tr
                  key={step.step}
                  data-step={step.step}
                  // Raw figures for tests and tools that read the page; the cells carry them formatted.
                  data-reached={step.reached}
                  data-conversion={step.conversionToNext ?? ''}
                >
                  <th scope="row">{labels.get(step.step)}</th>
                  <td data-col="reached">{f.count(step.reached)}</td>
                  <td data-col="conversion">{last ? '' : f.rate(step.conversionToNext)}</td>
                  <td data-col="days">{last ? '' : f.days(step.medianDaysInStep)}</td>
                  <td data-col="timed">{last ? '' : f.count(step.daysCount)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}

export function DealFunnelView({ view, f, t, rtl }: ViewProps) {
  const pipelines = shownPipelines(view.dealFunnel);
  return (
    <ViewSection
      id="dealFunnel"
      title={t('panel.view.dealFunnel')}
      t={t}
      csv={() => dealFunnelRows(pipelines, t)}
      formula={[t('panel.formula.dealFunnel'), t('panel.formula.dealFunnelDays')]}
    >
      {pipelines.length === 0 ? (
        <EmptyState kind="noDeals" message={t('panel.dealFunnel.empty')} />
      ) : (
        pipelines.map((pipeline) => (
          <PipelineBlock key={pipeline.pipelineId} pipeline={pipeline} f={f} t={t} rtl={rtl} />
        ))
      )}
    </ViewSection>
  );
}
