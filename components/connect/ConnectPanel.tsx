import { type FormEvent, useEffect, useState } from 'react';
import { callBackground } from '../../lib/messaging/client';
import type { ResponseOf } from '../../lib/messaging/protocol';
import type { Locale } from '../useLocale';

type Status = ResponseOf<'connectionStatus'>;
type Scope = NonNullable<Status['scopes']>[number];

function ScopeList({ locale, scopes }: { locale: Locale; scopes: Scope[] }) {
  const { t } = locale;
  return (
    <ul data-testid="connect-scopes">
      {scopes.map((check) => {
        const scope = check.scope === 'feedback.read' ? 'crm.objects.feedback_submissions.read' : check.scope;
        const text =
          check.state === 'granted'
            ? t('connect.scopeGranted', { scope })
            : check.state === 'absent'
              ? t('connect.scopeAbsent', { scope })
              : t(`connect.scopeMissing.${check.neededFor}`, { scope });
        return (
          <li
            key={check.scope}
            data-scope={check.scope}
            data-state={check.state}
            className={check.state === 'missing' ? 'll-error' : undefined}
          >
            <bdi>{text}</bdi>
          </li>
        );
      })}
    </ul>
  );
}

/** Options page: paste a token, see what it grants, or disconnect and forget everything. */
export function ConnectPanel({ locale, onChange }: { locale: Locale; onChange?: () => void }) {
  const { t } = locale;
  const [status, setStatus] = useState<Status>();
  const [token, setToken] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ResponseOf<'connect'>>();

  const refresh = () => void callBackground('connectionStatus', {}).then(setStatus);
  useEffect(refresh, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResult(undefined);
    try {
      const reply = await callBackground('connect', { token, ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) });
      setResult(reply);
      if (reply.ok) setToken('');
    } catch (error) {
      setResult({ ok: false, reason: 'unreachable', message: String(error) });
    } finally {
      setBusy(false);
      refresh();
      onChange?.();
    }
  };

  const forget = async () => {
    if (!window.confirm(t('connect.disconnectConfirm'))) return;
    await callBackground('disconnect', {});
    setResult(undefined);
    refresh();
    onChange?.();
  };

  return (
    <div data-testid="connect-panel" data-connected={String(status?.connected ?? false)}>
      {status?.connected ? (
        <div data-testid="connect-portal">
          <p className="ll-status">
            <span className="ll-dot" data-state="ok" aria-hidden="true" />
            {t('connect.portal', { portalId: String(status.portalId ?? '') })}
          </p>
          <p className="ll-muted">
            {t('connect.timeZone', { timeZone: status.timeZone ?? '' })} ·{' '}
            {t('connect.currency', { currency: status.currency ?? '' })}
          </p>
          {status.scopes && <ScopeList locale={locale} scopes={status.scopes} />}
          {status.managed ? (
            <p className="ll-muted">{t('connect.managed')}</p>
          ) : (
            <button type="button" className="ll-secondary" data-testid="disconnect" onClick={() => void forget()}>
              {t('connect.disconnect')}
            </button>
          )}
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <div className="ll-field">
            <label htmlFor="leadlens-token">{t('connect.tokenLabel')}</label>
            <input
              id="leadlens-token"
              data-testid="token-input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              dir="ltr"
              value={token}
              onChange={(event) => setToken(event.target.value)}
            />
            <span className="ll-muted">{t('connect.tokenHint')}</span>
          </div>
          <details>
            <summary>{t('connect.advanced')}</summary>
            <div className="ll-field">
              <label htmlFor="leadlens-base-url">{t('connect.baseUrlLabel')}</label>
              <input
                id="leadlens-base-url"
                type="url"
                dir="ltr"
                placeholder="https://api.hubapi.com"
                value={baseUrl}
                onChange={(event) => setBaseUrl(event.target.value)}
              />
            </div>
          </details>
          <button type="submit" data-testid="connect" disabled={busy || token.trim() === ''}>
            {busy ? t('connect.connecting') : t('connect.connect')}
          </button>
        </form>
      )}
      {result && !result.ok && (
        <div role="alert" data-testid="connect-error" data-reason={result.reason}>
          <p className="ll-error">
            {result.reason === 'invalidToken'
              ? t('connect.invalidToken')
              : result.reason === 'missingScopes'
                ? t('connect.missingScopes')
                : t('connect.unreachable', { message: result.message ?? '' })}
          </p>
          {result.scopes && <ScopeList locale={locale} scopes={result.scopes} />}
        </div>
      )}
    </div>
  );
}
