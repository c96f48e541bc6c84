import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { database } from '../../lib/db/db';
import { readSetupChoices, type SetupChoices } from '../../lib/panel/setup-choices';

/** The setup's owners and sources from the cache, live while `enabled` (off, it reads nothing). */
export function useSetupChoices(enabled: boolean): { choices?: SetupChoices; error?: string } {
  const [choices, setChoices] = useState<SetupChoices>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!enabled) return;
    const db = database();
    const subscription = liveQuery(() => readSetupChoices(db)).subscribe({
      next: (next) => {
        setChoices(next);
        setError(undefined);
      },
      error: (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    });
    return () => subscription.unsubscribe();
  }, [enabled]);
  return { choices, error };
}
