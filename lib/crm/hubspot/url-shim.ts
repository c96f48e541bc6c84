// Node's `url` module as the generated client uses it (`new URL`, `URLSearchParams`): the WHATWG globals every
// browser context has. wxt.config.ts aliases the bare specifier `url` here for the extension build.
export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;
export default { URL, URLSearchParams };
