import type { Translate } from '../../lib/i18n';

/**
 * What the panel shows until its figures arrive: the shape of the filters, the key figures and a view, so the page
 * does not jump when they land. One busy status with a name for assistive technology; the blocks themselves are
 * decoration.
 */
export function PanelSkeleton({ t, testId = 'panel-skeleton' }: { t: Translate; testId?: string }) {
  return (
    <div
      className="ll-skeleton"
      role="status"
      aria-busy="true"
      aria-label={t('panel.loading.label')}
      data-testid={testId}
    >
      <div className="ll-skeleton-block" aria-hidden="true" />
      <div className="ll-skeleton-cards" aria-hidden="true">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="ll-skeleton-block ll-skeleton-card" />
        ))}
      </div>
      <div className="ll-skeleton-block ll-skeleton-card" aria-hidden="true" />
    </div>
  );
}
