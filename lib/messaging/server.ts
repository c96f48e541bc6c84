import * as z from 'zod/mini';
import {
  envelopeSchema,
  isMessageType,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
  routes,
} from './protocol';
import { refusalReason, type SenderInfo, type SenderPolicy } from './sender';

export type Handlers = { [K in MessageType]: (payload: RequestOf<K>, sender: SenderInfo) => Promise<ResponseOf<K>> };

/**
 * Turns the flat handler map into one dispatch function: checks the sender, validates the request, runs the
 * handler, and always answers with a `Reply` — never throws across the messaging boundary.
 */
export function createDispatcher(handlers: Handlers, policy: SenderPolicy) {
  return async (message: unknown, sender: SenderInfo): Promise<Reply<unknown>> => {
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) return { ok: false, error: 'malformed message' };
    const { type, payload } = envelope.data;
    if (!isMessageType(type)) return { ok: false, error: `unknown message type: ${type}` };
    const route = routes[type];
    const refusal = refusalReason(sender, route.audience, policy);
    if (refusal) return { ok: false, error: refusal };
    const request = route.request.safeParse(payload);
    if (!request.success) return { ok: false, error: `invalid ${type} request: ${z.prettifyError(request.error)}` };
    try {
      // The map is keyed by the same `type`, so this handler takes exactly this request; TypeScript cannot
      // correlate the two through the union, hence the widening.
      const handler = handlers[type] as (payload: unknown, sender: SenderInfo) => Promise<unknown>;
      return { ok: true, data: await handler(request.data, sender) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

type SliceKeys<S extends readonly object[]> = { [I in keyof S]: keyof S[I] }[number];
/** Message types handled by more than one slice. */
type HandledTwice<S extends readonly object[]> = S extends readonly [
  infer First extends object,
  ...infer Rest extends readonly object[],
]
  ? (keyof First & SliceKeys<Rest>) | HandledTwice<Rest>
  : never;
type Unhandled<S extends readonly object[]> = Exclude<MessageType, SliceKeys<S>>;

/**
 * Joins the services' slices into the one handler map. A message type no slice handles, or that two slices handle,
 * does not compile: the error names it (`unhandled` or `handledTwice`).
 */
export function joinHandlers<const S extends readonly Partial<Handlers>[]>(
  ...slices: S &
    ([HandledTwice<S>] extends [never] ? unknown : { handledTwice: HandledTwice<S> }) &
    ([Unhandled<S>] extends [never] ? unknown : { unhandled: Unhandled<S> })
): Handlers {
  return Object.assign({}, ...slices) as Handlers;
}
