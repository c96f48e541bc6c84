import { describe, expect, it } from 'vitest';
import { type Clock, createTicker } from '../../../lib/overlay/ticker';

function fakeClock(start: number) {
  let now = start;
  let queue: Array<{ at: number; callback: () => void; id: number }> = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const id = nextId++;
      queue.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout: (handle) => {
      queue = queue.filter((entry) => entry.id !== handle);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      queue.sort((a, b) => a.at - b.at);
      const next = queue[0];
      if (!next || next.at > end) break;
      queue.shift();
      now = next.at;
      next.callback();
    }
    now = end;
  };
  return { clock, advance, pending: () => queue.length };
}

describe('createTicker', () => {
  it('ticks every listener on whole seconds with one timeout', () => {
    const { clock, advance, pending } = fakeClock(10_250);
    const ticker = createTicker(clock);
    const seen: number[] = [];
    const controller = new AbortController();
    ticker.subscribe((now) => seen.push(now), controller.signal);
    ticker.subscribe((now) => seen.push(-now), controller.signal);
    expect(pending()).toBe(1);
    advance(2_000);
    expect(seen).toEqual([11_000, -11_000, 12_000, -12_000]);
  });

  it('stops waking up when the last listener leaves', () => {
    const { clock, advance, pending } = fakeClock(0);
    const ticker = createTicker(clock);
    const first = new AbortController();
    const second = new AbortController();
    let ticks = 0;
    ticker.subscribe(() => ticks++, first.signal);
    ticker.subscribe(() => ticks++, second.signal);
    first.abort();
    advance(1_000);
    expect(ticks).toBe(1);
    second.abort();
    expect(ticker.size).toBe(0);
    expect(pending()).toBe(0);
    advance(5_000);
    expect(ticks).toBe(1);
  });

  it('ignores a subscription whose signal is already aborted', () => {
    const { clock, pending } = fakeClock(0);
    const ticker = createTicker(clock);
    ticker.subscribe(() => undefined, AbortSignal.abort());
    expect(ticker.size).toBe(0);
    expect(pending()).toBe(0);
  });
});
