import { describe, expect, it } from 'vitest';
import { GroupWriter } from '../../../lib/sync/group-write';

/** A commit that waits until released, recording each batch it was given. */
function gatedCommit() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  let failWith: unknown;
  const commit = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (failWith !== undefined) throw failWith;
    return items.map((item) => item * 10);
  };
  return {
    batches,
    commit,
    release: async () => {
      // Let the writer reach its next commit before opening the gate it waits on.
      await new Promise((resolve) => setTimeout(resolve, 0));
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    failNext: (error: unknown) => {
      failWith = error;
    },
  };
}

/** Marks a write whose refusal the test awaits later, so it is not reported as unhandled in between. */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

describe('group writes', () => {
  it('writes a lone item at once, and what arrives meanwhile together, in order, at most maxBatch at a time', async () => {
    const gate = gatedCommit();
    const writer = new GroupWriter(gate.commit, 3);
    const results = [1, 2, 3, 4, 5, 6].map((item) => writer.write(item));
    expect(gate.batches).toEqual([[1]]);
    await gate.release();
    expect(gate.batches).toEqual([[1], [2, 3, 4]]);
    await gate.release();
    await gate.release();
    expect(gate.batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50, 60]);
    // Idle again: the next item is written alone, without waiting for company.
    const late = writer.write(7);
    expect(gate.batches.at(-1)).toEqual([7]);
    await gate.release();
    expect(await late).toBe(70);
  });

  it('after a failed commit nothing later is written: queued and new items are refused with its error', async () => {
    const gate = gatedCommit();
    const writer = new GroupWriter(gate.commit, 2);
    const first = writer.write(1);
    const second = later(writer.write(2));
    const third = later(writer.write(3));
    const fourth = later(writer.write(4));
    await gate.release();
    expect(await first).toBe(10);
    gate.failNext(new Error('disk full'));
    await gate.release();
    await expect(second).rejects.toThrow('disk full');
    await expect(third).rejects.toThrow('disk full');
    await expect(fourth).rejects.toThrow('disk full');
    await expect(writer.write(5)).rejects.toThrow('disk full');
    expect(gate.batches).toEqual([[1], [2, 3]]);
  });

  it('close refuses what is queued and waits for the batch under way, which still completes', async () => {
    const gate = gatedCommit();
    const writer = new GroupWriter(gate.commit, 1);
    const first = writer.write(1);
    const second = later(writer.write(2));
    let closed = false;
    const closing = writer.close(new Error('stopped')).then(() => {
      closed = true;
    });
    await expect(second).rejects.toThrow('stopped');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(closed).toBe(false);
    await gate.release();
    await closing;
    expect(await first).toBe(10);
    await expect(writer.write(3)).rejects.toThrow('stopped');
    expect(gate.batches).toEqual([[1]]);
  });

  it('a commit that answers for fewer items than it was given fails them all', async () => {
    const writer = new GroupWriter(async (items: number[]) => items.slice(1), 4);
    const results = [later(writer.write(1)), later(writer.write(2))];
    await expect(results[0]).rejects.toThrow('0 results for 1 writes');
    await expect(results[1]).rejects.toThrow('0 results for 1 writes');
  });
});
