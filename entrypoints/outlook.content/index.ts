import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from '../../components/overlay/mountOverlay';
import { outlookAnchors } from '../../lib/overlay/outlook/anchors';
import { OUTLOOK_HOSTS, matchPatterns } from '../../lib/overlay/hosts';

export default defineContentScript({
  matches: matchPatterns(OUTLOOK_HOSTS),
  cssInjectionMode: 'ui',
  main: (ctx) => mountOverlay(ctx, outlookAnchors, 'overlay.outlook.ready'),
});
