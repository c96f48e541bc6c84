import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../lib/model/tags';
import { nextWake, retryDelay, sendable } from '../../../lib/tagging/outbox-plan';

function entry(id: string, contactKey: string, seq: number, patch: Partial<OutboxEntry> = {}): OutboxEntry {
  return { id, contactKey, seq, state: 'pending', attempts: 0, notBefore: 0, ...patch };
}

describe('sendable', () => {
  it('sends only the oldest unapplied tag of each contact', () => {
    const entries = [entry('a1', 'a', 1), entry('b1', 'b', 2), entry('a2', 'a', 3), entry('b2', 'b', 4)];
    expect(sendable(entries, { now: 0, concurrency: 10 }).map((e) => e.id)).toEqual(['a1', 'b1']);
  });

  it('moves to the next tag once the previous one is applied', () => {
    const entries = [entry('a1', 'a', 1, { state: 'applied' }), entry('a2', 'a', 2)];
    expect(sendable(entries, { now: 0, concurrency: 10 }).map((e) => e.id)).toEqual(['a2']);
  });

  it('holds a contact while its head is in flight, waiting out a backoff, or in conflict', () => {
    const entries = [
      entry('a1', 'a', 1, { state: 'sending' }),
      entry('a2', 'a', 2),
      entry('b1', 'b', 3, { notBefore: 5_000 }),
      entry('b2', 'b', 4),
      entry('c1', 'c', 5, { state: 'conflict' }),
      entry('c2', 'c', 6),
      entry('d1', 'd', 7),
    ];
    expect(sendable(entries, { now: 1_000, concurrency: 10 }).map((e) => e.id)).toEqual(['d1']);
    expect(sendable(entries, { now: 5_000, concurrency: 10 }).map((e) => e.id)).toEqual(['b1', 'd1']);
  });

  it('respects the concurrency left after what is in flight', () => {
    const entries = [entry('a1', 'a', 1, { state: 'sending' }), entry('b1', 'b', 2), entry('c1', 'c', 3)];
    expect(sendable(entries, { now: 0, concurrency: 2 }).map((e) => e.id)).toEqual(['b1']);
  });

  it('never offers a tag while an older tag of the same contact is unapplied (property)', () => {
    const arbitraryEntries = fc.array(
      fc.record({
        contactKey: fc.constantFrom('a', 'b', 'c'),
        state: fc.constantFrom('pending', 'sending', 'applied', 'conflict') as fc.Arbitrary<OutboxEntry['state']>,
        notBefore: fc.integer({ min: 0, max: 10 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arbitraryEntries, fc.integer({ min: 0, max: 10 }), (raw, now) => {
        const entries = raw.map((item, index) => entry(`t${index}`, item.contactKey, index, item));
        for (const chosen of sendable(entries, { now, concurrency: 5 })) {
          const older = entries.filter((e) => e.contactKey === chosen.contactKey && e.seq < chosen.seq);
          expect(older.every((e) => e.state === 'applied')).toBe(true);
        }
      }),
    );
  });
});

describe('retryDelay and nextWake', () => {
  it('doubles from 2 s with ±20 % jitter, capped at 10 minutes', () => {
    expect(retryDelay(1, () => 0.5)).toBe(2_000);
    expect(retryDelay(3, () => 0.5)).toBe(8_000);
    expect(retryDelay(30, () => 0.5)).toBe(600_000);
    expect(retryDelay(1, () => 0)).toBe(1_600);
    expect(retryDelay(1, () => 1)).toBe(2_400);
  });

  it('wakes at the earliest pending retry', () => {
    expect(nextWake([entry('a', 'a', 1, { notBefore: 50 }), entry('b', 'b', 2, { notBefore: 20 })])).toBe(20);
    expect(nextWake([entry('a', 'a', 1, { state: 'applied' })])).toBeNull();
  });
});
