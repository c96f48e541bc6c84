import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { database } from '../../lib/db/db';
import type { MessageKey } from '../../lib/i18n';
import { callBackground } from '../../lib/messaging/client';
import { type ContactMatch, contactByEmail, knownCampaigns, knownSources, searchContacts } from '../../lib/db/contacts';
import { optionFor, type PropertyTarget } from '../../lib/crm/adapter';
import { readClues } from '../../lib/settings/tagger-clues';
import { UTM_KEYS } from '../../lib/tagging/page-clues';
import type { PageClues } from '../../lib/tagging/read-page';
import { type FieldError, type TagField, validateTag } from '../../lib/tagging/tag-input';
import { useDocumentLocale, useLocale } from '../useLocale';
import { OutboxList } from './OutboxList';
import './tagger.css';

type Errors = Partial<Record<TagField | 'create', string>>;

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/**
 * "Tag lead source…": what the page says about the lead (addresses, UTM parameters, referrer), a contact picker over
 * the cache, source and campaign with suggestions, and the outbox. Source and campaign stay filled after a tag, so a
 * marketer tagging a webinar's attendees only picks the next address.
 */
export function TaggerPage({ cluesId }: { cluesId: string }) {
  const locale = useLocale();
  useDocumentLocale(locale, 'tagger.title');
  const { t } = locale;
  const ids = { email: useId(), source: useId(), campaign: useId(), url: useId(), find: useId() };
  const [clues, setClues] = useState<PageClues>();
  const [email, setEmail] = useState('');
  const [source, setSource] = useState('');
  const [campaign, setCampaign] = useState('');
  const [url, setUrl] = useState('');
  const [create, setCreate] = useState(false);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<ContactMatch[]>([]);
  const [known, setKnown] = useState<ContactMatch | null>();
  const [sources, setSources] = useState<string[]>([]);
  const [campaigns, setCampaigns] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const [connected, setConnected] = useState(true);
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState<PropertyTarget>();

  useEffect(() => {
    void readClues(cluesId).then((found) => {
      setClues(found);
      if (!found) return;
      setUrl(found.url);
      if (found.utm.utm_source) setSource(found.utm.utm_source);
      if (found.utm.utm_campaign) setCampaign(found.utm.utm_campaign);
      if (found.addresses.length === 1) setEmail(found.addresses[0] ?? '');
    });
    void callBackground('taggingSettings', {})
      .then((reply) => setTarget(reply.target))
      .catch(() => undefined);
    void callBackground('connectionStatus', {})
      .then((reply) => setConnected(reply.connected))
      .catch(() => setConnected(false));
    const db = database();
    void knownSources(db)
      .then(setSources)
      .catch(() => undefined);
    void knownCampaigns(db)
      .then(setCampaigns)
      .catch(() => undefined);
  }, [cluesId]);

  const debouncedQuery = useDebounced(query, 150);
  useEffect(() => {
    let live = true;
    void searchContacts(database(), debouncedQuery)
      .then((found) => live && setMatches(found))
      .catch(() => live && setMatches([]));
    return () => {
      live = false;
    };
  }, [debouncedQuery]);

  const debouncedEmail = useDebounced(email, 120);
  useEffect(() => {
    let live = true;
    const address = debouncedEmail.trim();
    if (!address.includes('@')) {
      setKnown(undefined);
      return;
    }
    void contactByEmail(database(), address)
      .then((found) => live && setKnown(found ?? null))
      .catch(() => live && setKnown(null));
    return () => {
      live = false;
    };
  }, [debouncedEmail]);

  // With a dropdown property as the target, its options are the only sources it accepts.
  const sourceSuggestions = useMemo(
    () =>
      target?.options
        ? target.options.map((option) => option.label)
        : [...new Set([clues?.utm.utm_source, clues?.referrer, ...sources].filter((value) => value !== undefined))],
    [clues, sources, target],
  );
  const campaignSuggestions = useMemo(
    () => [...new Set([clues?.utm.utm_campaign, ...campaigns].filter((value) => value !== undefined))],
    [clues, campaigns],
  );

  const message = (error: FieldError) => t(`tagger.error.${error.problem}` as MessageKey);
  const creating = known === null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(undefined);
    const name =
      creating && create
        ? [firstName, lastName]
            .map((part) => part.trim())
            .filter(Boolean)
            .join(' ')
        : '';
    const checked = validateTag({ email, source, campaign, url, ...(name ? { name } : {}) });
    const next: Errors = {};
    if (!checked.ok) for (const error of checked.errors) next[error.field] ??= message(error);
    if (creating && !create) next.create = t('tagger.confirmCreate');
    if (!next.source && target?.options && source.trim() !== '' && optionFor(target, source) === undefined) {
      next.source = t('tagger.error.notAnOption', {
        label: target.label,
        options: target.options.map((option) => option.label).join(', '),
      });
    }
    if (creating && create) {
      for (const [field, value] of [
        ['name', firstName],
        ['name', lastName],
      ] as const) {
        const problem = validateTag({ email: 'a@b.co', source: 'x', campaign: '', url: '', name: value }).ok;
        if (!problem) next[field] ??= t('tagger.error.markup');
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const reply = await callBackground('enqueueTag', {
        email,
        source,
        ...(campaign.trim() ? { campaign } : {}),
        ...(url.trim() ? { url } : {}),
        ...(creating && create
          ? { create: { ...(firstName.trim() ? { firstName } : {}), ...(lastName.trim() ? { lastName } : {}) } }
          : {}),
      });
      if (!reply.ok) {
        const fromBackground: Errors = {};
        for (const error of reply.errors)
          fromBackground[error.field as TagField] ??= t(`tagger.error.${error.problem}` as MessageKey);
        setErrors(fromBackground);
        return;
      }
      setStatus({ ok: true, text: t('tagger.queued', { email: email.trim().toLowerCase() }) });
      setEmail('');
      setCreate(false);
      setFirstName('');
      setLastName('');
    } catch (error) {
      setStatus({
        ok: false,
        text: t('tagger.error.failed', { message: error instanceof Error ? error.message : String(error) }),
      });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: TagField | 'create') =>
    errors[field] ? (
      <span className="ll-error" id={`error-${field}`} data-testid={`tagger-error-${field}`}>
        {errors[field]}
      </span>
    ) : null;
  const described = (field: TagField | 'create') => (errors[field] ? `error-${field}` : undefined);
  const utmEntries = UTM_KEYS.flatMap((key) => (clues?.utm[key] ? [[key, clues.utm[key]] as const] : []));

  return (
    <main className="ll-tagger" data-testid="tagger" data-ready={String(locale.ready)}>
      <h1>{t('tagger.title')}</h1>
      <p className="ll-muted">{t('tagger.intro')}</p>
      {!connected && (
        <p className="ll-error" role="status">
          {t('tagger.notConnected')}
        </p>
      )}
      {clues && (
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
                    onClick={() => setEmail(address)}
                  >
                    <bdi dir="ltr">{address}</bdi>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <form onSubmit={(event) => void submit(event)} noValidate data-testid="tagger-form">
        <div className="ll-field">
          <label htmlFor={ids.find}>{t('tagger.find')}</label>
          <input
            id={ids.find}
            type="search"
            value={query}
            data-testid="tagger-find"
            aria-describedby={`${ids.find}-hint`}
            onChange={(event) => setQuery(event.target.value)}
          />
          <span className="ll-muted" id={`${ids.find}-hint`}>
            {t('tagger.findHint')}
          </span>
          {debouncedQuery.trim().length >= 2 && (
            <ul className="ll-matches" data-testid="tagger-matches">
              {matches.length === 0 && <li className="ll-muted">{t('tagger.noResults')}</li>}
              {matches.map((contact) => (
                <li key={contact.id}>
                  <button
                    type="button"
                    className="ll-secondary"
                    data-testid="tagger-match"
                    onClick={() => {
                      setEmail(contact.email);
                      setQuery('');
                    }}
                  >
                    <bdi>{contact.name || contact.email}</bdi> · <bdi dir="ltr">{contact.email}</bdi>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>

        <div className="ll-field">
          <label htmlFor={ids.email}>{t('tagger.email')}</label>
          <input
            id={ids.email}
            type="email"
            dir="ltr"
            value={email}
            data-testid="tagger-email"
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={described('email')}
            onChange={(event) => setEmail(event.target.value)}
          />
          {fieldError('email')}
          {known && (
            <span className="ll-muted" data-testid="tagger-known">
              {t('tagger.known', { name: known.name || known.email })}
            </span>
          )}
        </div>

        {creating && (
          <fieldset className="ll-create" data-testid="tagger-create">
            <p className="ll-muted">{t('tagger.unknown')}</p>
            <label>
              <input
                type="checkbox"
                checked={create}
                data-testid="tagger-create-confirm"
                aria-describedby={described('create')}
                onChange={(event) => setCreate(event.target.checked)}
              />{' '}
              {t('tagger.createConfirm')}
            </label>
            {fieldError('create')}
            {create && (
              <div className="ll-row">
                <label>
                  {t('tagger.firstName')}
                  <input
                    value={firstName}
                    data-testid="tagger-firstname"
                    onChange={(e) => setFirstName(e.target.value)}
                  />
                </label>
                <label>
                  {t('tagger.lastName')}
                  <input value={lastName} data-testid="tagger-lastname" onChange={(e) => setLastName(e.target.value)} />
                </label>
              </div>
            )}
            {fieldError('name')}
          </fieldset>
        )}

        <div className="ll-field">
          <label htmlFor={ids.source}>{t('tagger.source')}</label>
          <input
            id={ids.source}
            value={source}
            list={`${ids.source}-list`}
            data-testid="tagger-source"
            aria-invalid={errors.source ? true : undefined}
            aria-describedby={described('source') ?? `${ids.source}-hint`}
            onChange={(event) => setSource(event.target.value)}
          />
          <datalist id={`${ids.source}-list`}>
            {sourceSuggestions.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
          <span className="ll-muted" id={`${ids.source}-hint`}>
            {t('tagger.sourceHint')}
          </span>
          {fieldError('source')}
        </div>

        <div className="ll-field">
          <label htmlFor={ids.campaign}>{t('tagger.campaign')}</label>
          <input
            id={ids.campaign}
            value={campaign}
            list={`${ids.campaign}-list`}
            data-testid="tagger-campaign"
            aria-invalid={errors.campaign ? true : undefined}
            aria-describedby={described('campaign')}
            onChange={(event) => setCampaign(event.target.value)}
          />
          <datalist id={`${ids.campaign}-list`}>
            {campaignSuggestions.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
          {fieldError('campaign')}
        </div>

        <div className="ll-field">
          <label htmlFor={ids.url}>{t('tagger.url')}</label>
          <input
            id={ids.url}
            type="url"
            dir="ltr"
            value={url}
            data-testid="tagger-url"
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={described('url')}
            onChange={(event) => setUrl(event.target.value)}
          />
          {fieldError('url')}
        </div>

        <button type="submit" data-testid="tagger-submit" disabled={busy}>
          {creating ? t('tagger.submitCreate') : t('tagger.submit')}
        </button>
        {status && (
          <p className={status.ok ? 'll-ok' : 'll-error'} role="status" data-testid="tagger-status">
            {status.text}
          </p>
        )}
      </form>

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
