import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { readClues, storeClues, taggerCluesItem } from '../../../lib/settings/tagger-clues';
import type { PageClues } from '../../../lib/tagging/read-page';

const clues: PageClues = {
  url: 'https://example.com/webinar?utm_source=linkedin',
  title: 'Webinar',
  addresses: ['dana@example.com'],
  utm: { utm_source: 'linkedin' },
};

describe('the clues handed to the tagger window', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('are read back by the id the window opens with', async () => {
    const id = await storeClues(clues, 1_000);
    expect(await readClues(id)).toEqual(clues);
    expect(await readClues('another')).toBeUndefined();
    expect(await readClues('')).toBeUndefined();
  });

  it('are kept a day: older ones go when new ones are stored', async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = await storeClues(clues, 0);
    const recent = await storeClues(clues, day - 1);
    expect(await readClues(old)).toEqual(clues);
    await storeClues(clues, day + 1);
    expect(await readClues(old)).toBeUndefined();
    expect(await readClues(recent)).toEqual(clues);
  });

  it('read as nothing when what is stored is not clues (a Firefox content script can write storage.local)', async () => {
    await fakeBrowser.storage.local.set({ [taggerCluesItem.key]: { forged: { clues: { url: 1 }, at: 0 } } });
    expect(await readClues('forged')).toBeUndefined();
    // The next click still works, over the refused value.
    const id = await storeClues(clues, 5);
    expect(await readClues(id)).toEqual(clues);
  });
});
