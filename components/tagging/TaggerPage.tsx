import { useId } from 'react';
import { browser } from 'wxt/browser';
import { useDocumentLocale, useLocale } from '../useLocale';
import { OutboxList } from './OutboxList';
import { PageCluesSection } from './PageCluesSection';
import { TagForm } from './TagForm';
import { useTagDraft } from './useTagDraft';
import './tagger.css';

/**
 * "Tag lead source…": what the page says about the lead (addresses, UTM parameters, referrer), a contact picker over
 * the cache, source and campaign with suggestions, and the outbox.
 */
export function TaggerPage({ cluesId }: { cluesId: string }) {
  const locale = useLocale();
  useDocumentLocale(locale, 'tagger.title');
  const { t } = locale;
  const ids = { email: useId(), source: useId(), campaign: useId(), url: useId(), find: useId() };
  const draft = useTagDraft(cluesId, t);
  const { clues, connected } = draft;

  return (
    <main className="ll-tagger" data-testid="tagger" data-ready={String(locale.ready)}>
      <h1>{t('tagger.title')}</h1>
      <p className="ll-muted">{t('tagger.intro')}</p>
      {!connected && (
        <p className="ll-error" role="status">
          {t('tagger.notConnected')}
        </p>
      )}
      {clues && <PageCluesSection clues={clues} email={draft.email} t={t} onUseAddress={draft.setEmail} />}

      <TagForm draft={draft} ids={ids} t={t} />

      <OutboxList locale={locale} />

      <p className="ll-muted">
        {t('tagger.spendLink')}{' '}
        <a href={browser.runtime.getURL('/sidepanel.html')} target="_blank" rel="noreferrer">
          {t('tagger.openSpend')}
        </a>
      </p>
    </main>
  );
}
