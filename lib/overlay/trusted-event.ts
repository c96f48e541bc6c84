// The one gate between an event and an overlay action. A page script can call `.click()` or `dispatchEvent` on
// anything it can reach, and such events arrive with `isTrusted` false; only the browser's own input (a real pointer
// or key, and Playwright's, which goes through the browser's input pipeline) is trusted. Every handler that opens
// the card or acts asks this function, and only this one, so unit tests — whose DOM dispatches only untrusted
// events — replace it with `vi.mock` and a test can prove both sides of the gate.

/** True when the browser, not a script, produced the event. */
export function isTrustedEvent(event: Event): boolean {
  return event.isTrusted;
}
