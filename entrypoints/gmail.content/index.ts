import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from '../../components/overlay/mountOverlay';
import { gmailAnchors } from '../../lib/overlay/gmail/anchors';
import { GMAIL_HOSTS, matchPatterns } from '../../lib/overlay/hosts';

export default defineContentScript({
  matches: matchPatterns(GMAIL_HOSTS),
  cssInjectionMode: 'ui',
  main: (ctx) => mountOverlay(ctx, gmailAnchors, 'overlay.gmail.ready'),
});
