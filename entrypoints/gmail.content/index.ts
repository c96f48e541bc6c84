import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from '../../components/overlay/mountOverlay';
import { gmailAnchors } from '../../lib/overlay/gmail/anchors';
import { contentScriptMatches } from '../../lib/sites';

export default defineContentScript({
  matches: contentScriptMatches('gmail'),
  cssInjectionMode: 'ui',
  main: (ctx) => mountOverlay(ctx, gmailAnchors, 'overlay.gmail.ready'),
});
