import { browser } from 'wxt/browser';
import type { CrmFeature, FeatureCheck, PortalInfo } from '../crm/adapter';
import { HubSpotAdapter } from '../crm/hubspot/client';
import type { AutomationRule } from '../crm/hubspot/properties';
import { CrmAuthError, CrmHttpError } from '../crm/hubspot/transport';
import { DEFAULT_BASE_URL } from '../crm/hubspot/urls';
import { deleteDatabase } from '../db/db';
import { RateLimiter } from '../crm/limiter';
import { restoreLimiterShare } from './limiter-share';
import { CrmHostRefusedError } from '../crm/errors';
import { checkApiBase, isAllowedApiUrl } from '../crm/hubspot/api-hosts';
import { CONNECTION_CHANGED_KEY, loadSettings, SETTINGS_KEY } from '../settings/storage';
import { deleteAllSecrets, migrateSecretFromStorage, readSecret, writeSecret } from '../settings/secret-store';
import { readManaged, saveTeamSettings } from '../settings/team-settings';

// The token and the connection it belongs to live in the secret store (lib/settings/secret-store.ts: the extension
// origin's IndexedDB), read only here, in the background. No message returns the token, and no storage area or change
// event a content script can reach carries it. Pages learn that the connection changed from a marker with no content (`CONNECTION_CHANGED_KEY`).

const CONNECTION_KEY = 'hubspot.connection';

export interface Connection {
  token: string;
  baseUrl: string;
  portal: PortalInfo;
  /** What the key can do per feature, probed when it was connected (absent in connections kept before that). */
  features?: FeatureCheck[];
  connectedAt: number;
  /** The token came from managed storage (an administrator): the UI cannot disconnect it. */
  managed: boolean;
}

/**
 * One limiter per worker: every request of every job shares HubSpot's per-token window. Before its first request it
 * adopts what the previous worker learned of the account's load (lib/background/limiter-share.ts).
 */
export const limiter: RateLimiter = new RateLimiter({ beforeFirstUse: () => restoreLimiterShare(limiter) });

export async function storedConnection(): Promise<Connection | undefined> {
  return (await readSecret(CONNECTION_KEY)) as Connection | undefined;
}

async function keepConnection(connection: Connection): Promise<void> {
  await writeSecret(CONNECTION_KEY, connection);
  await browser.storage.local.set({ [CONNECTION_CHANGED_KEY]: Date.now() });
}

/** A connection as an older version stored it: kept only if it still holds up (and goes only to HubSpot). */
function isLegacyConnection(value: unknown): value is Connection {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Connection>;
  return (
    typeof record.token === 'string' &&
    record.token.length > 0 &&
    typeof record.baseUrl === 'string' &&
    checkApiBase(record.baseUrl).ok &&
    typeof record.portal?.portalId === 'number'
  );
}

/**
 * An install from before the secret store kept the connection in `storage.local`: moved at the first start of this
 * version, once. Later starts do not look there again (they only remove the key): in Firefox a content script can
 * write `storage.local`, and a connection it planted must never be adopted.
 */
export async function migrateConnection(): Promise<boolean> {
  const legacy = (await browser.storage.local.get(CONNECTION_KEY))[CONNECTION_KEY];
  if (legacy !== undefined && !isLegacyConnection(legacy)) {
    await browser.storage.local.remove(CONNECTION_KEY);
    return false;
  }
  return migrateSecretFromStorage(CONNECTION_KEY, browser.storage.local);
}

/** After the one-time move: whatever sits under the old key now was not written by LeadLens. */
export async function discardLegacyConnection(): Promise<void> {
  await browser.storage.local.remove(CONNECTION_KEY);
}

export function adapterFor(
  connection: Pick<Connection, 'token' | 'baseUrl'>,
  automation?: AutomationRule,
  signal?: AbortSignal,
): HubSpotAdapter {
  // A connection stored by an older version (or written by anything but `connect`) is checked again here: the token
  // goes only to HubSpot's API hosts.
  const checked = checkApiBase(connection.baseUrl);
  if (!checked.ok) throw new CrmHostRefusedError(checked.problem);
  return new HubSpotAdapter({
    token: connection.token,
    baseUrl: checked.baseUrl,
    allowUrl: isAllowedApiUrl,
    limiter,
    ...(automation ? { automation } : {}),
    ...(signal ? { signal } : {}),
  });
}

/** One feature's check as probed at connect time; undefined for a connection kept before features were probed. */
export function featureCheck(connection: Pick<Connection, 'features'>, feature: CrmFeature): FeatureCheck | undefined {
  return connection.features?.find((check) => check.feature === feature);
}

export type ConnectResult =
  | { ok: true; portal: PortalInfo; features: FeatureCheck[] }
  | {
      ok: false;
      reason: 'invalidToken' | 'unreachable' | 'missingScopes' | 'hostNotAllowed' | 'otherPortal' | 'ownerNotFound';
      message: string;
      features?: FeatureCheck[];
    };

/**
 * Verifies a token (account details, then one probe per part of each feature) and keeps it when it can read
 * contacts at least: a key capped at its creator's scopes may do only part of the rest, which the form then shows.
 */
