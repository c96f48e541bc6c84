import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

// The official HubSpot client's generated modules import Node's `url`; in the extension it is the WHATWG globals.
const URL_SHIM = fileURLToPath(new URL('./lib/crm/hubspot/url-shim.ts', import.meta.url));

// Host patterns live here once; content scripts import them from lib/overlay/hosts.ts so the manifest and the
// scripts cannot drift apart.
const HUBSPOT_APP = ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*', 'https://app-na2.hubspot.com/*'];
const HUBSPOT_API = ['https://api.hubapi.com/*', 'https://api-eu1.hubapi.com/*', 'https://api-na2.hubapi.com/*'];
const MAIL = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
];

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
  zip: { excludeSources: ['test/**', 'bench/**', 'docs/screenshots/**', '.ci/**'] },
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
    host_permissions: [...HUBSPOT_API, ...HUBSPOT_APP, ...MAIL],
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
              strict_min_version: '115.0',
              // LeadLens sends CRM data only to the user's own CRM; its authors receive nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
