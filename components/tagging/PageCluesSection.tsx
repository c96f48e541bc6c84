import type { Translate } from '../../lib/i18n';
import { UTM_KEYS } from '../../lib/tagging/page-clues';
import type { PageClues } from '../../lib/tagging/read-page';

/** What the page says about the lead: its address, referrer, UTM parameters, and the e-mail addresses on it to pick. */
export function PageCluesSection({
  clues,
  email,
  t,
  onUseAddress,
}: {
  clues: PageClues;
  /** The address in the form: its chip shows as chosen. */
  email: string;
  t: Translate;
  onUseAddress(address: string): void;
}) {
  const utmEntries = UTM_KEYS.flatMap((key) => (clues.utm[key] ? [[key, clues.utm[key]] as const] : []));
  return (
    <section aria-labelledby="page-heading" data-testid="tagger-page">
      <h2 id="page-heading">{t('tagger.page')}</h2>
      <p className="ll-tagger-url">
        <bdi>{clues.title}</bdi> — <bdi dir="ltr">{clues.url}</bdi>
      </p>
      {clues.unreadable && <p className="ll-muted">{t('tagger.unreadable')}</p>}
      {clues.referrer && <p className="ll-muted">{t('tagger.referrer', { domain: clues.referrer })}</p>}
      <h3>{t('tagger.utm')}</h3>
      {utmEntries.length === 0 ? (
        <p className="ll-muted">{t('tagger.noUtm')}</p>
      ) : (
        <dl className="ll-utm" data-testid="tagger-utm">
          {utmEntries.map(([key, value]) => (
            <div key={key}>
              <dt dir="ltr">{key}</dt>
              <dd>
                <bdi>{value}</bdi>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <h3>{t('tagger.addresses')}</h3>
      {clues.addresses.length === 0 ? (
        <p className="ll-muted">{t('tagger.noAddresses')}</p>
      ) : (
        <ul className="ll-chips" data-testid="tagger-addresses">
          {clues.addresses.map((address) => (
            <li key={address}>
              <button
                type="button"
                className="ll-secondary"
                aria-pressed={email.trim().toLowerCase() === address}
                aria-label={t('tagger.useAddress', { email: address })}
                data-testid="tagger-address"
                onClick={() => onUseAddress(address)}
              >
                <bdi dir="ltr">{address}</bdi>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
