import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { callBackground } from '../../lib/messaging/client';
import { CONNECTION_CHANGED_KEY } from '../../lib/settings/storage';
import { type MetricSettings, metricSettingsSchema } from '../../lib/model/settings';

export interface TeamSettingsState {
  settings?: MetricSettings;
  managedKeys: string[];
  problem?: string;
  /** The background did not answer. */
  failed?: string;
  save(settings: Partial<MetricSettings>): Promise<void>;
}

/**
 * The team settings in effect (local under managed policy), from the background, kept current when another page
 * (the options page, another panel) changes them.
 */
export function useTeamSettings(): TeamSettingsState {
  const [settings, setSettings] = useState<MetricSettings>();
  const [managedKeys, setManagedKeys] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();
  const [failed, setFailed] = useState<string>();

  const apply = useCallback((reply: { settings: Record<string, unknown>; managedKeys: string[]; problem?: string }) => {
    const parsed = metricSettingsSchema.safeParse(reply.settings);
    setSettings(parsed.success ? parsed.data : metricSettingsSchema.parse({}));
    setManagedKeys(reply.managedKeys);
    setProblem(reply.problem ?? (parsed.success ? undefined : parsed.error.message));
    setFailed(undefined);
  }, []);

  useEffect(() => {
    let live = true;
    const load = () =>
      callBackground('teamSettings', {})
        .then((reply) => live && apply(reply))
        .catch((error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)));
    void load();
    // Team settings are in storage.local; the connection (whose portal time zone is the default) says it changed
    // with a content-free marker there.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && ('teamSettings' in changes || CONNECTION_CHANGED_KEY in changes)) void load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [apply]);

  const save = useCallback(
    async (next: Partial<MetricSettings>) => {
      apply(await callBackground('saveTeamSettings', { settings: next as Record<string, unknown> }));
    },
    [apply],
  );

  return { settings, managedKeys, problem, failed, save };
}
