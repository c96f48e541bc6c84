// One shared clock for every visible timer on a page: a single timeout chain aligned to whole seconds, running only
// while someone listens. Hundreds of badges cost one wake-up a second, not hundreds.

export type Tick = (now: number) => void;

export interface Ticker {
  subscribe(tick: Tick, signal: AbortSignal): void;
  readonly size: number;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createTicker(clock: Clock = realClock): Ticker {
  const listeners = new Set<Tick>();
  let pending: unknown = null;

  const schedule = () => {
    // Aligned to the next whole second so every timer on the page changes its text at the same instant.
    const delay = 1000 - (clock.now() % 1000);
    pending = clock.setTimeout(fire, delay);
  };

  const fire = () => {
    pending = null;
    const now = clock.now();
    for (const listener of [...listeners]) listener(now);
    if (listeners.size > 0) schedule();
  };

  return {
    subscribe(tick, signal) {
      if (signal.aborted) return;
      listeners.add(tick);
      if (pending === null) schedule();
      signal.addEventListener(
        'abort',
        () => {
          listeners.delete(tick);
          if (listeners.size === 0 && pending !== null) {
            clock.clearTimeout(pending);
            pending = null;
          }
        },
        { once: true },
      );
    },
    get size() {
      return listeners.size;
    },
  };
}
