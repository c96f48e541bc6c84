import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests run in Node; a test that needs the DOM opts in with `// @vitest-environment happy-dom`.
// WxtVitest gives `fakeBrowser` (an in-memory `browser`) and WXT's import aliases.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
