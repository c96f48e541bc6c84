import { CrmAuthError, CrmHostRefusedError, CrmHttpError, CrmScopeError } from '../errors';
import { isLegacyPath, LegacyPathError } from './api-version';
import { backoffDelay, isTransient, MAX_ATTEMPTS } from '../retry';
import { type ClockSkew, clockSkew } from '../clock-skew';
import {
  abortableSleep,
  clampReport,
  type LimitReport,
  type RateLimiter,
  type RequestKind,
  retryAfterMs,
} from '../limiter';

// Every byte to and from HubSpot goes through `HubSpotTransport.send`: one place for the token, the rate limiter,
// timeouts, retries with backoff, and the translation of HubSpot's errors into what the UI can act on.

export { CrmAuthError, CrmHostRefusedError, CrmHttpError, CrmScopeError };

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface TransportOptions {
  token: string;
  limiter: RateLimiter;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
  random?: () => number;
  /**
   * Checked before every request, with the full URL: the worker passes HubSpot's API hosts (`isAllowedApiUrl`), so no
   * code path, generated client or absolute URL can send the token elsewhere. Tests against a local portal omit it.
   */
  allowUrl?: (url: string) => boolean;
  /** Called after every response, for request counting in the benchmark and the status. */
  onResponse?: (request: HttpRequest, response: HttpResponse) => void;
  /** Where HubSpot's `Date` headers go; the worker's shared estimate unless a test brings its own. */
  clock?: ClockSkew;
}

/**
 * The limits a response reports. Only plain digits count: `Number('')` is 0, so an empty `Daily-Remaining` used to
 * read as "allowance spent" and stop the sync for the day. What is left is bounded by `clampReport`.
 */
export function limitReport(headers: Record<string, string>): LimitReport {
  const number = (name: string) => {
    const value = headers[name.toLowerCase()]?.trim();
    return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
  };
  const report: LimitReport = {};
  const read = {
    max: number('X-HubSpot-RateLimit-Max'),
    remaining: number('X-HubSpot-RateLimit-Remaining'),
    intervalMs: number('X-HubSpot-RateLimit-Interval-Milliseconds'),
    daily: number('X-HubSpot-RateLimit-Daily'),
    dailyRemaining: number('X-HubSpot-RateLimit-Daily-Remaining'),
  };
  for (const [name, value] of Object.entries(read) as [keyof LimitReport, number | undefined][])
    if (value !== undefined) report[name] = value;
  return clampReport(report);
}

interface HubSpotErrorBody {
  message?: string;
  category?: string;
  policyName?: string;
  errors?: { context?: { requiredGranularScopes?: string[]; requiredScopes?: string[] } }[];
  context?: { requiredGranularScopes?: string[]; requiredScopes?: string[] };
}

function errorBody(text: string): HubSpotErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as HubSpotErrorBody) : {};
  } catch {
    return {};
  }
}

export function missingScopesOf(text: string): string[] {
  const body = errorBody(text);
  const contexts = [body.context, ...(body.errors ?? []).map((error) => error.context)];
  return [
    ...new Set(
      contexts.flatMap((context) => [...(context?.requiredGranularScopes ?? []), ...(context?.requiredScopes ?? [])]),
    ),
  ];
}

/** Search endpoints have their own per-second limit. */
export function kindOf(url: string): RequestKind {
  return /\/search(\?|$)/.test(new URL(url).pathname) ? 'search' : 'standard';
}

/**
 * How long to wait for an answer: a fixed value when configured, else eight times the recent typical latency,
 * between 4 and 30 seconds. A request that hangs (a dropped connection the server never closes) is then retried in
 * seconds rather than holding a sync for minutes, while a slow portal still gets the time it normally needs.
 */
export function timeoutFor(typicalMs: number | undefined, fixedMs?: number): number {
  if (fixedMs !== undefined) return fixedMs;
  if (typicalMs === undefined) return 30_000;
  return Math.min(30_000, Math.max(4_000, 8 * typicalMs));
}

