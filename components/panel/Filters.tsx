import type { MessageKey, Translate } from '../../lib/i18n';
import { crmLabel } from '../../lib/i18n/crm-labels';
import { noOwner } from '../../lib/metrics/sources';
import {
  defaultFilters,
  type FilterChoices,
  type PanelFilters,
  type PipelineChoice,
  periodPresets,
} from '../../lib/panel/filters';

interface Props {
  filters: PanelFilters;
  choices: FilterChoices;
  t: Translate;
  onChange(filters: PanelFilters): void;
}

/** A pipeline by its name and, since the name is often a bare id, its first and last stage. */
export function pipelineOptionLabel(pipeline: PipelineChoice, t: Translate): string {
  const { stages } = pipeline;
  const first = stages[0];
  const last = stages[stages.length - 1];
  if (first === undefined || last === undefined) return pipeline.label;
  return stages.length === 1
    ? t('panel.filter.pipelineStage', { label: pipeline.label, first })
    : t('panel.filter.pipelineStages', { label: pipeline.label, first, last });
}

/** The filters in words, for the printed report (the pickers themselves are not printed). */
export function filtersInWords(filters: PanelFilters, choices: FilterChoices, t: Translate): string {
  const all = t('panel.filter.all');
  const pipeline = choices.pipelines.find((p) => p.id === filters.pipelineId);
  const owner = choices.owners.find((o) => o.id === filters.ownerId);
  return t('panel.filter.printed', {
    period: t(`panel.period.${filters.period}` as MessageKey),
    pipeline: filters.pipelineId === null ? all : pipeline ? pipelineOptionLabel(pipeline, t) : filters.pipelineId,
    source: filters.source === null ? all : crmLabel('source', filters.source, t),
    owner:
      filters.ownerId === null
        ? all
        : filters.ownerId === noOwner
          ? t('card.noOwner')
          : (owner?.name ?? filters.ownerId),
  });
}

/** Period, pipeline, source and owner. Each is a labelled native select: keyboard and screen readers just work. */
export function Filters({ filters, choices, t, onChange }: Props) {
  const set = (patch: Partial<PanelFilters>) => onChange({ ...filters, ...patch });
  const orNull = (value: string) => (value === '' ? null : value);
  return (
    <>
      <p className="ll-print-only" data-testid="filters-printed">
        {filtersInWords(filters, choices, t)}
      </p>
      <fieldset className="ll-filters ll-no-print" data-testid="filters">
        <legend>{t('panel.filter.heading')}</legend>
        <label>
          {t('panel.filter.period')}
          <select
            data-testid="filter-period"
            value={filters.period}
            onChange={(event) => set({ period: event.target.value as PanelFilters['period'] })}
          >
            {periodPresets.map((period) => (
              <option key={period} value={period}>
                {t(`panel.period.${period}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('panel.filter.pipeline')}
          <select
            data-testid="filter-pipeline"
            value={filters.pipelineId ?? ''}
            onChange={(event) => set({ pipelineId: orNull(event.target.value) })}
          >
            <option value="">{t('panel.filter.all')}</option>
            {choices.pipelines.map((pipeline) => (
              <option key={pipeline.id} value={pipeline.id}>
                {pipelineOptionLabel(pipeline, t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('panel.filter.source')}
          <select
            data-testid="filter-source"
            value={filters.source ?? ''}
            onChange={(event) => set({ source: orNull(event.target.value) })}
          >
            <option value="">{t('panel.filter.all')}</option>
            {choices.sources.map((source) => (
              <option key={source} value={source}>
                {crmLabel('source', source, t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('panel.filter.owner')}
          <select
            data-testid="filter-owner"
            value={filters.ownerId ?? ''}
            onChange={(event) => set({ ownerId: orNull(event.target.value) })}
          >
            <option value="">{t('panel.filter.all')}</option>
            {choices.owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.id === noOwner ? t('card.noOwner') : owner.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="ll-secondary"
          data-testid="filter-clear"
          onClick={() => onChange({ ...defaultFilters, period: filters.period })}
        >
          {t('panel.filter.clear')}
        </button>
        <p className="ll-muted ll-small">
          {t('panel.filter.note')} {t('panel.filter.roiNote')}
        </p>
      </fieldset>
    </>
  );
}
