// The local HubSpot portal: HTTP for Node tests and benchmarks, HTTPS for the browser (the API, plus page replicas
// chosen by Host header), both on Node's own http/https modules. See README.md for what it models and how.
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  type AdminControls,
  type Counters,
  createAdmin,
  handleAdminHttp,
  type OfflineMode,
  type OfflineOptions,
  type PortalAdmin,
  type WriteLogEntry,
} from './admin.ts';
import { type ApiRequest, matchRoute } from './api.ts';
import { checkScopes } from './scopes.ts';
import { corruptTypes, FaultInjector, type FaultSettings } from './faults.ts';
import { generatePortal } from './generate.ts';
import { type ApiResult, BodyError, hubspotError, JSON_TYPE, rateLimitError, readJsonBody, sleep } from './http.ts';
import { PORTAL_TIERS, type PortalTier, parseRate, PortalLimits, POLICY_MESSAGES } from './limits.ts';
import { createRng, deriveSeed } from './prng.ts';
import { handlePage, pageSiteOf } from './replicas.ts';
import { computeGroundTruth, type GroundTruth } from './truth.ts';

export type { GroundTruth } from './truth.ts';
export type { PortalAdmin } from './admin.ts';

export interface PortalOptions {
  port?: number;
  tlsPort?: number;
  seed?: number;
  contacts?: number;
  asOf?: string;
  tokens?: string[];
  /** HubSpot's subscription whose limits apply (default starter); `rate`, `searchRate` and `daily` override it. */
  tier?: PortalTier;
  rate?: string;
  searchRate?: string;
  daily?: number;
  faults?: number;
  latency?: string;
  /** The portal's wall clock minus the machine's (its `Date` header, its daily-limit day); see admin.setClockSkew. */
  clockSkewMs?: number;
}

export interface RunningPortal {
  httpUrl: string;
  httpsUrl: string;
  httpPort: number;
  tlsPort: number;
  token: string;
  portalId: number;
  truth: GroundTruth;
  admin: PortalAdmin;
  close(): Promise<void>;
}

export const DEFAULT_TOKEN = 'pat-na1-demo';
export const DEFAULT_RATE = PORTAL_TIERS.starter.rate;
export const DEFAULT_SEARCH_RATE = PORTAL_TIERS.starter.searchRate;
export const DEFAULT_DAILY = PORTAL_TIERS.starter.daily;

const TLS_DIR = fileURLToPath(new URL('./tls/', import.meta.url));

interface TokenInfo {
  token: string;
  /** null = every scope. */
  scopes: Set<string> | null;
}

/** "T" has every scope; "T:scope1,scope2" only those. Without a full-scope token the demo token is added. */
export function parseTokens(specs: string[] | undefined): { tokens: Map<string, TokenInfo>; defaultToken: string } {
  const tokens = new Map<string, TokenInfo>();
  let defaultToken: string | undefined;
  for (const spec of specs ?? []) {
    const colon = spec.indexOf(':');
    if (colon < 0) {
      tokens.set(spec, { token: spec, scopes: null });
      defaultToken ??= spec;
    } else {
      const token = spec.slice(0, colon);
      const scopes = spec
        .slice(colon + 1)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      tokens.set(token, { token, scopes: new Set(scopes) });
    }
  }
  if (!defaultToken) {
    defaultToken = DEFAULT_TOKEN;
    tokens.set(DEFAULT_TOKEN, { token: DEFAULT_TOKEN, scopes: null });
  }
  return { tokens, defaultToken };
}

function parseLatency(spec: string | null | undefined): [number, number] | null {
  if (!spec) return null;
  const match = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(spec);
  if (!match) throw new Error(`invalid latency "${spec}" (expected like 20-80)`);
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return [Math.min(low, high), Math.max(low, high)];
}

