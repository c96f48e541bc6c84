import type { TagField } from '../../lib/tagging/tag-input';
import type { Translate } from '../../lib/i18n';
import { ContactPicker } from './ContactPicker';
import type { TagDraft } from './useTagDraft';

/** The tag: a contact found or typed (a new one only when confirmed, with a name), its source, campaign and page. */
export function TagForm({
  draft,
  ids,
  t,
}: {
  draft: TagDraft;
  ids: { email: string; source: string; campaign: string; url: string; find: string };
  t: Translate;
}) {
  const {
    email,
    setEmail,
    source,
    setSource,
    campaign,
    setCampaign,
    url,
    setUrl,
    create,
    setCreate,
    firstName,
    setFirstName,
    lastName,
    setLastName,
    known,
    creating,
    sourceSuggestions,
    campaignSuggestions,
    errors,
    status,
    busy,
    submit,
  } = draft;
  const fieldError = (field: TagField | 'create') =>
    errors[field] ? (
      <span className="ll-error" id={`error-${field}`} data-testid={`tagger-error-${field}`}>
        {errors[field]}
      </span>
    ) : null;
  const described = (field: TagField | 'create') => (errors[field] ? `error-${field}` : undefined);

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="tagger-form">
      <ContactPicker id={ids.find} t={t} onPick={setEmail} />

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
  );
}
