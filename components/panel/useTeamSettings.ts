import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { callBackground } from '../../lib/messaging/client';
import type { MetricSettings } from '../../lib/model/settings';
import type { SettingOrigin } from '../../lib/settings/settings-origin';
import { CONNECTION_CHANGED_KEY } from '../../lib/settings/storage';
import {
  type EffectiveTeamSettings,
  loadTeamSettings,
  saveTeamSettings,
  watchTeamSettings,
} from '../../lib/settings/team-settings';

export interface TeamSettingsState {
  settings?: MetricSettings;
  managedKeys: string[];
  problem?: string;
  /** A stored 100/100 margin and attribution was read as unset; the setup asks the manager to confirm or change. */
  assumptionsNote?: boolean;
  /** Where each setting's value comes from (policy, an imported team file, this browser, the default). */
  origins?: Record<string, SettingOrigin>;
  /** The background did not answer. */
  failed?: string;
  save(settings: Partial<MetricSettings>): Promise<void>;
}

const NONE_MANAGED: string[] = [];
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The team settings in effect (local under managed policy), read from storage here, as an extension page may, and
 * kept current when another page (the options page, another panel) saves them: a save reaches this page as a storage
 * event, not through the background. The one thing asked of the background is the connected portal's time zone (the
 * default `timezone`; the connection is kept where only the background reads it), once and again when it changes.
 * Until it answers nothing is shown, so a form never offers UTC for a portal that is elsewhere.
 */
export function useTeamSettings(): TeamSettingsState {
  const [effective, setEffective] = useState<EffectiveTeamSettings>();
  const [failed, setFailed] = useState<string>();
  const portalTimeZone = useRef<Promise<string | undefined>>(undefined);
  const timeZone = useCallback(() => {
    portalTimeZone.current ??= callBackground('connectionStatus', {}).then((status) => status.timeZone);
    return portalTimeZone.current;
  }, []);

  useEffect(() => {
    let live = true;
    // Reads can overlap (two saves in a row); only the latest one is shown.
    let latest = 0;
    const load = () => {
      const read = ++latest;
      timeZone()
        .then(loadTeamSettings)
        .then(
          (next) => {
            if (!live || read !== latest) return;
            setEffective(next);
            setFailed(undefined);
          },
          (error: unknown) => {
            portalTimeZone.current = undefined;
            if (live && read === latest) setFailed(message(error));
          },
        );
    };
    load();
    const stopWatching = watchTeamSettings(load);
    // The connection says it changed with a content-free marker in storage.local.
    const onConnection = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(CONNECTION_CHANGED_KEY in changes)) return;
      portalTimeZone.current = undefined;
      load();
    };
    browser.storage.onChanged.addListener(onConnection);
    return () => {
      live = false;
      stopWatching();
      browser.storage.onChanged.removeListener(onConnection);
    };
  }, [timeZone]);

  const save = useCallback(
    async (next: Partial<MetricSettings>) => {
      setEffective(await saveTeamSettings(next, await timeZone()));
    },
    [timeZone],
  );

  return {
    settings: effective?.settings,
    managedKeys: effective?.managedKeys ?? NONE_MANAGED,
    ...(effective?.problem ? { problem: effective.problem } : {}),
    ...(effective?.assumptionsNote ? { assumptionsNote: true } : {}),
    ...(effective?.origins ? { origins: effective.origins } : {}),
    ...(failed ? { failed } : {}),
    save,
  };
}
