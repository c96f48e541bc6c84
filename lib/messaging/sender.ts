import type { Audience } from './protocol';

/** What the background knows of a message's origin (a subset of `runtime.MessageSender`). */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  /** Set for content scripts (and extension pages opened in a tab): per-tab bounds count by its id. */
  tab?: { id?: number };
}

export interface SenderPolicy {
  extensionId: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionOrigin: string;
  /** Hosts our content scripts run on; messages of audience `content` are accepted from them. */
  contentHosts: readonly string[];
}

/** Pure so it can be tested with a table of senders. Returns the reason for a refusal, or null when allowed. */
export function refusalReason(sender: SenderInfo, audience: Audience, policy: SenderPolicy): string | null {
  if (sender.id !== policy.extensionId) return 'message from another extension';
  const url = sender.url ?? '';
  if (url.startsWith(policy.extensionOrigin)) return null;
  if (audience === 'extension') return 'this message is only accepted from LeadLens pages';
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return 'message from an unknown page';
  }
  return policy.contentHosts.includes(host) ? null : `message from a page LeadLens does not run on (${host})`;
}
