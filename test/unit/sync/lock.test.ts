import { describe, expect, it } from 'vitest';
import { withSyncLock } from '../../../lib/sync/lock';

describe('withSyncLock', () => {
  it('runs one sync at a time: a second caller gets nothing while the first holds the lock', async () => {
    let release: () => void = () => undefined;
    const first = withSyncLock('test-lock', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    expect(await withSyncLock('test-lock', async () => 'second')).toBeUndefined();
    release();
    expect(await first).toBe('first');
    expect(await withSyncLock('test-lock', async () => 'third')).toBe('third');
  });

  it('frees the lock when the work fails', async () => {
    await expect(withSyncLock('test-lock-2', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withSyncLock('test-lock-2', async () => 'again')).toBe('again');
  });
});
