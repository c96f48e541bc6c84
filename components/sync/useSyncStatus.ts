import { useEffect, useState } from 'react';
import { callBackground } from '../../lib/messaging/client';
import type { SyncStatus } from '../../lib/sync/status';

/**
 * The sync status, polled once a second while the page is open. Polling (not a push) because the worker may be
 * stopped and restarted at any time; each poll also wakes it, which resumes an interrupted sync.
 */
export function useSyncStatus(intervalMs = 1000): { status?: SyncStatus; failed: boolean } {
  const [status, setStatus] = useState<SyncStatus>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const poll = () =>
      callBackground('syncStatus', {})
        .then((next) => {
          if (!live) return;
          setStatus(next);
          setFailed(false);
        })
        .catch(() => live && setFailed(true));
    void poll();
    const timer = setInterval(poll, intervalMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [intervalMs]);
  return { status, failed };
}
