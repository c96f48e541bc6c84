import type { Handlers } from '../messaging/server';
import { type ConnectResult, connect, disconnect, replaceToken } from './connection';
import { retryAfterReconnect, unsentWrites } from './outbox-service';
import { refreshOverlays } from './overlay-refresh';
import { ensureAlarm, resumeAfterTokenReplaced, stopSync } from './sync-service';
import type { WorkerState } from './worker-state';

// Connecting a portal, replacing its token, and "Disconnect and forget all data" (connection.ts keeps the token).

export function connectionHandlers(worker: WorkerState): Pick<Handlers, 'connect' | 'replaceToken' | 'disconnect'> {
  /** After a connect or a token replaced: the schedule, tags stopped for the token, and a sync at once. */
  const afterConnect = async (result: ConnectResult) => {
    if (!result.ok) return result;
    worker.leadBudget.clear();
    ensureAlarm();
    await retryAfterReconnect();
    refreshOverlays();
    // The first full sync (or, after a token replaced, the due job) starts at once; progress is read with syncStatus.
    void worker.syncAndSignal('syncNow');
    return result;
  };

  return {
    connect: async ({ token, baseUrl, role, ownerEmail }) =>
      afterConnect(
        await connect(token, baseUrl, false, {
          ...(role ? { role } : {}),
          ...(ownerEmail !== undefined ? { ownerEmail } : {}),
        }),
      ),
    replaceToken: async ({ token }) => {
      const result = await replaceToken(token);
      // A sync paused by a 401 goes on from its checkpoints; parts refused for a scope are tried again.
      if (result.ok) await resumeAfterTokenReplaced();
      return afterConnect(result);
    },
    disconnect: async ({ discardUnsent }) => {
      const unsent = await unsentWrites();
      if (unsent.length > 0 && !discardUnsent) return { done: false, unsent };
      await stopSync();
      await disconnect();
      worker.leadBudget.clear();
      worker.forgetTeamSettings();
      refreshOverlays();
      return { done: true };
    },
  };
}
