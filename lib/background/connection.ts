import { browser } from 'wxt/browser';
import type { PortalInfo, ScopeCheck } from '../crm/adapter';
import { HubSpotAdapter } from '../crm/hubspot/client';
import { type AutomationRule, DEFAULT_BASE_URL } from '../crm/hubspot/properties';
import { CrmAuthError, CrmHttpError } from '../crm/hubspot/transport';
import { deleteDatabase } from '../db/db';
import { RateLimiter } from '../sync/limiter';
import { readManaged } from './team-settings';

// The token: kept in `storage.local` under one key, read only here, in the background. No message returns it, and
// content scripts cannot read `storage.local` through any of our routes.

const CONNECTION_KEY = 'hubspot.connection';

export interface Connection {
  token: string;
  baseUrl: string;
  portal: PortalInfo;
  scopes: ScopeCheck[];
  connectedAt: number;
  /** The token came from managed storage (an administrator): the UI cannot disconnect it. */
  managed: boolean;
}

/** One limiter per worker: every request of every job shares HubSpot's per-token window. */
export const limiter = new RateLimiter();

export async function storedConnection(): Promise<Connection | undefined> {
  const stored = await browser.storage.local.get(CONNECTION_KEY);
  return stored[CONNECTION_KEY] as Connection | undefined;
}

export function adapterFor(
  connection: Pick<Connection, 'token' | 'baseUrl'>,
  automation?: AutomationRule,
  signal?: AbortSignal,
): HubSpotAdapter {
  return new HubSpotAdapter({
    token: connection.token,
    baseUrl: connection.baseUrl,
    limiter,
    ...(automation ? { automation } : {}),
    ...(signal ? { signal } : {}),
  });
}

export type ConnectResult =
  | { ok: true; portal: PortalInfo; scopes: ScopeCheck[] }
  | { ok: false; reason: 'invalidToken' | 'unreachable' | 'missingScopes'; message: string; scopes?: ScopeCheck[] };

/** Verifies a token (account details, one probe per scope) and keeps it when the sync can work with it. */
export async function connect(token: string, baseUrl = DEFAULT_BASE_URL, managed = false): Promise<ConnectResult> {
  const crm = adapterFor({ token: token.trim(), baseUrl });
  let portal: PortalInfo;
  let scopes: ScopeCheck[];
  try {
    portal = await crm.account();
    scopes = await crm.probeScopes();
  } catch (error) {
    if (error instanceof CrmAuthError || (error instanceof CrmHttpError && error.status === 401))
      return { ok: false, reason: 'invalidToken', message: error.message };
    return { ok: false, reason: 'unreachable', message: error instanceof Error ? error.message : String(error) };
  }
  const connection: Connection = {
    token: token.trim(),
    baseUrl,
    portal,
    scopes,
    connectedAt: Date.now(),
    managed,
  };
  if (scopes.some((check) => check.neededFor === 'sync' && check.state === 'missing')) {
    return { ok: false, reason: 'missingScopes', message: 'missing scopes', scopes };
  }
  // Another portal's records must not mix with this one's: a token for a different portal starts from empty.
  const previous = await storedConnection();
  if (previous && previous.portal.portalId !== portal.portalId) await deleteDatabase();
  await browser.storage.local.set({ [CONNECTION_KEY]: connection });
  return { ok: true, portal, scopes };
}

/** "Disconnect and forget all data": the token, the cache and the sync's schedule. */
export async function disconnect(): Promise<void> {
  await browser.storage.local.remove(CONNECTION_KEY);
  await browser.alarms.clearAll();
  await deleteDatabase();
}

/** A token an administrator put in managed storage connects by itself when none is stored. */
export async function connectFromManaged(): Promise<void> {
  const managed = await readManaged();
  if (!managed.token) return;
  const current = await storedConnection();
  if (current?.token === managed.token) return;
  await connect(managed.token, managed.baseUrl ?? DEFAULT_BASE_URL, true);
}
