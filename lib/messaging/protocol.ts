import * as z from 'zod/mini';

/**
 * Every message a LeadLens context sends to the background: one schema for the request, one for the reply, and who
 * may send it. `content` messages may come from our content scripts on the overlaid sites; `extension` messages only
 * from our own pages (popup, options, side panel), because they touch the token or the whole cache.
 */
export type Audience = 'content' | 'extension';

interface Route<Req extends z.ZodMiniType, Res extends z.ZodMiniType> {
  audience: Audience;
  request: Req;
  response: Res;
}

function route<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  audience: Audience,
  request: Req,
  response: Res,
): Route<Req, Res> {
  return { audience, request, response };
}

export const routes = {
  ping: route(
    'content',
    z.object({}),
    z.object({ version: z.string(), startedAt: z.number(), connected: z.boolean() }),
  ),
  connectionStatus: route(
    'extension',
    z.object({}),
    z.object({ connected: z.boolean(), portalId: z.optional(z.number()) }),
  ),
};

export type MessageType = keyof typeof routes;
export type RequestOf<K extends MessageType> = z.infer<(typeof routes)[K]['request']>;
export type ResponseOf<K extends MessageType> = z.infer<(typeof routes)[K]['response']>;

/** The envelope on the wire: a discriminated union on `type`, checked before any handler runs. */
export const envelopeSchema = z.object({ type: z.string(), payload: z.unknown() });

/** Replies carry either data or an error message, so a handler's failure reaches the caller as text, not a hang. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(routes, type);
}
