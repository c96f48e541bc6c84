// The layers of LeadLens, checked by `npm run check:layers` (part of `npm test`) instead of by review. Each rule says
// why in its comment. What imports cannot show, a content script calling extension storage, is checked by
// test/unit/overlay/content-imports.test.ts.

// Where extension APIs may be imported: the pages and scripts themselves, and the lib folders that talk to the
// browser on their behalf. Everything else in lib is plain TypeScript that runs and is tested in Node.
const BROWSER_FOLDERS = '^(entrypoints|components|lib/(background|db|messaging|settings))/';
// WXT's browser, its utilities and storage, the polyfill, and WXT's auto-import module.
const BROWSER_APIS = [
  '(^|/)node_modules/wxt/dist/(browser|utils/|storage)',
  '(^|/)node_modules/(webextension-polyfill|@wxt-dev/(browser|storage|webextension-polyfill))/',
  '^#imports$',
];
// What only the extension's own pages and its background use: a content script that reached any of it would carry it
// into every Gmail, Outlook and HubSpot tab (size), or could not run it there (IndexedDB of the extension, the token).
const PAGE_ONLY = [
  '^lib/(panel|background|db)/',
  '^components/(panel|tagging|connect)/',
  '(^|/)node_modules/(dexie|recharts|@hubspot/api-client|react-dom)/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'Two folders that import each other are one tangled feature: move the shared part down a layer.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(lib|components|entrypoints)/' },
      to: { circular: true },
    },
    {
      name: 'no-file-cycle',
      comment:
        'Modules that import each other load in an order that depends on who imports first. A type-only import in ' +
        'the loop loads nothing, so it is no such loop (between folders it still counts, above).',
      severity: 'error',
      from: { path: '^(lib|components|entrypoints)/' },
      to: {
        circular: true,
        dependencyTypesNot: ['type-only'],
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
    {
      name: 'lib-not-to-ui',
      comment: 'lib/ is the logic under the pages and scripts; it never reaches up into entrypoints/ or components/.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(entrypoints|components)/' },
    },
    {
      name: 'browser-api-outside-its-folders',
      comment: `Extension APIs only in ${BROWSER_FOLDERS}: the rest of lib stays browser-free, tested in plain Node.`,
      severity: 'error',
      from: { pathNot: BROWSER_FOLDERS },
      to: { path: BROWSER_APIS },
    },
    {
      name: 'content-script-to-page-only',
      comment:
        'A content script runs in every mail and CRM tab: it reaches no module of the panel, background or database.',
      severity: 'error',
      from: { path: '^entrypoints/[^/]+\\.content/' },
      to: { reachable: true, path: PAGE_ONLY },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // Type-only imports count: a folder that needs another's types depends on it as much as on its code.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
