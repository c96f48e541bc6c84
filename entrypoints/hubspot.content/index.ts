import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from '../../components/overlay/mountOverlay';
import { hubspotAnchors } from '../../lib/overlay/hubspot/anchors';
import { contentScriptMatches } from '../../lib/sites';

export default defineContentScript({
  matches: contentScriptMatches('hubspot'),
  cssInjectionMode: 'ui',
  main: (ctx) => mountOverlay(ctx, hubspotAnchors, 'overlay.hubspot.ready'),
});
