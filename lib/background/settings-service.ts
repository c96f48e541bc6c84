import { HubSpotTagWriter } from '../crm/hubspot/tag-writer';
import type { ResponseOf } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import {
  loadTaggingSettings,
  PROPERTY_NAME,
  saveTaggingSettings,
  type TaggingSettings,
} from '../settings/tagging-settings';
import { adapterFor, storedConnection } from './connection';

// The settings' messages. Extension pages read and save team and sync settings in lib/settings themselves (they may
// read storage.local; content scripts may not), so those have no route. The tagging settings need the portal (is the
// named property there, what are its options), so pages go through here for those.

type TaggingReply = ResponseOf<'taggingSettings'>;

export type SettingsMessage = 'taggingSettings' | 'saveTaggingSettings' | 'saveNotALeadStatus';

/**
 * Takes the worker's state as every service does, so the entry registers them alike; these handlers need none of
 * it (a saved setting reaches the kept copies as a storage change).
 */
export function settingsHandlers(): Pick<Handlers, SettingsMessage> {
  return {
    taggingSettings: async () => describeTagging(await loadTaggingSettings()),
    saveNotALeadStatus: async ({ status }) => {
      await saveTaggingSettings({ notALeadStatus: status.trim() === '' ? undefined : status.trim() });
      return describeTagging(await loadTaggingSettings());
    },
    saveTaggingSettings: async ({ sourceProperty }) => {
      const name = sourceProperty.trim();
      const { notALeadStatus } = await loadTaggingSettings();
      const kept = notALeadStatus ? { notALeadStatus } : {};
      if (name === '') {
        await saveTaggingSettings({ sourceProperty: undefined });
        return kept;
      }
      if (!PROPERTY_NAME.test(name)) return { ...kept, sourceProperty: name, problem: 'invalidName' as const };
      const described = await describeTagging({ ...kept, sourceProperty: name });
      if (!described.problem) await saveTaggingSettings({ sourceProperty: name });
      return described;
    },
  };
}

/** The named property as the portal defines it now (its label and options), or why it cannot be used. */
export async function describeTagging({ sourceProperty, notALeadStatus }: TaggingSettings): Promise<TaggingReply> {
  const kept = notALeadStatus ? { notALeadStatus } : {};
  if (!sourceProperty) return kept;
  const connection = await storedConnection();
  if (!connection) return { ...kept, sourceProperty, problem: 'notConnected' as const };
  try {
    const target = await new HubSpotTagWriter(adapterFor(connection)).describeProperty(sourceProperty);
    return target ? { ...kept, sourceProperty, target } : { ...kept, sourceProperty, problem: 'notFound' as const };
  } catch {
    return { ...kept, sourceProperty, problem: 'unreachable' as const };
  }
}
