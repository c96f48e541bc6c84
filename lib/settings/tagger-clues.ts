import * as z from 'zod/mini';
import { UTM_KEYS } from '../tagging/page-clues';
import type { PageClues } from '../tagging/read-page';
import { defineSettingsItem } from './settings-item';

// What "Tag lead source…" read from a page, handed from the worker (which reads the tab on the click) to the tagger
// window (which opens with `#<id>`). Kept a day; checked on read like every stored value, since a Firefox content
// script can write storage.local.

const KEEP_CLUES_MS = 24 * 60 * 60 * 1000;

const text = z.string();
const pageCluesSchema = z.object({
  url: text,
  title: text,
  addresses: z.array(text).check(z.maxLength(200)),
  utm: z.partialRecord(z.enum(UTM_KEYS), text),
  referrer: z.optional(text),
  unreadable: z.optional(z.boolean()),
});
const storedCluesSchema = z.record(z.string(), z.object({ clues: pageCluesSchema, at: z.number() }));

export const taggerCluesItem = defineSettingsItem('tagger.clues', {
  schema: storedCluesSchema,
  fallback: {},
  version: 1,
});

/** Keeps the clues for the tagger page (those over a day old are pruned) and returns the id the page reads them by. */
export async function storeClues(clues: PageClues, now = Date.now()): Promise<string> {
  const id = globalThis.crypto.randomUUID();
  const { value: stored } = await taggerCluesItem.read();
  const kept = Object.fromEntries(Object.entries(stored).filter(([, entry]) => now - entry.at < KEEP_CLUES_MS));
  await taggerCluesItem.write({ ...kept, [id]: { clues, at: now } });
  return id;
}

/** The clues stored under `id`, if they are there and well formed. */
export async function readClues(id: string): Promise<PageClues | undefined> {
  if (!id) return undefined;
  const { value: stored } = await taggerCluesItem.read();
  return stored[id]?.clues;
}
