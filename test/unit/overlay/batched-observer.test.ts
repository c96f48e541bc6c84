// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { type BatchScheduler, observeAddedElements } from '../../../lib/overlay/batched-observer';

function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const scheduler: BatchScheduler = {
    request: (callback) => {
      callbacks.set(next, callback);
      return next++;
    },
    cancel: (handle) => callbacks.delete(handle as number),
  };
  const runFrame = () => {
    const pending = [...callbacks.values()];
    callbacks.clear();
    for (const callback of pending) callback();
  };
  return { scheduler, runFrame, requested: () => callbacks.size };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('observeAddedElements', () => {
  it('delivers a burst of insertions as one batch per frame', async () => {
    const { scheduler, runFrame, requested } = manualFrames();
    const batches: string[][] = [];
    const controller = new AbortController();
    observeAddedElements(
      document.body,
      (added) => batches.push(added.map((el) => el.id)),
      controller.signal,
      scheduler,
    );
    for (const id of ['a', 'b', 'c']) {
      const row = document.createElement('div');
      row.id = id;
      document.body.append(row);
    }
    await settle();
    expect(requested()).toBe(1);
    runFrame();
    expect(batches).toEqual([['a', 'b', 'c']]);
    controller.abort();
  });

  it('skips elements removed before the frame and stops after abort', async () => {
    const { scheduler, runFrame, requested } = manualFrames();
    const batches: string[][] = [];
    const controller = new AbortController();
    observeAddedElements(
      document.body,
      (added) => batches.push(added.map((el) => el.id)),
      controller.signal,
      scheduler,
    );
    const gone = document.createElement('p');
    gone.id = 'gone';
    document.body.append(gone);
    gone.remove();
    await settle();
    runFrame();
    expect(batches).toEqual([]);

    controller.abort();
    document.body.append(document.createElement('span'));
    await settle();
    expect(requested()).toBe(0);
  });
});
