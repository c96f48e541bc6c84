import { type FormEvent, useEffect, useId, useState } from 'react';
import { callBackground } from '../../lib/messaging/client';
import type { ResponseOf } from '../../lib/messaging/protocol';
import { HUBSPOT_API_HOSTS } from '../../lib/sites';
import type { Locale } from '../useLocale';
import { FeatureScopes } from './FeatureScopes';
import { CacheScopeChoice } from './CacheScopeChoice';
import { WhoseLeadsRadios } from './WhoseLeadsRadios';

type Status = ResponseOf<'connectionStatus'>;
type ConnectReply = ResponseOf<'connect'>;
type Unsent = NonNullable<ResponseOf<'disconnect'>['unsent']>;

function ConnectError({ locale, result }: { locale: Locale; result: ConnectReply }) {
  const { t } = locale;
  const message = result.message ?? '';
  return (
    <div role="alert" data-testid="connect-error" data-reason={result.reason}>
      <p className="ll-error">
        {result.reason === 'invalidToken'
          ? t('connect.invalidToken')
          : result.reason === 'missingScopes'
            ? t('connect.missingScopes')
            : result.reason === 'hostNotAllowed'
              ? t('connect.hostNotAllowed', { message })
              : result.reason === 'otherPortal'
                ? t('connect.otherPortal', { message })
                : result.reason === 'ownerNotFound'
                  ? t('connect.ownerNotFound', { message })
                  : t('connect.unreachable', { message })}
      </p>
      {result.features && <FeatureScopes locale={locale} checks={result.features} />}
    </div>
  );
}

/**
 * Whose leads this browser will keep, chosen before the first sync (issue #23): a rep gives the e-mail they sign in to
 * HubSpot with, and the background finds their owner before anything is copied.
 */
function RoleChoice(props: {
  locale: Locale;
  role: 'manager' | 'rep';
  onRole(role: 'manager' | 'rep'): void;
  ownerEmail: string;
  onOwnerEmail(email: string): void;
}) {
  const { t } = props.locale;
  const emailId = useId();
  const hintId = useId();
  return (
    <fieldset data-testid="connect-role">
      <legend>{t('cacheScope.title')}</legend>
      <WhoseLeadsRadios
        locale={props.locale}
        name="connect-role"
        chosen={props.role}
        manager={{ value: 'manager', testId: 'connect-role-manager' }}
        rep={{ value: 'rep', testId: 'connect-role-rep' }}
        onChoose={props.onRole}
      />
      {props.role === 'rep' && (
        <div className="ll-field">
          <label htmlFor={emailId}>{t('connect.ownerEmail')}</label>
          <input
            id={emailId}
            type="email"
            dir="ltr"
            autoComplete="email"
            data-testid="connect-owner-email"
            aria-describedby={hintId}
            value={props.ownerEmail}
            onChange={(event) => props.onOwnerEmail(event.target.value)}
          />
          <p className="ll-muted" id={hintId}>
            {t('connect.ownerEmailHint')}
          </p>
        </div>
      )}
    </fieldset>
  );
}

/**
 * A token form's state: the typed token (cleared once accepted), whether the background is checking it, and its
 * reply. `send` asks the background; a failure to reach it reads as "unreachable".
 */
function useTokenSubmit(send: (token: string) => Promise<ConnectReply>, onDone: () => void) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectReply>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResult(undefined);
    try {
      const reply = await send(token);
      setResult(reply);
      if (reply.ok) setToken('');
    } catch (error) {
      setResult({ ok: false, reason: 'unreachable', message: String(error) });
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return { token, setToken, busy, result, setResult, submit };
}

function TokenField(props: {
  id: string;
  testId: string;
  label: string;
  hint: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <div className="ll-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        data-testid={props.testId}
        type="password"
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <span className="ll-muted">{props.hint}</span>
    </div>
  );
}

/** For the connected portal: a new token (expired, revoked, or a Service Key for a private app) keeps everything. */
function ReplaceToken({ locale, onDone }: { locale: Locale; onDone: () => void }) {
  const { t } = locale;
  const { token, setToken, busy, result, submit } = useTokenSubmit(
    (value) => callBackground('replaceToken', { token: value }),
    onDone,
  );
  return (
    <details data-testid="replace-token">
      <summary>{t('connect.replaceToken')}</summary>
      <form onSubmit={(event) => void submit(event)}>
        <TokenField
          id="leadlens-new-token"
          testId="replace-token-input"
          label={t('connect.tokenLabel')}
          hint={t('connect.replaceTokenHint')}
          value={token}
          onChange={setToken}
        />
        <button type="submit" data-testid="replace-token-submit" disabled={busy || token.trim() === ''}>
          {busy ? t('connect.connecting') : t('connect.replace')}
        </button>
      </form>
      {result?.ok && (
        <p role="status" data-testid="replace-token-done">
          {t('connect.replaced')}
        </p>
      )}
      {result && !result.ok && <ConnectError locale={locale} result={result} />}
    </details>
  );
}
/**
 * The Service Key first: HubSpot stopped new private apps in October 2026. Who can create a key, and that it holds
 * at most its creator's scopes, decide whether a rep can connect alone; an existing private-app token still works.
 */