function listen(server: http.Server | https.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startPortal(options: PortalOptions = {}): Promise<RunningPortal> {
  const seed = options.seed ?? 1;
  const asOfText = options.asOf ?? new Date().toISOString();
  const generated = generatePortal({ seed, contacts: options.contacts ?? 2000, asOf: asOfText });
  const truth = computeGroundTruth(generated, seed);
  const store = generated.store;
  const startedAt = Date.now();
  // The portal's clock runs from asOf, so live changes land just after the generated history.
  const now = () => generated.asOf + (Date.now() - startedAt);

  const { tokens, defaultToken } = parseTokens(options.tokens);
  const tier = PORTAL_TIERS[options.tier ?? 'starter'];
  const limits = new PortalLimits(
    {
      rate: parseRate(options.rate ?? tier.rate),
      searchRate: parseRate(options.searchRate ?? tier.searchRate),
      daily: options.daily ?? tier.daily,
    },
    store.account.timeZone,
    String(store.account.portalId),
  );
  let clockSkewMs = options.clockSkewMs ?? 0;
  /** HubSpot's wall clock as this portal plays it: what `Date` says and what the daily limit counts days by. */
  const wallClock = () => Date.now() + clockSkewMs;
  const faults = new FaultInjector(seed, options.faults ?? 0);
  let latency = parseLatency(options.latency);
  const latencyRng = createRng(deriveSeed(seed, 'latency'));

  let offline: OfflineMode = false;
  let holdMs = 30_000;
  let resumeTimer: NodeJS.Timeout | null = null;
  const held = new Set<Socket>();
  const hanging = new Set<NodeJS.Timeout>();

  const counters: Counters = {
    requests: 0,
    byRoute: {},
    byStatus: {},
    sent429: 0,
    rateLimited: { tenSecondly: 0, daily: 0, secondly: 0 },
    faults: faults.counts,
    offline: { held: 0, refused: 0 },
  };
  const writes: WriteLogEntry[] = [];

  const httpServer = http.createServer({ keepAlive: true }, (request, response) => {
    void handle(request, response, 'http');
  });
  const httpsServer = https.createServer(
    {
      key: readFileSync(`${TLS_DIR}key.pem`),
      cert: readFileSync(`${TLS_DIR}cert.pem`),
      keepAlive: true,
    },
    (request, response) => {
      void handle(request, response, 'https');
    },
  );
  for (const server of [httpServer, httpsServer]) {
    // Keep-alive sockets must not keep a stopped portal's process alive.
    server.keepAliveTimeout = 5_000;
    server.on('clientError', (_error, socket) => socket.destroy());
  }

  const requestedHttpPort = options.port ?? 0;
  const requestedTlsPort = options.tlsPort ?? 0;
  let httpPort = await listen(httpServer, requestedHttpPort);
  let tlsPort = await listen(httpsServer, requestedTlsPort);

  async function setOffline(mode: OfflineMode, opts: OfflineOptions): Promise<void> {
    if (resumeTimer) clearTimeout(resumeTimer);
    resumeTimer = null;
    if (opts.holdMs !== undefined) holdMs = opts.holdMs;
    const was = offline;
    offline = mode;
    if (mode === false) {
      for (const socket of held) socket.destroy();
      held.clear();
      if (was === 'refuse') {
        // Back on the same ports, so clients configured with them reconnect.
        httpPort = await listen(httpServer, httpPort);
        tlsPort = await listen(httpsServer, tlsPort);
      }
      return;
    }
    if (mode === 'refuse') {
      counters.offline.refused++;
      await Promise.all([closeServer(httpServer), closeServer(httpsServer)]);
    }
    if (opts.forMs !== undefined) {
      resumeTimer = setTimeout(() => void setOffline(false, {}), opts.forMs);
    }
  }

  const controls: AdminControls = {
    store,
    truth,
    now,
    setFaults: (settings: FaultSettings) => faults.set(settings),
    setOffline,
    setLatency: (spec) => {
      latency = parseLatency(spec);
    },
    setClockSkew: (ms) => {
      clockSkewMs = ms;
    },
    counters: () => structuredClone(counters),
    resetCounters: () => {
      counters.requests = 0;
      counters.byRoute = {};
      counters.byStatus = {};
      counters.sent429 = 0;
      counters.rateLimited = { tenSecondly: 0, daily: 0, secondly: 0 };
      counters.offline = { held: 0, refused: 0 };
      faults.resetCounts();
      writes.length = 0;
    },
    writeLog: () => writes.map((entry) => ({ ...entry })),
    issueToken: () => {
      const token = `${defaultToken}-${tokens.size + 1}`;
      tokens.set(token, { token, scopes: null });
      return token;
    },
    onWrite: () => {},
  };
  const admin = createAdmin(controls);

  function send(response: ServerResponse, result: ApiResult, headers: Record<string, string> = {}): void {
    const text = result.body === undefined ? '' : JSON.stringify(result.body);
    counters.byStatus[String(result.status)] = (counters.byStatus[String(result.status)] ?? 0) + 1;
    if (result.status === 429) counters.sent429++;
    response.writeHead(result.status, {
      'Content-Type': JSON_TYPE,
      'Content-Length': String(Buffer.byteLength(text)),
      ...headers,
      ...result.headers,
    });
    response.end(text);
  }

  function hold(request: IncomingMessage): void {
    counters.offline.held++;
    const socket = request.socket;
    held.add(socket);
    const timer = setTimeout(() => {
      held.delete(socket);
      socket.destroy();
    }, holdMs);
    socket.once('close', () => {
      clearTimeout(timer);
      held.delete(socket);
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse, scheme: 'http' | 'https'): Promise<void> {
    const method = request.method ?? 'GET';
    const hostHeader = request.headers.host ?? '127.0.0.1';
    const url = new URL(request.url ?? '/', `${scheme}://${hostHeader}`);
    // HubSpot's `Date`, on every response: clients take their clock skew from it. Node would add one from the
    // machine's clock; this one follows the portal's (possibly skewed) wall clock.
    response.setHeader('Date', new Date(wallClock()).toUTCString());
    try {
      if (url.pathname.startsWith('/__admin/')) {
        const { json } = await readJsonBody(request);
        const result = await handleAdminHttp(admin, method, url, json);
        if (result) {
          send(response, result);
          return;
        }
      }
      if (offline === 'hold') {
        hold(request);
        return;
      }
      const site = scheme === 'https' ? pageSiteOf(url.hostname) : null;
      if (site) {
        handlePage(site, url, response, { store, now, portalId: store.account.portalId });
        return;
      }
      await handleApi(request, response, url, method, scheme);
    } catch (error) {
      if (error instanceof BodyError) {
        send(response, hubspotError(400, 'VALIDATION_ERROR', error.message, { errors: [{ message: error.message }] }));
        return;
      }
      send(response, hubspotError(500, 'INTERNAL_ERROR', `internal error: ${(error as Error).message}`));
    }
  }

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    method: string,
    scheme: 'http' | 'https',
  ): Promise<void> {
    const matched = matchRoute(method, url.pathname);
    const routeKey = matched && 'key' in matched ? matched.key : `${method} (no route)`;
    counters.requests++;
    counters.byRoute[routeKey] = (counters.byRoute[routeKey] ?? 0) + 1;
    const { raw, json } = await readJsonBody(request);
    if (latency) await sleep(latencyRng.int(latency[0], latency[1]));

    const authorization = request.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
    const token = bearer ? tokens.get(bearer) : undefined;
    if (!token) {
      send(
        response,
        hubspotError(
          401,
          'INVALID_AUTHENTICATION',
          'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
        ),
      );
      return;
    }
    if (matched === null) {
      send(response, hubspotError(404, 'OBJECT_NOT_FOUND', `No route for ${method} ${url.pathname}`));
      return;
    }

    // Rate limits: search by the second, without headers; everything else by the rolling window and the day.
    // The windows run on the machine's clock (a skew set mid-run must not hold requests in them); the day on the wall's.
    const clock = Date.now();
    // The window and the search limit are the token's (a key a team shares is one app); the day is the account's.
    const admission = limits.admit(token.token, 'key' in matched && matched.search, clock, wallClock());
    if (!admission.allowed) {
      const counted = { TEN_SECONDLY_ROLLING: 'tenSecondly', DAILY: 'daily', SECONDLY: 'secondly' } as const;
      counters.rateLimited[counted[admission.policy]]++;
      send(response, rateLimitError(admission.policy, POLICY_MESSAGES[admission.policy]), admission.headers);
      return;
    }
    const headers = admission.headers;

    const fault = faults.draw(`${token.token} ${method} ${url.pathname}${url.search} ${raw}`);
    if (fault === 'rate_limit') {
      send(response, rateLimitError('TEN_SECONDLY_ROLLING', POLICY_MESSAGES.TEN_SECONDLY_ROLLING), {
        ...headers,
        'X-HubSpot-RateLimit-Remaining': '0',
      });
      return;
    }
    if (fault === 'server_error') {
      const status = faults.serverStatus();
      send(
        response,
        hubspotError(
          status,
          status === 500 ? 'INTERNAL_ERROR' : 'SERVICE_UNAVAILABLE',
          status === 500 ? 'internal error' : 'Service temporarily unavailable',
        ),
        headers,
      );
      return;
    }
    if (fault === 'hang') {
      const socket = request.socket;
      const timer = setTimeout(() => {
        hanging.delete(timer);
        socket.destroy();
      }, faults.current.hangMs);
      hanging.add(timer);
      socket.once('close', () => {
        clearTimeout(timer);
        hanging.delete(timer);
      });
      return;
    }

    let result: ApiResult;
    if (!('key' in matched)) {
      result = matched;
    } else {
      const scopeCheck = checkScopes(matched.scopes, token.scopes);
      if (!scopeCheck.ok) {
        result = hubspotError(
          403,
          'MISSING_SCOPES',
          "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
          {
            errors: [
              {
                message: 'One or more of the following scopes are required.',
                context: { requiredGranularScopes: scopeCheck.required },
              },
            ],
            links: { scopes: 'https://developers.hubspot.com/scopes' },
          },
        );
      } else {
        const apiRequest: ApiRequest = {
          method,
          url,
          body: json,
          origin: url.hostname.endsWith('hubapi.com') ? `https://${url.host}` : `${scheme}://${url.host}`,
        };
        result = matched.handle(apiRequest, { store, now, onWrite: controls.onWrite });
      }
    }
    if (method !== 'GET') {
      writes.push({
        receivedAt: new Date().toISOString(),
        portalTime: new Date(now()).toISOString(),
        method,
        path: url.pathname + url.search,
        status: result.status,
        body: json ?? null,
      });
    }

    if (fault === 'wrong_types' && result.status < 300 && corruptTypes(result.body)) {
      send(response, result, headers);
      return;
    }
    if (fault === 'truncated' || fault === 'malformed' || fault === 'wrong_types') {
      const text = JSON.stringify(result.body ?? {});
      counters.byStatus[String(result.status)] = (counters.byStatus[String(result.status)] ?? 0) + 1;
      if (fault === 'malformed' || fault === 'wrong_types') {
        // A body that is not JSON at all, as a misbehaving proxy might send.
        const bad = `${text.slice(0, Math.max(1, Math.floor(text.length / 3)))},,]}<html>`;
        response.writeHead(result.status, {
          'Content-Type': JSON_TYPE,
          'Content-Length': String(Buffer.byteLength(bad)),
          ...headers,
        });
        response.end(bad);
        return;
      }
      // Truncated: announce the full length, send half, then cut the connection.
      response.writeHead(result.status, {
        'Content-Type': JSON_TYPE,
        'Content-Length': String(Buffer.byteLength(text)),
        ...headers,
      });
      response.write(text.slice(0, Math.floor(text.length / 2)), () => response.destroy());
      return;
    }
    send(response, result, headers);
  }

  return {
    httpUrl: `http://127.0.0.1:${httpPort}`,
    httpsUrl: `https://127.0.0.1:${tlsPort}`,
    httpPort,
    tlsPort,
    token: defaultToken,
    portalId: store.account.portalId,
    truth,
    admin,
    async close() {
      if (resumeTimer) clearTimeout(resumeTimer);
      for (const timer of hanging) clearTimeout(timer);
      hanging.clear();
      for (const socket of held) socket.destroy();
      held.clear();
      await Promise.all([closeServer(httpServer), closeServer(httpsServer)]);
    },
  };
}
