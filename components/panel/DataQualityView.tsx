import type { MessageKey } from '../../lib/i18n';
import { contactRecordUrl, missingRows } from '../../lib/panel/csv-rows';
import { dataQualityFormula } from '../../lib/panel/formulas';
import type { MissingFieldsRow } from '../../lib/panel/view-model';
import { ViewSection } from './ViewSection';
import type { ViewProps } from './view-props';

export function DataQualityView({
  view,
  f,
  t,
  allMissing,
}: ViewProps & { allMissing: () => Promise<MissingFieldsRow[]> }) {
  const q = view.dataQuality;
  const url = (id: string) => contactRecordUrl(view.portal, id);
  return (
    <ViewSection
      id="dataQuality"
      title={t('panel.view.dataQuality')}
      t={t}
      csv={async () => missingRows(await allMissing(), url, t)}
      formula={dataQualityFormula(view, f, t)}
    >
      <dl className="ll-figures">
        <div>
          <dt>{t('panel.quality.completeness')}</dt>
          <dd data-testid="completeness">{f.rate(q.dataCompleteness)}</dd>
        </div>
        <div>
          <dt>{t('panel.quality.freshness')}</dt>
          <dd>{f.rate(q.dataFreshness)}</dd>
        </div>
      </dl>
      {q.missingCount === 0 ? (
        <p>{t('panel.quality.none')}</p>
      ) : (
        <details data-testid="missing-leads">
          <summary>{t('panel.quality.missingHeading', { n: f.count(q.missingCount) })}</summary>
          {q.missingCount > q.missing.length && (
            <p className="ll-muted">
              {t('panel.quality.more', { shown: f.count(q.missing.length), total: f.count(q.missingCount) })}
            </p>
          )}
          <ul className="ll-missing">
            {q.missing.map((row) => {
              const href = url(row.id);
              const name = row.name || row.email || t('panel.quality.unnamed');
              return (
                <li key={row.id} data-testid="missing-lead" data-id={row.id}>
                  {href ? (
                    <a href={href} target="_blank" rel="noreferrer" aria-label={t('panel.quality.open', { name })}>
                      {name}
                    </a>
                  ) : (
                    name
                  )}{' '}
                  <span className="ll-muted">
                    {row.missing.map((field) => t(`panel.quality.field.${field}` as MessageKey)).join(', ')}
                  </span>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </ViewSection>
  );
}