function ServiceKeyIntro({ locale }: { locale: Locale }) {
  const { t } = locale;
  return (
    <div data-testid="service-key-intro">
      <h3>{t('connect.serviceKey.title')}</h3>
      <p>{t('connect.serviceKey.where')}</p>
      <p>{t('connect.serviceKey.who')}</p>
      <p className="ll-muted" data-testid="private-app-note">
        {t('connect.serviceKey.privateApp')}
      </p>
    </div>
  );
}

/** Options page: paste a token, see what it grants, or disconnect and forget everything. */
export function ConnectPanel({ locale, onChange }: { locale: Locale; onChange?: () => void }) {
  const { t } = locale;
  const [status, setStatus] = useState<Status>();
  const [apiHost, setApiHost] = useState<string>(HUBSPOT_API_HOSTS[0]);
  const [role, setRole] = useState<'manager' | 'rep'>('manager');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [unsent, setUnsent] = useState<Unsent>();

  const refresh = () => void callBackground('connectionStatus', {}).then(setStatus);
  useEffect(refresh, []);

  // A choice among HubSpot's API hosts, not a free-form URL: the token goes nowhere else (the background checks).
  const { token, setToken, busy, result, setResult, submit } = useTokenSubmit(
    (value) =>
      callBackground('connect', {
        token: value,
        baseUrl: `https://${apiHost}`,
        role,
        ...(role === 'rep' ? { ownerEmail } : {}),
      }),
    () => {
      refresh();
      onChange?.();
    },
  );

  const forget = async (discardUnsent = false) => {
    if (!discardUnsent && !window.confirm(t('connect.disconnectConfirm'))) return;
    const reply = await callBackground('disconnect', { discardUnsent });
    // Tags not yet in HubSpot would be lost: they are listed, and only a second, explicit choice deletes them.
    setUnsent(reply.done ? undefined : reply.unsent);
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
          {status.features && <FeatureScopes locale={locale} checks={status.features} />}
          <CacheScopeChoice locale={locale} />
          {status.managed ? (
            <p className="ll-muted">{t('connect.managed')}</p>
          ) : (
            <>
              <ReplaceToken locale={locale} onDone={() => refresh()} />
              <button type="button" className="ll-secondary" data-testid="disconnect" onClick={() => void forget()}>
                {t('connect.disconnect')}
              </button>
            </>
          )}
          {unsent && unsent.length > 0 && (
            <div role="alert" data-testid="disconnect-unsent">
              <p className="ll-error">{t('connect.unsentTitle')}</p>
              <ul>
                {unsent.map((tag, index) => (
                  // Tags have no id in the reply; their order is the outbox's and does not change while shown.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                  <li key={index}>
                    <bdi>{tag.email}</bdi> · <bdi>{tag.source}</bdi>
                    {tag.campaign ? (
                      <>
                        {' '}
                        · <bdi>{tag.campaign}</bdi>
                      </>
                    ) : null}{' '}
                    (
                    {t(
                      `connect.unsentState.${tag.state === 'sending' || tag.state === 'conflict' ? tag.state : 'pending'}`,
                    )}
                    )
                  </li>
                ))}
              </ul>
              <button type="button" data-testid="disconnect-discard" onClick={() => void forget(true)}>
                {t('connect.discardAndDisconnect')}
              </button>{' '}
              <button type="button" className="ll-secondary" onClick={() => setUnsent(undefined)}>
                {t('connect.keepConnected')}
              </button>
            </div>
          )}
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <ServiceKeyIntro locale={locale} />
          <TokenField
            id="leadlens-token"
            testId="token-input"
            label={t('connect.tokenLabel')}
            hint={t('connect.tokenHint')}
            value={token}
            onChange={setToken}
          />
          <RoleChoice
            locale={locale}
            role={role}
            onRole={setRole}
            ownerEmail={ownerEmail}
            onOwnerEmail={setOwnerEmail}
          />
          <details>
            <summary>{t('connect.advanced')}</summary>
            <div className="ll-field">
              <label htmlFor="leadlens-api-host">{t('connect.apiHostLabel')}</label>
              <select
                id="leadlens-api-host"
                data-testid="api-host"
                dir="ltr"
                value={apiHost}
                onChange={(event) => setApiHost(event.target.value)}
              >
                {HUBSPOT_API_HOSTS.map((host) => (
                  <option key={host} value={host}>
                    {host}
                  </option>
                ))}
              </select>
            </div>
          </details>
          <button
            type="submit"
            data-testid="connect"
            disabled={busy || token.trim() === '' || (role === 'rep' && ownerEmail.trim() === '')}
          >
            {busy ? t('connect.connecting') : t('connect.connect')}
          </button>
          {!result?.features && <FeatureScopes locale={locale} />}
        </form>
      )}
      {result && !result.ok && <ConnectError locale={locale} result={result} />}
      {status?.policyProblems && (
        <div role="note" data-testid="policy-problems">
          <p className="ll-error">{t('connect.policyProblems')}</p>
          <ul>
            {status.policyProblems.map((problem) => (
              <li key={problem}>
                <bdi>{problem}</bdi>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
