// `wxt/browser` in tests: the in-memory browser that the setup also puts on the globals.
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const browser = fakeBrowser;
export default fakeBrowser;
