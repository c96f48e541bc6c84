import { useEffect, useState } from 'react';
import { database } from '../../lib/db/db';
import { onCacheUpdated } from '../../lib/settings/cache-signal';
import { readSetupChoices, type SetupChoices } from '../../lib/panel/setup-choices';

/**
 * The setup's owners and sources from the cache while `enabled` (off, it reads nothing), read again after each sync.
 * Not a live query: the distinct sources walk the whole source index, and a live query over `leads` would redo that
 * after every page a running sync writes — measured, it took the whole sync down to a fifth of its speed.
 */
export function useSetupChoices(enabled: boolean): { choices?: SetupChoices; error?: string } {
  const [choices, setChoices] = useState<SetupChoices>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const read = () =>
      readSetupChoices(database()).then(
        (next) => {
          if (!live) return;
          setChoices(next);
          setError(undefined);
        },
        (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
      );
    void read();
    const stop = onCacheUpdated(() => void read());
    return () => {
      live = false;
      stop();
    };
  }, [enabled]);
  return { choices, error };
}
