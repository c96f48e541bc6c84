import type { Translate } from '../../lib/i18n';

/** Links to each chart-and-table view below (not printed). */
export function ViewsNav({ t }: { t: Translate }) {
  return (
    <nav className="ll-views-nav ll-no-print" aria-label={t('panel.view.nav')}>
      {(
        [
          'funnel',
          'dealFunnel',
          'speedToLead',
          'trends',
          'bySource',
          'byCampaign',
          'byRep',
          'forecast',
          'dataQuality',
        ] as const
      ).map((id) => (
        <a key={id} href={`#view-${id}`}>
          {t(
            id === 'speedToLead'
              ? 'panel.view.speed'
              : id === 'funnel'
                ? 'panel.view.funnel'
                : id === 'trends'
                  ? 'panel.view.trends'
                  : id === 'forecast'
                    ? 'panel.view.forecast'
                    : id === 'dataQuality'
                      ? 'panel.view.dataQuality'
                      : `panel.view.${id}`,
          )}
        </a>
      ))}
    </nav>
  );
}
