import { z } from 'zod';
import { defineSettingsItem } from './settings-item';

// Where the tagger writes the source. LeadLens always writes its own properties (leadlens_source, campaign, URL,
// time), which the sync reads back; a manager may also name one of the portal's own contact properties (say, its
// "Lead source" dropdown) so the team's existing reports see the tag too. Its options are then checked before a
// tag is queued and again when it is written. Naming the property is checked against the portal, so it is saved
// through the background (`saveTaggingSettings` message); this module is the store.

/** HubSpot's internal property names: lower-case letters, digits and underscores, starting with a letter. */
export const PROPERTY_NAME = /^[a-z][a-z0-9_]{0,99}$/;

export const taggingSettingsSchema = z.object({
  sourceProperty: z.string().regex(PROPERTY_NAME).optional(),
  /** The lead status (an `hs_lead_status` option's value) a rep's "Not a lead" also sets in HubSpot; none: only hidden. */
  notALeadStatus: z.string().min(1).max(100).optional(),
});
export type TaggingSettings = z.infer<typeof taggingSettingsSchema>;

/**
 * Version 1 is every shape stored so far: values saved before `notALeadStatus` existed simply lack it. A damaged
 * value reads as nothing chosen.
 */
export const taggingSettingsItem = defineSettingsItem('taggingSettings', {
  schema: taggingSettingsSchema,
  fallback: {},
  version: 1,
});

export async function loadTaggingSettings(): Promise<TaggingSettings> {
  return (await taggingSettingsItem.read()).value;
}

/** Replaces the given fields; `undefined` clears one. */
export async function saveTaggingSettings(patch: Partial<TaggingSettings>): Promise<void> {
  const next: Record<string, unknown> = { ...(await loadTaggingSettings()) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  await taggingSettingsItem.write(taggingSettingsSchema.parse(next));
}
