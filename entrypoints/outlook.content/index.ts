import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from '../../components/overlay/mountOverlay';
import { outlookAnchors } from '../../lib/overlay/outlook/anchors';
import { contentScriptMatches } from '../../lib/sites';

export default defineContentScript({
  matches: contentScriptMatches('outlook'),
  cssInjectionMode: 'ui',
  // Started before the page parses: its first message wakes a stopped worker early (components/overlay/mountOverlay.ts).
  runAt: 'document_start',
  main: (ctx) => mountOverlay(ctx, outlookAnchors, 'overlay.outlook.ready'),
});
