import { HubSpotTagWriter } from '../crm/hubspot/tag-writer';
import type { ResponseOf } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { loadSyncSettings, saveSyncSettings } from '../settings/sync-settings';
import {
  loadTaggingSettings,
  PROPERTY_NAME,
  saveTaggingSettings,
  type TaggingSettings,
} from '../settings/tagging-settings';
import { saveTeamSettings } from '../settings/team-settings';
import { adapterFor, storedConnection } from './connection';
import type { WorkerState } from './worker-state';

// The settings' messages. Extension pages read and save team and sync settings in lib/settings themselves (they may
// read storage.local; content scripts may not): these routes remain the background's typed door to the same
// functions. The tagging settings need the portal (is the named property there, what are its options), so pages go
// through here for those.

type TaggingReply = ResponseOf<'taggingSettings'>;

export type SettingsMessage =
  | 'teamSettings'
  | 'saveTeamSettings'
  | 'syncSettings'
  | 'saveSyncSettings'
  | 'taggingSettings'
  | 'saveTaggingSettings'
  | 'saveNotALeadStatus';

export function settingsHandlers(
  worker: Pick<WorkerState, 'teamSettings' | 'forgetTeamSettings'>,
): Pick<Handlers, SettingsMessage> {
  return {
    teamSettings: () => worker.teamSettings(),
    saveTeamSettings: async ({ settings }) => {
      worker.forgetTeamSettings();
      // With the portal's time zone as the default, so the reply is what `teamSettings` answers next.
      return saveTeamSettings(settings, (await storedConnection())?.portal.timeZone);
    },
    syncSettings: () => loadSyncSettings(),
    saveSyncSettings: (patch) => saveSyncSettings(patch),
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
