import { browser } from 'wxt/browser';
import type { Handlers } from '../messaging/server';
import { checkAlerts } from './alerts-service';
import { storedConnection } from './connection';
import { leadContext, leadsByDeal, leadsByName } from './lead-context';
import { lookUpMissing } from './on-demand-service';
import { queueNotALeadStatus } from './outbox-service';
import { refreshOverlays } from './overlay-refresh';
import { applyRepMark } from './rep-marks-store';
import { NO_TAB } from './tab-lead-budget';
import type { WorkerState } from './worker-state';

// The overlays' two messages: the leads a page shows, each with the rep's own marks, bounded per tab; and a rep's
// mark from a badge's card, accepted only for a lead that tab was shown.

export function leadContextHandlers(worker: WorkerState): Pick<Handlers, 'leadContext' | 'markLead'> {
  const extensionOrigin = browser.runtime.getURL('/');
  const fromLeadLensPage = (sender: { url?: string }) => sender.url?.startsWith(extensionOrigin) === true;
  const { leadBudget } = worker;

  return {
    leadContext: async (request, sender) => {
      const { settings } = await worker.teamSettings();
      const [byKey, byName, byDeal] = await Promise.all([
        leadContext(request, settings),
        leadsByName(request.names ?? [], settings),
        leadsByDeal(request.dealIds ?? [], settings),
      ]);
      const found = [...new Map([...byKey, ...byName.views, ...byDeal.views].map((view) => [view.id, view])).values()];
      const { marks } = await worker.portalMarks();
      // LeadLens's own pages are not bounded; a tab is, by the leads new to it (and a sender with neither is bounded
      // as one more tab).
      const tabId = fromLeadLensPage(sender) ? undefined : (sender.tab?.id ?? NO_TAB);
      // Rep scope: leads not in my cache are looked up on demand, within this tab's bound (on-demand-service.ts).
      found.push(...(await lookUpMissing(request, found, settings, tabId, leadBudget)));
      const { admitted, limited } =
        tabId === undefined
          ? { admitted: new Set(found.map((lead) => lead.id)), limited: false }
          : leadBudget.admit(
              tabId,
              found.map((lead) => lead.id),
            );
      const now = Date.now();
      const leads = found
        .filter((lead) => admitted.has(lead.id))
        .map((lead) => {
          const until = marks?.snoozedUntil.get(lead.id);
          return {
            ...lead,
            ...(until !== undefined && until > now ? { snoozedUntil: until } : {}),
            ...(marks?.notALead.has(lead.id) ? { notALead: true } : {}),
          };
        });
      // A name answers only with a lead the bound admitted, as an address does.
      const named = byName.named.filter(({ id }) => admitted.has(id));
      const dealLeads = byDeal.dealLeads.filter(({ id }) => admitted.has(id));
      return {
        leads,
        ...(limited ? { limited: true } : {}),
        ...(named.length > 0 ? { named } : {}),
        ...(byName.unread ? { namesUnread: true } : {}),
        ...(dealLeads.length > 0 ? { dealLeads } : {}),
      };
    },
    markLead: async ({ contactId, mark }, sender) => {
      const connection = await storedConnection();
      const tabId = sender.tab?.id ?? NO_TAB;
      // Only a lead this tab was shown (a badge exists for it) can be marked from it: a page cannot mark, or make
      // LeadLens write to, contacts it merely guesses. A write ("Not a lead") is also bounded per tab: the card's two
      // trusted clicks hold a page back, this holds back a content-script world that skips the card.
      if (!connection || !leadBudget.wasAnswered(tabId, contactId)) return { done: false };
      if (mark === 'notALead' && !leadBudget.allowWrite(tabId)) return { done: false };
      const result = await applyRepMark(connection.portal.portalId, contactId, mark, Date.now());
      if (result.newlyNotALead && (await queueNotALeadStatus(contactId))) void worker.signalCache();
      refreshOverlays();
      void checkAlerts();
      return {
        done: true,
        notALead: result.notALead,
        ...(result.snoozedUntil !== undefined ? { snoozedUntil: result.snoozedUntil } : {}),
      };
    },
  };
}
