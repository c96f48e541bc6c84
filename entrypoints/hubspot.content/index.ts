import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from '../../components/overlay/mountOverlay';
import { hubspotAnchors } from '../../lib/overlay/hubspot/anchors';
import { HUBSPOT_APP_HOSTS, matchPatterns } from '../../lib/overlay/hosts';

export default defineContentScript({
  matches: matchPatterns(HUBSPOT_APP_HOSTS),
  cssInjectionMode: 'ui',
  main: (ctx) => mountOverlay(ctx, hubspotAnchors, 'overlay.hubspot.ready'),
});
