// Outlook on the web's routes (docs/SITES.md, "Outlook on the web"; seen 2024–2026): `/mail/inbox`,
// `/mail/inbox/id/<messageId>`, `/mail/0/inbox/id/<id>` (a numbered account), `/mail/deeplink/read/<id>`; the app
// navigates without reloads.

export type OutlookView =
  | { kind: 'list'; folder: string }
  | { kind: 'message'; folder: string; messageId: string }
  | { kind: 'other' };

const MESSAGE = /^\/mail\/(?:\d+\/)?([^/]+)\/id\/([^/]+)/;
const DEEPLINK = /^\/mail\/(?:\d+\/)?deeplink\/read\/([^/]+)/;
const LIST = /^\/mail\/(?:\d+\/)?([^/]+)\/?$/;

export function outlookView(location: Pick<Location, 'pathname'> = globalThis.location): OutlookView {
  const path = location.pathname;
  const deeplink = DEEPLINK.exec(path);
  if (deeplink) return { kind: 'message', folder: 'inbox', messageId: decodeURIComponent(deeplink[1] ?? '') };
  const message = MESSAGE.exec(path);
  if (message)
    return { kind: 'message', folder: message[1] ?? 'inbox', messageId: decodeURIComponent(message[2] ?? '') };
  const list = LIST.exec(path);
  if (list) return { kind: 'list', folder: list[1] ?? 'inbox' };
  if (path === '/mail' || path === '/mail/') return { kind: 'list', folder: 'inbox' };
  return { kind: 'other' };
}
