import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from '../../components/overlay/mountOverlay';
import { matchPatterns, OUTLOOK_HOSTS } from '../../lib/overlay/hosts';

export default defineContentScript({
  matches: matchPatterns(OUTLOOK_HOSTS),
  cssInjectionMode: 'ui',
  main: (ctx) => mountOverlay(ctx, 'outlook', 'overlay.outlook.ready'),
});
