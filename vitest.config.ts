import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// WXT's plugins give WXT's import aliases and globals. Its extension-API mock is replaced by ours: it points
// `wxt/browser` at `wxt/testing`, whose index also loads WXT's whole Vite builder, 1.5 s in every test file that
// imports a module using the browser. Ours points it at the fake browser alone and stubs the same globals.
const isApiMock = (plugin: unknown) =>
  typeof plugin === 'object' && plugin !== null && 'name' in plugin && plugin.name === 'wxt:extension-api-mock';
const wxt = (await WxtVitest()).filter((plugin) => !isApiMock(plugin));
const fakeBrowser = fileURLToPath(new URL('./test/support/fake-browser.ts', import.meta.url));

// Two projects. `unit` is pure and fast: Node only, no servers, no child processes; a test that needs the DOM opts in
// with `// @vitest-environment happy-dom`. `integration` starts the local portal (HTTP/TLS) or runs our scripts as
// child processes. Unit files run one after another in one worker, the packages loaded once (a process each, the
// unit tests took 60-200 s here, nearly all of it loading); test/support/setup.ts gives each file fresh modules of
// ours. Integration files keep a process each: they hold servers, ports and child processes.
export default defineConfig({
  plugins: [wxt],
  resolve: { alias: [{ find: /^wxt\/browser$/, replacement: fakeBrowser }] },
  // WXT's own modules (wxt/utils/storage and the like) are compiled with the tests, so they get the fake browser too.
  ssr: { noExternal: ['wxt'] },
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    setupFiles: ['test/support/setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node', isolate: false },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.{ts,tsx}'], environment: 'node' },
      },
    ],
  },
});
