// A clock for simulations: time moves only when every task is waiting on it, then jumps to the next timer. Many
// async actors (browsers, their limiters, a portal) run a working day in seconds, in the order real time would give.

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export class VirtualClock {
  private current: number;
  private seq = 0;
  private readonly timers: Timer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  readonly now = (): number => this.current;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = {
        at: this.current + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.insert(timer);
    });

  /** Timers waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /**
   * Runs until `work` settles. `idleTurns` rounds of the event loop pass before time jumps, so work that goes
   * through real immediates (an in-memory IndexedDB) finishes at the instant it started.
   */
  async run<T>(work: Promise<T>, idleTurns = 1): Promise<T> {
    let settled = false;
    const watched = work.finally(() => {
      settled = true;
    });
    watched.catch(() => {});
    let idle = 0;
    while (!settled) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled) break;
      if (++idle < idleTurns) continue;
      idle = 0;
      const next = this.timers.shift();
      if (!next) {
        // Nothing waits on the clock: the work waits on something real (I/O); let it.
        await new Promise<void>((resolve) => setTimeout(resolve, 1));
        continue;
      }
      this.current = Math.max(this.current, next.at);
      next.fire();
      // Every timer due at the same instant fires together.
      while (this.timers[0] !== undefined && this.timers[0].at <= this.current) this.timers.shift()?.fire();
    }
    return watched;
  }

  private insert(timer: Timer): void {
    let low = 0;
    let high = this.timers.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = this.timers[middle] as Timer;
      if (other.at < timer.at || (other.at === timer.at && other.seq < timer.seq)) low = middle + 1;
      else high = middle;
    }
    this.timers.splice(low, 0, timer);
  }
}
