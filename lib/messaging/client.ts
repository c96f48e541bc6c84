import { browser } from 'wxt/browser';
import { type MessageType, type Reply, type RequestOf, type ResponseOf, routes } from './protocol';

export class BackgroundError extends Error {}

/**
 * Calls a background handler like a function. The reply is validated too: a background from another version (the
 * extension updated under an open page) must give a clear error, not a wrong shape.
 */
export async function callBackground<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage({ type, payload });
  } catch (error) {
    throw new BackgroundError(error instanceof Error ? error.message : String(error));
  }
  const envelope = reply as Reply<unknown> | undefined;
  if (!envelope || typeof envelope !== 'object') throw new BackgroundError('no reply from the background');
  if (!envelope.ok) throw new BackgroundError(envelope.error);
  const parsed = routes[type].response.safeParse(envelope.data);
  if (!parsed.success) throw new BackgroundError(`unexpected reply to ${type}`);
  return parsed.data as ResponseOf<K>;
}
