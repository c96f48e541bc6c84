// Gmail keeps its route in the hash (docs/SITES.md, "Gmail"; seen 2026-09): `#inbox`, `#inbox/<threadId>`,
// `#search/<q>`, `#label/<name>`, `#sent/<threadId>` … A trailing path segment of 16+ letters/digits is an opened
// thread.

export type GmailView =
  | { kind: 'list'; box: string }
  | { kind: 'thread'; box: string; threadId: string }
  | { kind: 'other' };

const THREAD_ID = /^[A-Za-z0-9]{16,}$/;

export function gmailView(location: Pick<Location, 'pathname' | 'hash'> = globalThis.location): GmailView {
  if (!location.pathname.startsWith('/mail/')) return { kind: 'other' };
  const route = decodeURIComponent(location.hash.replace(/^#/, '').split('?')[0] ?? '');
  if (route === '') return { kind: 'list', box: 'inbox' };
  const parts = route.split('/');
  const box = parts[0] ?? 'inbox';
  const last = parts[parts.length - 1] ?? '';
  if (parts.length > 1 && THREAD_ID.test(last)) return { kind: 'thread', box, threadId: last };
  return { kind: 'list', box };
}
