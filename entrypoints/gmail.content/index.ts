import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from '../../components/overlay/mountOverlay';
import { gmailAnchors } from '../../lib/overlay/gmail/anchors';
import { contentScriptMatches } from '../../lib/sites';

export default defineContentScript({
  matches: contentScriptMatches('gmail'),
  cssInjectionMode: 'ui',
  // Started before the page parses: its first message wakes a stopped worker early (components/overlay/mountOverlay.ts).
  runAt: 'document_start',
  main: (ctx) => mountOverlay(ctx, gmailAnchors, 'overlay.gmail.ready'),
});
