import type { OverlayTranslate } from '../../lib/i18n/overlay';
import type { LeadContext } from '../../lib/messaging/protocol';
import { formatInstant } from '../../lib/overlay/format';
import type { OverlayRuntime } from './runtime';

// "Log this reply" in the hover card (issue #20), beside "Not a lead" and held to the same trust boundary: the action
// and its confirm control each act only on the user's own click (`button`), each click must pass the click guard
// (`deliberate`), and the confirm step puts focus on Cancel so a held Enter cannot confirm it. The write itself is the
// background's (lib/background/log-reply-service.ts), through the outbox.

/** What the card lends the action: its trusted buttons, its click guard and its way back to the plain actions. */
export interface CardHooks {
  actions: HTMLElement;
  button(text: string, act: () => void): HTMLButtonElement;
  deliberate(shownAt: number, actions: HTMLElement): boolean;
  /** Puts the card's own actions back and returns the control to focus. */
  back(): HTMLElement;
}

// Replies queued from this page: the action is not offered twice for one reply while the sync has not yet read it.
const queued = new Set<string>();

function paragraph(text: string, className: string): HTMLParagraphElement {
  const node = document.createElement('p');
  node.textContent = text;
  node.className = className;
  return node;
}

/** The action's button, or null when it is not offered (no such reply, a key that cannot, one already queued). */
export function logReplyAction(
  runtime: OverlayRuntime,
  lead: LeadContext,
  sentAt: number | undefined,
  hooks: CardHooks,
): HTMLButtonElement | null {
  const capability = runtime.logReply;
  const key = `${lead.id}:${sentAt}`;
  if (sentAt === undefined || !capability?.can || queued.has(key)) return null;
  const { t, language } = runtime;
  const { actions, button, deliberate, back } = hooks;
  const shownAt = performance.now();
  const confirmStep = () => {
    const stepShownAt = performance.now();
    const question = paragraph(t('card.logReplyQuestion', { time: formatInstant(sentAt, language) }), 'confirm');
    const confirm = button(t('card.logReplyConfirm'), () => {
      if (!deliberate(stepShownAt, actions)) return;
      confirm.disabled = true;
      // Mail clients print minutes: a reply sent in the minute of the lead's message reads as sent before it, and
      // logged at that minute HubSpot would place it before the message, where it answers nothing and the timer runs
      // on. It was sent after the message (answeredInMail, lib/overlay/mail-thread.ts), so it is logged after it.
      const loggedAt = lead.timer?.kind === 'inbound' ? Math.max(sentAt, lead.timer.since + 1000) : sentAt;
      void capability.send(lead, loggedAt).then((ok) => {
        if (ok) queued.add(key);
        const focus = back();
        const status = paragraph(t(ok ? 'card.logReplyQueued' : 'card.logReplyRefused'), 'confirm');
        status.setAttribute('role', 'status');
        status.dataset.testid = 'leadlens-card-log-status';
        actions.prepend(status);
        focus.focus();
      });
    });
    confirm.classList.add('danger');
    confirm.dataset.testid = 'leadlens-card-log-confirm';
    const cancel = button(t('card.cancel'), () => back().focus());
    actions.replaceChildren(question, confirm, cancel);
    cancel.focus();
  };
  const action = button(t('card.logReply'), () => {
    if (deliberate(shownAt, actions)) confirmStep();
  });
  action.dataset.testid = 'leadlens-card-log-reply';
  return action;
}

/** Under "answered in mail, not logged" when the key cannot create e-mails: the scopes it would need. */
export function logReplyNeeds(runtime: OverlayRuntime, t: OverlayTranslate): HTMLElement | null {
  const capability = runtime.logReply;
  if (!capability || capability.can) return null;
  const scopes = (capability.lacking ?? []).flat();
  if (scopes.length === 0) return null;
  const line = document.createElement('span');
  line.className = 'needs';
  // Its own line under the note, in the note's plain weight (the card's sheet belongs to hover-card.ts).
  line.style.display = 'block';
  line.style.fontWeight = '400';
  line.dataset.testid = 'leadlens-card-log-needs';
  line.textContent = t('card.logReplyNeedsScopes', { scopes: [...new Set(scopes)].join(', ') });
  return line;
}
