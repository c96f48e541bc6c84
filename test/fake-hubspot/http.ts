// HubSpot's error envelope and small HTTP helpers shared by the API, admin and page handlers.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Every API response, errors included, carries this type (HubSpot sends it with the charset). */
export const JSON_TYPE = 'application/json;charset=utf-8';

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export function correlationId(): string {
  return randomUUID();
}

/** HubSpot's error body: `{status:"error", message, correlationId, category, ...}`. */
export function hubspotError(
  status: number,
  category: string,
  message: string,
  extra: {
    errors?: ErrorDetail[];
    context?: Record<string, string[]>;
    subCategory?: string;
    links?: Record<string, string>;
  } = {},
): ApiResult {
  return {
    status,
    body: { status: 'error', message, correlationId: correlationId(), ...extra, category },
  };
}

export function validationError(message: string, errors: ErrorDetail[] = []): ApiResult {
  return hubspotError(400, 'VALIDATION_ERROR', message, { errors });
}

export function notFound(message = 'Object not found.  objectId are usually numeric.', id?: string): ApiResult {
  return hubspotError(404, 'OBJECT_NOT_FOUND', message, id === undefined ? {} : { context: { id: [id] } });
}

export class BodyError extends Error {}

/** Reads a request body (up to 4 MB) and parses it as JSON; an empty body is `undefined`. */
export async function readJsonBody(request: IncomingMessage): Promise<{ raw: string; json: unknown }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > 4 * 1024 * 1024) throw new BodyError('Request body too large');
    chunks.push(buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return { raw, json: undefined };
  try {
    return { raw, json: JSON.parse(raw) as unknown };
  } catch (error) {
    throw new BodyError(`Invalid input JSON: ${(error as Error).message}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `properties` may come as repeated parameters, a comma list, or both. */
export function listParam(params: URLSearchParams, name: string): string[] | null {
  const all = params.getAll(name);
  if (all.length === 0) return null;
  const out: string[] = [];
  for (const value of all) {
    for (const part of value.split(',')) {
      const trimmed = part.trim();
      if (trimmed) out.push(trimmed);
    }
  }
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * HubSpot's 429: `{status, message, errorType: "RATE_LIMIT", correlationId, policyName, requestId}`, the policy
 * naming the limit that was hit (TEN_SECONDLY_ROLLING, DAILY, or SECONDLY for search).
 */
export function rateLimitError(policyName: string, message: string): ApiResult {
  return {
    status: 429,
    body: {
      status: 'error',
      message,
      errorType: 'RATE_LIMIT',
      correlationId: correlationId(),
      policyName,
      requestId: correlationId(),
    },
  };
}
