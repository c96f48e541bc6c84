import { browser } from 'wxt/browser';
import { database } from '../db/db';
import { discard, enqueueTag, retryNow } from '../db/outbox';
import type { Handlers } from '../messaging/server';
import { validateTag } from '../tagging/tag-input';
import { drainOutbox } from './outbox-service';
import { openTagger } from './tagger-entry';
import type { WorkerState } from './worker-state';

// The tagger's messages: a source tag into the outbox (checked again here: a page is never trusted to have done so),
// the outbox list's retry and discard buttons, and the popup's "Tag lead source…".

export function taggingHandlers(
  worker: Pick<WorkerState, 'signalCache'>,
): Pick<Handlers, 'enqueueTag' | 'outboxAction' | 'openTagger'> {
  return {
    enqueueTag: async (draft) => {
      const name = [draft.create?.firstName, draft.create?.lastName].filter(Boolean).join(' ');
      const checked = validateTag({
        email: draft.email,
        source: draft.source,
        campaign: draft.campaign ?? '',
        url: draft.url ?? '',
        ...(name ? { name } : {}),
      });
      if (!checked.ok) return { ok: false as const, errors: checked.errors };
      const { tag } = checked;
      const create = draft.create
        ? {
            ...(draft.create.firstName?.trim() ? { firstName: draft.create.firstName.trim() } : {}),
            ...(draft.create.lastName?.trim() ? { lastName: draft.create.lastName.trim() } : {}),
          }
        : undefined;
      const row = await enqueueTag(
        database(),
        {
          email: tag.email,
          source: tag.source,
          ...(tag.campaign ? { campaign: tag.campaign } : {}),
          ...(tag.url ? { url: tag.url } : {}),
          taggedAt: Date.now(),
          ...(create ? { create } : {}),
        },
        Date.now(),
      );
      void worker.signalCache();
      void drainOutbox();
      return { ok: true as const, id: row.id };
    },
    outboxAction: async ({ id, action }) => {
      if (action === 'discard') await discard(database(), id);
      else {
        await retryNow(database(), id);
        void drainOutbox();
      }
      return { done: true };
    },
    openTagger: async ({ tabId }) => {
      const tab = tabId !== undefined ? await browser.tabs.get(tabId).catch(() => undefined) : undefined;
      await openTagger(tab);
      return { opened: true };
    },
  };
}
