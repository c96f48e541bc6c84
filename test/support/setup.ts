// fake-indexeddb gives Dexie a real IndexedDB implementation in Node.
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Unit test files share one worker (vitest.config.ts), so each starts as if alone: fresh modules of ours (no state
// left in a module by the file before, and this file's vi.mock applies to what it imports); for the packages that
// stay loaded, an empty fake browser (storage and listeners) and the real clock. The databases need nothing: every
// test opens its own by a random name.
vi.resetModules();
fakeBrowser.reset();
vi.useRealTimers();

// The extension APIs, as WXT's own test setup stubs them (see vitest.config.ts for why it is ours).
vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);
