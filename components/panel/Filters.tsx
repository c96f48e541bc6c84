import type { MessageKey, Translate } from '../../lib/i18n';
import { noOwner } from '../../lib/metrics/sources';
import { defaultFilters, type FilterChoices, type PanelFilters, periodPresets } from '../../lib/panel/filters';

interface Props {
  filters: PanelFilters;
  choices: FilterChoices;
  t: Translate;
  onChange(filters: PanelFilters): void;
}

/** Period, pipeline, source and owner. Each is a labelled native select: keyboard and screen readers just work. */
export function Filters({ filters, choices, t, onChange }: Props) {
  const set = (patch: Partial<PanelFilters>) => onChange({ ...filters, ...patch });
  const orNull = (value: string) => (value === '' ? null : value);
  return (
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
              {pipeline.label}
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
              {source}
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
      <p className="ll-muted ll-small">{t('panel.filter.note')}</p>
    </fieldset>
  );
}
