import { describe, expect, it } from 'vitest';
import { DailyLimitReached, RateLimiter, SHARING } from '../../../lib/crm/limiter';

/** A clock that only moves when someone sleeps, so waits are measured exactly and instantly. */
function virtualTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      await Promise.resolve();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('RateLimiter', () => {
  it('lets Max requests through per window and delays the next until the oldest leaves it', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, max: 3, intervalMs: 1000, concurrency: 100 });
    for (let i = 0; i < 3; i += 1) (await limiter.acquire('standard'))();
    expect(time.now()).toBe(0);
    // A whole interval plus a small margin (the server stamps requests when they arrive, a little after sending).
    expect(limiter.delayFor('standard')).toBeGreaterThan(1000);
    expect(limiter.delayFor('standard')).toBeLessThanOrEqual(1050);
    (await limiter.acquire('standard'))();
    expect(time.now()).toBeGreaterThan(1000);
    expect(time.now()).toBeLessThan(1060);
  });

  it('sustains the bound: 300 requests at 25/s take 11-12.5 s, not more', async () => {
    // A clock on which concurrent waits overlap (a request's 5 ms on the wire does not hold up the others).
    const clock = scheduler();
    const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep, max: 25, intervalMs: 1000, concurrency: 8 });
    let finished = 0;
    for (let index = 0; index < 300; index += 1) {
      void (async () => {
        const release = await limiter.acquire('standard');
        await clock.sleep(5);
        release();
        finished += 1;
      })();
    }
    await clock.run(() => finished === 300);
    // 300 = 25 at once, then 11 more windows, each a little longer than the interval: a request counts in ours
    // until its answer is 1 s old (the server stamped it somewhere between sending and answering).
    expect(clock.now()).toBeGreaterThanOrEqual(11_000);
    expect(clock.now()).toBeLessThan(12_500);
    expect(limiter.counts.standard).toBe(300);
  });

  it('learns the limit from the headers and books requests others made with the same token', () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, max: 100, intervalMs: 10_000 });
    // A quiet first answer (no colleagues at work, so the shares stay whole), then others' requests appear.
    limiter.observe({ max: 10, intervalMs: 2000, remaining: 10 });
    limiter.observe({ remaining: 4 });
    expect(limiter.max).toBe(10);
    // We sent none, the server has 6 used: those 6 are booked, so 4 more may go now and the 5th waits.
    expect(limiter.delayFor('standard')).toBe(0);
    limiter.observe({ remaining: 0 });
    expect(limiter.delayFor('standard')).toBeGreaterThanOrEqual(2000);
    expect(limiter.delayFor('standard')).toBeLessThan(2100);
  });

  it('holds search to its own per-second limit', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({
      ...time,
      max: 100,
      intervalMs: 10_000,
      searchPerSecond: 2,
      searchStartPerSecond: 2,
      concurrency: 50,
    });
    (await limiter.acquire('search'))();
    (await limiter.acquire('search'))();
    // A second, plus the margin for the server stamping a search when it arrives (50 ms before any 429).
    expect(limiter.delayFor('search')).toBe(1050);
    expect(limiter.delayFor('standard')).toBe(0);
  });

  it('paces the first searches at its careful start, not at the full limit, after the first one is answered', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, searchPerSecond: 5, searchStartPerSecond: 0.5 });
    // Answered at a large clock time: growth with time must count from the previous growth, not from zero.
    time.advance(1_800_000_000_000);
    (await limiter.acquire('search'))({ counted: true });
    expect(limiter.searchPace).toBeCloseTo(0.5 * SHARING.slowStartGrowth, 5);
    expect(limiter.delayFor('search')).toBeGreaterThan(1000 / (0.5 * SHARING.slowStartGrowth) - 1);
  });

  it('after a 429 waits until the window the server reported has room, and honours Retry-After', () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, max: 100, intervalMs: 10_000 });
    // The 429 carries Remaining 0: the server's full window is booked, so nothing goes for a whole interval.
    limiter.observe({ max: 10, intervalMs: 1000, remaining: 0 });
    limiter.rateLimited('standard');
    expect(limiter.delayFor('standard')).toBeGreaterThanOrEqual(1000);
    time.advance(1100);
    expect(limiter.delayFor('standard')).toBe(0);
    limiter.rateLimited('standard', 5000);
    expect(limiter.delayFor('standard')).toBe(5000);
    limiter.rateLimited('search');
    expect(limiter.delayFor('search')).toBe(5000);
    time.advance(5000);
    expect(limiter.delayFor('search')).toBe(0);
  });

  it('stops when the daily allowance is spent', async () => {
    const limiter = new RateLimiter({ max: 10 });
    limiter.observe({ daily: 1000, dailyRemaining: 0 });
    await expect(limiter.acquire('standard')).rejects.toBeInstanceOf(DailyLimitReached);
  });

  it('caps requests in flight', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, max: 100, intervalMs: 1000, concurrency: 2 });
    const first = await limiter.acquire('standard');
    await limiter.acquire('standard');
    let third = false;
    const waiting = limiter.acquire('standard').then((release) => {
      third = true;
      return release;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    first();
    (await waiting)();
    expect(third).toBe(true);
  });
});

describe('RateLimiter and refused requests', () => {
  it('gives back the slot of a request the server refused with a 429', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time, max: 2, intervalMs: 1000, concurrency: 10 });
    (await limiter.acquire('standard'))();
    (await limiter.acquire('standard'))({ counted: false });
    expect(limiter.delayFor('standard')).toBe(0);
    (await limiter.acquire('standard'))();
    expect(limiter.delayFor('standard')).toBeGreaterThan(0);
  });
});

/** Timers that fire in order of their due time, however many wait at once: concurrency without real waiting. */
function scheduler() {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    async run(done: () => boolean) {
      while (!done()) {
        await new Promise((resolve) => setImmediate(resolve));
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) continue;
        now = Math.max(now, next.at);
        next.resolve();
      }
    },
  };
}

describe('RateLimiter never exceeds the window', () => {
  it('no Max+1 requests ever fall within one interval, with a margin for arrival delays', async () => {
    const clock = scheduler();
    const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep, max: 10, intervalMs: 1000, concurrency: 4 });
    const sentAt: number[] = [];
    let finished = 0;
    for (let index = 0; index < 200; index += 1) {
      void (async () => {
        const release = await limiter.acquire('standard');
        sentAt.push(clock.now());
        await clock.sleep(20 + (index % 7) * 10);
        release();
        finished += 1;
      })();
    }
    await clock.run(() => finished === 200);
    sentAt.sort((a, b) => a - b);
    for (let i = 0; i + 10 < sentAt.length; i += 1) {
      // At least a few ms past the interval: requests reach the server a little after they leave.
      expect((sentAt[i + 10] ?? 0) - (sentAt[i] ?? 0)).toBeGreaterThan(1005);
    }
    // …and keeps up with it: 200 requests at 10 per second take about 19 windows, each stretched by no more than
    // the requests' own time on the wire (20-80 ms here), since a request counts until its answer is 1 s old.
    expect(clock.now()).toBeLessThan(19 * (1000 + 80) * 1.02 + 200);
  });
});