/** `AbortSignal.any`, which Firefox only has from 124 (the manifest allows 115). */
function anySignal(first: AbortSignal, second: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([first, second]);
  const controller = new AbortController();
  for (const signal of [first, second]) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

export class HubSpotTransport {
  private readonly fetch: typeof fetch;
  private readonly clock: ClockSkew;
  /** Exponentially weighted mean of successful latencies. */
  private typicalMs: number | undefined;
  constructor(readonly options: TransportOptions) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.clock = options.clock ?? clockSkew;
  }

  /** Now on HubSpot's clock, once one of its responses has dated it; undefined before. */
  serverNow(): number | undefined {
    return this.clock.measured() ? this.clock.serverNow() : undefined;
  }

  /**
   * Sends with retries: 429 waits for the window (the limiter blocks everyone, not just this request), 5xx, network
   * errors and timeouts back off with jitter. 401 and a missing scope throw at once (retrying cannot help); with
   * `raw` the caller gets 4xx responses as values (the scope probes).
   */
  async send(request: HttpRequest, raw = false): Promise<HttpResponse> {
    const { limiter, signal, allowUrl } = this.options;
    if (allowUrl && !allowUrl(request.url))
      throw new CrmHostRefusedError(`${new URL(request.url).host} is not allowed`);
    // Numbered paths go unsupported in 2027: nothing leaves on one, whoever built the request.
    if (isLegacyPath(new URL(request.url).pathname)) throw new LegacyPathError(new URL(request.url).pathname);
    const kind = kindOf(request.url);
    let failures = 0;
    for (;;) {
      const release = await limiter.acquire(kind, signal);
      let response: HttpResponse;
      try {
        response = await this.once(request);
      } catch (error) {
        release();
        if (signal?.aborted) throw signal.reason;
        failures += 1;
        if (failures >= MAX_ATTEMPTS) throw new CrmHttpError(0, `HubSpot did not answer: ${String(error)}`);
        await abortableSleep(backoffDelay(failures, this.options.random), signal);
        continue;
      }
      release({ counted: response.status !== 429 });
      const report = limitReport(response.headers);
      // A 429 always says Remaining 0; booking that as other clients' use would stall us for a whole window, when
      // the usual cause is our own requests arriving bunched (the server stamps them on arrival, we on sending).
      if (response.status === 429) delete report.remaining;
      limiter.observe(report);
      this.options.onResponse?.(request, response);
      if (response.status === 429) {
        const body = errorBody(response.text);
        // The daily limit is not a wait of seconds: it holds until midnight in the account's zone.
        if (body.policyName === 'DAILY') throw limiter.dailyLimitReached();
        limiter.rateLimited(kind, retryAfterMs(response.headers['retry-after'], this.clock.serverNow()));
        continue;
      }
      if (isTransient(response.status)) {
        failures += 1;
        if (failures >= MAX_ATTEMPTS) throw new CrmHttpError(response.status, `HubSpot error ${response.status}`);
        await abortableSleep(backoffDelay(failures, this.options.random), signal);
        continue;
      }
      if (!raw && response.status === 401) throw new CrmAuthError();
      if (!raw && response.status === 403) throw new CrmScopeError(missingScopesOf(response.text));
      return response;
    }
  }

  private async once(request: HttpRequest): Promise<HttpResponse> {
    const started = this.clock.now();
    const timeout = AbortSignal.timeout(timeoutFor(this.typicalMs, this.options.timeoutMs));
    const signal = this.options.signal ? anySignal(this.options.signal, timeout) : timeout;
    // The token is added here and only here; whatever a caller put in an Authorization header is dropped.
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
    );
    const response = await this.fetch(request.url, {
      method: request.method,
      headers: { ...headers, authorization: `Bearer ${this.options.token}` },
      body: request.body,
      // A redirect would carry the Bearer header to wherever HubSpot's answer (or a proxy) points: never followed.
      redirect: 'error',
      signal,
    });
    const headersAt = this.clock.now();
    const received: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      received[name.toLowerCase()] = value;
    });
    // Reading the body is part of the attempt: a connection cut mid-body is a transient failure like any other.
    const text = await response.text();
    const took = this.clock.now() - started;
    // Stamped by the server when it sent the headers: between our sending and the headers' arrival.
    if (received.date !== undefined) this.clock.observe(Date.parse(received.date), started, headersAt);
    this.typicalMs = this.typicalMs === undefined ? took : 0.9 * this.typicalMs + 0.1 * took;
    return { status: response.status, headers: received, text };
  }
}
