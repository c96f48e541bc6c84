import { Buffer } from 'buffer';

// The official client's generated modules are written for Node: they read `Buffer` as a global (binary bodies) and
// import `url` (aliased to `url-shim.ts` in wxt.config.ts). A service worker has neither, so the background imports
// this module before the client.
const scope = globalThis as { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;
