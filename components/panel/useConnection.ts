import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { callBackground } from '../../lib/messaging/client';
import { CONNECTION_CHANGED_KEY } from '../../lib/settings/storage';
import type { ResponseOf } from '../../lib/messaging/protocol';

export type Connection = ResponseOf<'connectionStatus'>;

/** The HubSpot connection as the background reports it, reloaded when another page connects or disconnects. */
export function useConnection(): { connection?: Connection; failed: boolean } {
  const [connection, setConnection] = useState<Connection>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      callBackground('connectionStatus', {}).then(
        (reply) => {
          if (!live) return;
          setConnection(reply);
          setFailed(false);
        },
        () => live && setFailed(true),
      );
    void load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CONNECTION_CHANGED_KEY in changes) void load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return { connection, failed };
}
