import type { FeatureCheck } from '../../lib/crm/adapter';
import { type AnyOf, FEATURE_REQUIREMENTS, FEATURES, type Part } from '../../lib/crm/hubspot/feature-scopes';
import type { Locale } from '../useLocale';

// Per feature, the scopes HubSpot asks for and (once a key is connected) whether this key has them. Before a key
// exists the list is what to tick when creating it; afterwards it is the probe's answer, part by part, so a key
// capped at its creator's scopes shows what works instead of one "missing" line.

/** "a + b, or c": sets joined as HubSpot reads them, in the page's language (Intl.ListFormat). */
function Alternatives({ anyOf, locale }: { anyOf: AnyOf; locale: Locale }) {
  const and = new Intl.ListFormat(locale.intlLocale, { type: 'conjunction' });
  const or = new Intl.ListFormat(locale.intlLocale, { type: 'disjunction' });
  // Scope names are identifiers: isolated left-to-right inside a right-to-left sentence.
  const text = or.format(anyOf.map((set) => and.format(set)));
  return (
    <bdi dir="ltr" className="ll-scope-names">
      {text}
    </bdi>
  );
}

type PartCheck = FeatureCheck['parts'][number];

function PartLine({ part, check, locale }: { part: Part; check?: PartCheck | undefined; locale: Locale }) {
  const { t } = locale;
  const requirement = Object.values(FEATURE_REQUIREMENTS)
    .flat()
    .find((candidate) => candidate.part === part);
  if (!requirement) return null;
  const state = check?.state;
  return (
    <li data-part={part} data-state={state ?? 'notChecked'}>
      <span>{t(`connect.part.${part}`)}</span>
      {requirement.optional ? <span className="ll-muted"> {t('connect.optional')}</span> : null}
      {requirement.untilTagPropertiesExist ? <span className="ll-muted"> {t('connect.firstTagOnly')}</span> : null}
      {': '}
      <Alternatives anyOf={requirement.anyOf} locale={locale} />
      {state ? (
        <>
          {' — '}
          <span className={state === 'cannot' && !requirement.optional ? 'll-error' : undefined}>
            {check?.reason
              ? t('connect.partRefused', { reason: check.reason })
              : state === 'can'
                ? t('connect.partState.can')
                : state === 'cannot'
                  ? t('connect.partState.cannot')
                  : t('connect.partState.unknown')}
          </span>
        </>
      ) : null}
    </li>
  );
}

function FeatureSummary({ check, locale }: { check: FeatureCheck; locale: Locale }) {
  const { t } = locale;
  if (check.state === 'can') return <>{t('connect.featureState.can')}</>;
  if (check.state === 'unknown') return <>{t('connect.featureState.unknown')}</>;
  const lacking = check.lacking.flatMap((part) => (part.lacking.length > 0 ? [part.lacking] : []));
  if (lacking.length === 0) return <>{t('connect.featureState.cannotOther')}</>;
  const and = new Intl.ListFormat(locale.intlLocale, { type: 'conjunction' });
  const or = new Intl.ListFormat(locale.intlLocale, { type: 'disjunction' });
  // Each lacking part: its alternatives (any one will do); the parts together all need adding.
  const scopes = and.format(lacking.map((alternatives) => or.format(alternatives.map((set) => and.format(set)))));
  return (
    <>
      {t('connect.featureState.cannot')}{' '}
      <bdi dir="ltr" className="ll-scope-names" data-testid="feature-lacking">
        {scopes}
      </bdi>
    </>
  );
}

/** The four features: before connecting, what each needs; with `checks`, what this key can do. */
export function FeatureScopes({ locale, checks }: { locale: Locale; checks?: FeatureCheck[] }) {
  const { t } = locale;
  return (
    <section data-testid="feature-scopes" aria-labelledby="leadlens-feature-scopes">
      <h3 id="leadlens-feature-scopes">{checks ? t('connect.features.probed') : t('connect.features.needed')}</h3>
      <ul className="ll-feature-list">
        {FEATURES.map((feature) => {
          const check = checks?.find((candidate) => candidate.feature === feature);
          const parts = FEATURE_REQUIREMENTS[feature].map((requirement) => requirement.part);
          return (
            <li key={feature} data-feature={feature} data-state={check?.state ?? 'notChecked'}>
              <strong>{t(`connect.feature.${feature}`)}</strong>
              {check ? (
                <>
                  {': '}
                  <span data-testid="feature-state" className={check.state === 'cannot' ? 'll-error' : undefined}>
                    <FeatureSummary check={check} locale={locale} />
                  </span>
                </>
              ) : null}
              <ul>
                {parts.map((part) => (
                  <PartLine
                    key={part}
                    part={part}
                    locale={locale}
                    check={check?.parts.find((candidate) => candidate.part === part)}
                  />
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
