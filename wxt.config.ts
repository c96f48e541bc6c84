import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { HOST_PERMISSIONS } from './lib/sites';

// The official HubSpot client's generated modules import Node's `url`; in the extension it is the WHATWG globals.
const URL_SHIM = fileURLToPath(new URL('./lib/crm/hubspot/url-shim.ts', import.meta.url));

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  // A resolver plugin, not `resolve.alias`: the bundler treats `url` as a Node built-in and empties it before
  // aliases reach `require()` calls in CommonJS dependencies.
  vite: () => ({
    plugins: [
      {
        name: 'leadlens:url-shim',
        enforce: 'pre' as const,
        resolveId: (id: string) => (id === 'url' || id === 'node:url' ? URL_SHIM : null),
      },
    ],
  }),
  // The sources zip is for store reviewers: the code that builds the extension, not the test portal and its key.
  // `npm run build-for-amo` packs it and checks that it rebuilds the submitted package byte for byte.
  zip: {
    excludeSources: [
      'test/**',
      'bench/**',
      'docs/screenshots/**',
      '.ci/**',
      'test-results/**',
      'playwright-report/**',
      'screenshots-tmp/**',
      '.bench/**',
      '.tmp/**',
    ],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'alarms',
      'notifications',
      'contextMenus',
      'activeTab',
      'scripting',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // The hosts, like each content script's matches, come from the one list of sites.
    host_permissions: [...HOST_PERMISSIONS],
    action: { default_title: '__MSG_extName__' },
    commands: {
      'open-roi-panel': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandOpenPanel__',
      },
    },
    // Chrome's managed storage: an administrator provides the token and team settings by policy. Firefox reads
    // managed storage from its own policies file and has no schema key.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'leadlens@leadlens.app',
              // 140: the first Firefox that reads `data_collection_permissions` and asks for consent at install.
              strict_min_version: '140.0',
              // What leaves the browser, all of it to the user's own HubSpot and nothing to LeadLens's authors (Mozilla
              // counts any transmission outside the browser): the e-mail address and name of a lead tagged or created
              // (personal data), and the address of the page a source tag was made on (browsing activity). The
              // referrer and the rest of the page stay in the browser. docs/PRIVACY.md and docs/STORE.md say the same.
              data_collection_permissions: { required: ['personallyIdentifyingInfo', 'browsingActivity'] },
            },
            // Firefox for Android reads the data-collection key from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
