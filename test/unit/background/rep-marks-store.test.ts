import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyRepMark, loadRepMarks, migrateRepMarks } from '../../../lib/background/rep-marks-store';

const NOW = Date.parse('2026-12-02T10:00:00Z');

beforeEach(() => fakeBrowser.reset());

describe('rep marks, kept by the background per portal', () => {
  it('snoozes and marks "not a lead", and says when the mark is new', async () => {
    expect(await applyRepMark(42, '7', 'snooze1h', NOW)).toEqual({
      snoozedUntil: NOW + 3_600_000,
      notALead: false,
      newlyNotALead: false,
    });
    expect((await applyRepMark(42, '7', 'notALead', NOW)).newlyNotALead).toBe(true);
    // Marking again queues nothing new.
    expect((await applyRepMark(42, '7', 'notALead', NOW)).newlyNotALead).toBe(false);
    const marks = await loadRepMarks(42);
    expect(marks.notALead.has('7')).toBe(true);
    expect(marks.snoozedUntil.get('7')).toBe(NOW + 3_600_000);
  });

  it("never lets portal A's marks reach portal B", async () => {
    await applyRepMark(42, '7', 'notALead', NOW);
    const other = await loadRepMarks(43);
    expect(other.notALead.size).toBe(0);
    expect(other.snoozedUntil.size).toBe(0);
  });

  it('moves the marks an older version kept where content scripts wrote them, under the connected portal', async () => {
    const later = Date.now() + 60_000;
    await fakeBrowser.storage.local.set({
      'overlay.snoozes': { '5': later },
      'overlay.notALead': ['6'],
    });
    await migrateRepMarks(42);
    const marks = await loadRepMarks(42);
    expect([...marks.notALead]).toEqual(['6']);
    expect(marks.snoozedUntil.get('5')).toBe(later);
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored)).toEqual(['marks.42']);
  });

  it('drops expired snoozes when it writes', async () => {
    await applyRepMark(42, '1', 'snooze1h', NOW);
    await applyRepMark(42, '2', 'snooze1h', NOW + 2 * 3_600_000);
    const stored = (await fakeBrowser.storage.local.get('marks.42'))['marks.42'] as { snoozes: object };
    expect(Object.keys(stored.snoozes)).toEqual(['2']);
  });
});
