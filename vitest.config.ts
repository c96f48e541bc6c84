import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects. `unit` is pure and fast: Node only, no servers, no child processes; a test that needs the DOM opts in
// with `// @vitest-environment happy-dom`. `integration` starts the local portal (HTTP/TLS) or runs our scripts as
// child processes. WxtVitest gives `fakeBrowser` (an in-memory `browser`) and WXT's import aliases to both.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    setupFiles: ['test/support/setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.{ts,tsx}'], environment: 'node' },
      },
    ],
  },
});