export async function connect(
  token: string,
  baseUrl = DEFAULT_BASE_URL,
  managed = false,
  options: { samePortalAs?: number; role?: 'manager' | 'rep'; ownerEmail?: string } = {},
): Promise<ConnectResult> {
  const checked = checkApiBase(baseUrl);
  if (!checked.ok) return { ok: false, reason: 'hostNotAllowed', message: checked.problem };
  const crm = adapterFor({ token: token.trim(), baseUrl: checked.baseUrl });
  let portal: PortalInfo;
  let features: FeatureCheck[];
  try {
    portal = await crm.account();
    features = await crm.probeScopes();
  } catch (error) {
    if (error instanceof CrmAuthError || (error instanceof CrmHttpError && error.status === 401))
      return { ok: false, reason: 'invalidToken', message: error.message };
    return { ok: false, reason: 'unreachable', message: error instanceof Error ? error.message : String(error) };
  }
  // Replacing the token keeps the cache and the outbox, so it must be the same portal's.
  if (options.samePortalAs !== undefined && portal.portalId !== options.samePortalAs) {
    return {
      ok: false,
      reason: 'otherPortal',
      message: `this token is for portal ${portal.portalId}, not ${options.samePortalAs}`,
    };
  }
  const connection: Connection = {
    token: token.trim(),
    baseUrl: checked.baseUrl,
    portal,
    features,
    connectedAt: Date.now(),
    managed,
  };
  // Without contacts nothing LeadLens shows can work; any other part missing only narrows what it does.
  const contacts = featureCheck({ features }, 'read')?.parts.find((part) => part.part === 'contacts');
  if (contacts?.state === 'cannot') {
    return { ok: false, reason: 'missingScopes', message: 'missing scopes', features };
  }
  // A rep's cache is filled with their own leads from the first sync on, so their owner is found before it starts:
  // nothing of the whole portal is copied to a rep's laptop, not even once.
  let myOwnerId: string | undefined;
  if (options.role === 'rep') {
    const email = (options.ownerEmail ?? '').trim().toLowerCase();
    const owners = email === '' ? [] : await crm.owners().catch(() => []);
    myOwnerId = owners.find((owner) => owner.email?.toLowerCase() === email)?.id;
    if (myOwnerId === undefined)
      return { ok: false, reason: 'ownerNotFound', message: options.ownerEmail ?? '', features };
  }
  // Another portal's records and marks must not mix with this one's: a token for a different portal starts from empty.
  const previous = await storedConnection();
  if (previous && previous.portal.portalId !== portal.portalId) await forgetPortalData();
  if (options.role === 'rep') await saveTeamSettings({ cacheScope: 'mine', myOwnerId }, portal.timeZone);
  else if (options.role === 'manager') await saveTeamSettings({ cacheScope: 'portal' }, portal.timeZone);
  await keepConnection(connection);
  return { ok: true, portal, features };
}

/**
 * A new token for the connected portal (the old one expired, was revoked, or a Service Key replaces a private app):
 * the cache, the outbox and the rep's marks stay. A token for another portal is refused.
 */
export async function replaceToken(token: string): Promise<ConnectResult> {
  const current = await storedConnection();
  if (!current) return connect(token);
  return connect(token, current.baseUrl, current.managed, { samePortalAs: current.portal.portalId });
}

/** The cache (with the outbox) and every portal-scoped key: what a change of portal must not carry over. */
async function forgetPortalData(): Promise<void> {
  await deleteDatabase();
  const stored = await browser.storage.local.get(null);
  const portalKeys = Object.keys(stored).filter((key) =>
    PORTAL_SCOPED_PREFIXES.some((prefix) => key.startsWith(prefix)),
  );
  if (portalKeys.length > 0) await browser.storage.local.remove(portalKeys);
}

/** Keys whose values are ids or marks of one portal (rep marks, notified leads, the tagger's page clues). */
export const PORTAL_SCOPED_PREFIXES = ['marks.', 'overlay.', 'alerts.', 'tagger.'] as const;

/**
 * "Disconnect and forget all data": the token, the cache with its outbox, the schedule and every stored key but the
 * language the user chose (the options page stays in their language).
 */
export async function disconnect(): Promise<void> {
  await deleteAllSecrets();
  await browser.alarms.clearAll();
  await deleteDatabase();
  const { settings } = await loadSettings();
  await browser.storage.local.clear();
  await browser.storage.session?.clear().catch(() => undefined);
  await browser.storage.local.set({
    [SETTINGS_KEY]: { version: settings.version, language: settings.language },
    [CONNECTION_CHANGED_KEY]: Date.now(),
  });
}

/** A token an administrator put in managed storage connects by itself when none is stored. */
export async function connectFromManaged(): Promise<ConnectResult | undefined> {
  const { managed } = await readManaged();
  if (!managed.token) return undefined;
  const current = await storedConnection();
  if (current?.token === managed.token) return undefined;
  return connect(managed.token, managed.baseUrl ?? DEFAULT_BASE_URL, true);
}
