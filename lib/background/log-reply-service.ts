import { scopesNamed } from '../crm/hubspot/feature-scopes';
import { database } from '../db/db';
import { enqueueEmailReply } from '../db/outbox';
import { resolveLanguage, translator } from '../i18n';
import type { Handlers } from '../messaging/server';
import { loadSettings } from '../settings/storage';
import { browser } from 'wxt/browser';
import { type Connection, featureCheck, storedConnection } from './connection';
import { drainOutbox } from './outbox-service';
import { NO_TAB } from './tab-lead-budget';
import type { WorkerState } from './worker-state';

// "Log this reply" (issue #20): the card's confirmed action on "answered in mail, not logged". The card asks only
// after its trusted clicks and click guard (components/overlay/hover-card.ts); here, as for "Not a lead", the
// background holds the line again: a lead this tab was shown, the tab's write budget, a key that can create e-mails,
// and a sent time that is plausible. The write goes through the outbox, so offline, a 429 or an expired token keep it.

/** How far back a reply may be logged: the inbound timers' own window (14 days by default) with room to spare. */
const OLDEST_REPLY_MS = 60 * 86_400_000;
/** Mail clients print minutes; a reply "sent" more than this ahead of our clock is a date read wrongly. */
const FUTURE_SLACK_MS = 2 * 60_000;

/** What the overlays need to offer the action: whether the key can, and otherwise the scopes it needs. */
export interface LogReplyCapability {
  can: boolean;
  /** When it cannot: the scopes to add, one list per alternative (any one list will do). */
  lacking?: string[][];
}

/**
 * From what the key was probed able to do when it was connected (lib/crm/hubspot/feature-scopes.ts, feature
 * `logReply`). A connection kept from before the probe, or a probe with no answer, counts as cannot: the card names
 * the scopes and links the record, as before.
 */
export function logReplyCapability(connection: Pick<Connection, 'features'>): LogReplyCapability {
  const check = featureCheck(connection, 'logReply');
  if (check?.state === 'can') return { can: true };
  // The first alternative of each lacking part: what to add, in the fewest scopes.
  const lacking = check?.lacking.flatMap((part) => part.lacking.slice(0, 1)).filter((set) => set.length > 0) ?? [];
  return { can: false, lacking: lacking.length > 0 ? lacking : [scopesNamed('logReply')] };
}

export function logReplyHandlers(worker: WorkerState): Pick<Handlers, 'logReply'> {
  const { leadBudget } = worker;
  return {
    logReply: async ({ contactId, sentAt }, sender) => {
      const connection = await storedConnection();
      const tabId = sender.tab?.id ?? NO_TAB;
      // Only a lead this tab was shown, as for a rep's mark: a page cannot make LeadLens write to contacts it guesses.
      if (!connection || !leadBudget.wasAnswered(tabId, contactId)) return { queued: false };
      const capability = logReplyCapability(connection);
      if (!capability.can) return { queued: false, ...(capability.lacking ? { lacking: capability.lacking } : {}) };
      const now = Date.now();
      if (sentAt > now + FUTURE_SLACK_MS || sentAt < now - OLDEST_REPLY_MS) return { queued: false };
      if (!leadBudget.allowWrite(tabId)) return { queued: false };
      const { settings } = await worker.teamSettings();
      const language = resolveLanguage((await loadSettings()).settings.language, browser.i18n.getUILanguage());
      const row = await enqueueEmailReply(
        database(),
        contactId,
        {
          sentAt,
          subject: translator(language)('logReply.subject'),
          ...(settings.myOwnerId ? { ownerId: settings.myOwnerId } : {}),
        },
        now,
      );
      if (!row) return { queued: false };
      void drainOutbox();
      return { queued: true };
    },
  };
}
