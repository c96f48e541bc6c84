import { localeOf } from '../../lib/i18n/language';
import type { OverlayTranslate } from '../../lib/i18n/overlay';
import { leadStatusText, markedTimer, sourceText, stageText, timerFace, truncate } from '../../lib/overlay/badge-model';
import { assignmentClocks } from '../../lib/overlay/lead-clock';
import type { LeadContext } from '../../lib/messaging/protocol';
import { formatInstant, formatMoney, formatWaiting } from '../../lib/overlay/format';
import { recordUrl } from '../../lib/crm/hubspot/urls';
import { checkCardClick } from '../../lib/overlay/click-guard';
import { palette } from '../../lib/overlay/palette';
import { isTrustedEvent } from '../../lib/overlay/trusted-event';
import { logReplyAction, logReplyNeeds } from './log-reply-action';
import type { CardOptions, OverlayRuntime } from './runtime';

// One card per page, in its own shadow root, filled on demand for the badge being hovered or focused. Plain DOM and
// textContent, like the badges. A non-modal dialog: hover or focus on a badge shows it; a click, Enter or Space (or
// Tab from the badge) moves focus into it, where Tab cycles through its controls, and Escape or the close button
// closes it and puts focus back on the badge. It stays open while the pointer is over it or focus is inside it.
// Its shadow root is closed and every handler that acts asks `isTrustedEvent`: a page script can neither read the
// lead in it nor press its buttons. "Not a lead" may write a lead status to HubSpot, so it asks for a second
// trusted click on a confirm control before anything is sent; snoozes are local to this browser and act at once.

// The host is a plain `div`, marked only with `data-leadlens`: a custom-element name would let a page that defined it
// first take the closed root through `attachInternals()` (see badge.ts). Generic font families only, no `part`.

const TITLE_ID = 'leadlens-card-title';

export const CARD_CSS = `
:host { all: initial; position: fixed; z-index: 2147483001; }
:host([hidden]) { display: none; }
.card { box-sizing: border-box; inline-size: 300px; max-inline-size: 90vw; background: ${palette.cardBackground};
  color: ${palette.text}; border: 1px solid ${palette.badgeBorder}; border-radius: 8px;
  box-shadow: 0 6px 24px rgb(0 0 0 / 0.18); padding: 12px;
  font: 13px/1.45 system-ui, sans-serif; }
.card:focus { outline: none; }
.head { display: flex; align-items: flex-start; gap: 8px; }
h2 { flex: 1; font-size: 14px; margin: 0 0 2px; overflow-wrap: anywhere; }
.email { color: ${palette.mutedText}; margin: 0 0 8px; overflow-wrap: anywhere; }
.clock { color: ${palette.mutedText}; margin: 0 0 8px; font-size: 12px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 8px; }
dt { color: ${palette.mutedText}; } dd { margin: 0; overflow-wrap: anywhere; }
dd span { display: block; }
.sla[data-state="ok"] { color: ${palette.ok}; } .sla[data-state="due"] { color: ${palette.due}; }
.sla[data-state="overdue"] { color: ${palette.overdue}; font-weight: 600; }
.stale, .note { background: ${palette.staleBackground}; color: ${palette.due}; border-radius: 4px; padding: 4px 6px;
  margin: 0 0 8px; }
.note { background: ${palette.noteBackground}; font-weight: 600; }
.note a { display: block; font-weight: 400; color: ${palette.action}; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
.confirm, .retry { flex-basis: 100%; margin: 0; font-weight: 600; }
.retry { color: ${palette.due}; }
button.danger { background: ${palette.action}; color: ${palette.onAction}; }
button, .actions a { font: inherit; font-size: 12px; border: 1px solid ${palette.action}; border-radius: 6px;
  padding: 3px 8px; background: ${palette.cardBackground}; color: ${palette.action}; cursor: pointer;
  text-decoration: none; }
.actions a { background: ${palette.action}; color: ${palette.onAction}; }
button.close { flex: none; inline-size: 24px; block-size: 24px; padding: 0; line-height: 1; font-size: 16px;
  border-color: ${palette.badgeBorder}; color: ${palette.text}; }
button:focus-visible, a:focus-visible { outline: 2px solid ${palette.cardFocus}; outline-offset: 1px; }
`;

const STALE_AFTER_MS = 15 * 60_000;

/** Lifecycle stages in their funnel order, for the card's stage dates. */
const STAGE_ORDER = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

interface Row {
  term: string;
  /** One line, or several (stage dates). */
  value: string | string[];
  state?: string;
}

export class HoverCard {
  readonly host: HTMLElement;
  private readonly card: HTMLDivElement;
  /** Closed: the page cannot reach it through `host.shadowRoot`, so the card keeps its own reference. */
  private readonly shadow: ShadowRoot;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;
  private current: LeadContext | null = null;
  /** The badge the card belongs to; focus goes back there on Escape. */
  private anchor: HTMLElement | null = null;
  private pointerInside = false;
  /** Set while focus is put back on the badge, whose focus handler would otherwise open the card again. */
  private restoring = false;
  /** Where `place()` last put the host and when it moved there (`performance.now()`), for the clickjacking guard. */
  private placed = { left: Number.NaN, top: Number.NaN };
  private placedAt = 0;

  constructor(
    private readonly runtime: () => OverlayRuntime,
    signal: AbortSignal,
  ) {
    this.host = el('div');
    this.host.dataset.leadlens = 'card';
    this.host.hidden = true;
    const shadow = this.host.attachShadow({ mode: 'closed' });
    this.shadow = shadow;
    this.card = el('div', undefined, 'card');
    this.card.setAttribute('role', 'dialog');
    this.card.setAttribute('aria-labelledby', TITLE_ID);
    this.card.setAttribute('data-testid', 'leadlens-card');
    this.card.tabIndex = -1;
    shadow.append(el('style', CARD_CSS), this.card);
    this.card.addEventListener('mouseenter', (event) => {
      if (!isTrustedEvent(event)) return;
      this.pointerInside = true;
      this.cancelHide();
    });
    this.card.addEventListener('mouseleave', (event) => {
      if (!isTrustedEvent(event)) return;
      this.pointerInside = false;
      this.hide();
    });
    this.card.addEventListener('focusout', (event) => {
      if (!this.card.contains(event.relatedTarget as Node | null)) this.hide();
    });
    this.card.addEventListener('keydown', (event) => {
      if (!isTrustedEvent(event)) return;
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close({ restoreFocus: true });
      } else if (event.key === 'Tab') {
        this.cycle(event);
      }
    });
    document.documentElement.append(this.host);
    signal.addEventListener('abort', () => this.host.remove(), { once: true });
  }

  show(anchor: HTMLElement, lead: LeadContext, options: CardOptions = {}): void {
    // Escape put focus back on the badge; its focus handler must not open the card it just closed.
    if (this.restoring) return;
    this.cancelHide();
    if (this.anchor && this.anchor !== anchor) this.anchor.setAttribute('aria-expanded', 'false');
    this.anchor = anchor;
    anchor.setAttribute('aria-expanded', 'true');
    this.current = lead;
    this.fill(lead, options);
    this.host.hidden = false;
    this.place(anchor);
    if (options.focus) this.focusFirst();
  }

  /** Hides after a short grace, so the pointer can travel from the badge into the card; never under focus. */
  hide(): void {
    this.cancelHide();
    this.hideTimer = setTimeout(() => {
      this.hideTimer = null;
      if (!this.pointerInside && !this.hasFocus) this.close();
    }, 250);
  }

  close(options: { restoreFocus?: boolean } = {}): void {
    this.cancelHide();
    const anchor = this.anchor;
    const hadFocus = this.hasFocus;
    this.host.hidden = true;
    this.current = null;
    this.anchor = null;
    this.pointerInside = false;
    anchor?.setAttribute('aria-expanded', 'false');
    if (options.restoreFocus && hadFocus && anchor?.isConnected) {
      this.restoring = true;
      try {
        anchor.focus();
      } finally {
        this.restoring = false;
      }
    }
  }

  enter(anchor: HTMLElement): boolean {
    if (this.host.hidden || this.anchor !== anchor) return false;
    this.focusFirst();
    return true;
  }

  get lead(): LeadContext | null {
    return this.current;
  }

  private get hasFocus(): boolean {
    const active = this.shadow.activeElement;
    return active !== null && this.card.contains(active);
  }

  private controls(): HTMLElement[] {
    return [...this.card.querySelectorAll<HTMLElement>('button, a[href]')].filter((control) => !control.hidden);
  }

  private focusFirst(): void {
    (this.controls()[0] ?? this.card).focus();
  }

  /** Tab and Shift+Tab stay among the card's controls while it is open; Escape is the way out. */
  private cycle(event: KeyboardEvent): void {
    const controls = this.controls();
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (!first || !last) return;
    const active = this.shadow.activeElement;
    if (event.shiftKey && (active === first || active === this.card)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  private cancelHide(): void {
    if (this.hideTimer !== null) clearTimeout(this.hideTimer);
    this.hideTimer = null;
  }

  private place(anchor: HTMLElement): void {
    const box = anchor.getBoundingClientRect();
    const runtime = this.runtime();
    const width = 300;
    const height = this.card.offsetHeight || 320;
    const start = runtime.dir === 'rtl' ? Math.max(8, box.right - width) : Math.min(box.left, innerWidth - width - 8);
    const left = Math.max(8, start);
    const below = box.bottom + 6;
    const top = below + height > innerHeight ? Math.max(8, box.top - height - 6) : below;
    this.host.style.left = `${left}px`;
    this.host.style.top = `${top}px`;
    // Hovering the same badge again puts the card where it was: that is no move, and must not restart the wait.
    if (left !== this.placed.left || top !== this.placed.top) {
      this.placed = { left, top };
      this.placedAt = performance.now();
    }
  }

  /**
   * A CRM-writing click counts only when the control has been in view, unmoved, for a moment, and the card is
   * rendered as itself (not faded, hidden, transformed or moved by page CSS): otherwise the user may have been
   * clicking a decoy the page put over an invisible card (see lib/overlay/click-guard.ts). A refused click says so
   * in the card, so a user who was only quick clicks again.
   */
  private deliberate(controlShownAt: number, actions: HTMLElement): boolean {
    const verdict = checkCardClick(this.host, { controlShownAt, placedAt: this.placedAt, placed: this.placed });
    if (verdict.ok) return true;
    if (!actions.querySelector('.retry')) {
      const retry = el('p', this.runtime().t('card.clickAgain'), 'retry');
      retry.setAttribute('role', 'status');
      actions.prepend(retry);
    }
    return false;
  }

  private fill(lead: LeadContext, options: CardOptions): void {
    const runtime = this.runtime();
    const { t, language } = runtime;
    this.card.dir = runtime.dir;
    this.card.lang = language;
    const now = runtime.now();
    const time = new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short' });
    const when = (at: number | undefined, none: string) => (at !== undefined ? formatInstant(at, language) : none);

    const rows: Row[] = [{ term: t('card.stage'), value: stageText(lead, t) }];
    const stageDates = Object.entries(lead.stageDates ?? {}).sort(
      ([a, atA], [b, atB]) => atA - atB || STAGE_ORDER.indexOf(a) - STAGE_ORDER.indexOf(b),
    );
    if (stageDates.length > 0) {
      rows.push({
        term: t('card.stageDates'),
        value: stageDates.map(([stage, at]) => `${stageText({ stage }, t)} · ${formatInstant(at, language, 'date')}`),
      });
    }
    const status = leadStatusText(lead, t);
    if (status) rows.push({ term: t('card.leadStatus'), value: truncate(status, 60) });
    rows.push(
      { term: t('card.temperature'), value: t(`temperature.${lead.temperature}`) },
      { term: t('card.owner'), value: lead.ownerName ? truncate(lead.ownerName, 60) : t('card.noOwner') },
      { term: t('card.source'), value: truncate(sourceText(lead, t), 60) },
      timerRow(lead, now, runtime, t),
      ...assignmentRows(lead, now, runtime, t),
      { term: t('card.firstResponse'), value: when(lead.firstResponseAt, t('card.noResponse')) },
      { term: t('card.lastInbound'), value: when(lead.lastInboundAt, t('card.noTouch')) },
      { term: t('card.lastOutbound'), value: when(lead.lastOutboundAt, t('card.noTouch')) },
      { term: t('card.openDeals'), value: formatMoney(lead.openDealValue, language, runtime.portal?.currency) },
    );
    const list = el('dl');
    for (const { term, value, state } of rows) {
      const dd = typeof value === 'string' ? el('dd', value) : el('dd');
      if (typeof value !== 'string') dd.append(...value.map((line) => el('span', line)));
      if (state) {
        dd.className = 'sla';
        dd.dataset.state = state;
      }
      list.append(el('dt', term), dd);
    }

    const title = el('h2', truncate(lead.name || lead.email, 80));
    title.id = TITLE_ID;
    const close = el('button', '×', 'close');
    close.type = 'button';
    close.setAttribute('aria-label', t('card.close'));
    close.title = t('card.close');
    close.addEventListener('click', (event) => {
      if (isTrustedEvent(event)) this.close({ restoreFocus: true });
    });
    // A div, not <header>: a <header> outside sectioning content is a "banner" landmark, and the host page (Gmail)
    // has its own; a second one confuses landmark navigation. The heading names the dialog.
    const header = el('div', undefined, 'head');
    header.append(title, close);

    const children: Node[] = [header, el('p', truncate(lead.email, 120), 'email')];
    if (runtime.business) {
      const clock = el('p', t('card.businessTime', { zone: runtime.business.timezone }), 'clock');
      clock.dataset.testid = 'leadlens-card-clock';
      children.push(clock);
    }
    if (runtime.asOf !== undefined && now - runtime.asOf > STALE_AFTER_MS) {
      children.push(el('p', t('card.stale', { time: time.format(runtime.asOf) }), 'stale'));
    }
    const record = runtime.portal
      ? recordUrl(runtime.portal.uiDomain, runtime.portal.portalId, 'contact', lead.id)
      : undefined;
    if (options.answeredInMailAt !== undefined) {
      const note = el('p', t('overlay.answeredNotLogged'), 'note');
      note.setAttribute('role', 'note');
      note.dataset.testid = 'leadlens-card-answered';
      if (record) note.append(link(record, t('overlay.logIt')));
      const needs = logReplyNeeds(runtime, t);
      if (needs) note.append(needs);
      children.push(note);
    }
    children.push(list);
    if (lead.lookedUpUntil !== undefined) {
      const until = new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' });
      const lookedUp = el('p', t('card.lookedUp', { time: until.format(lead.lookedUpUntil) }), 'email');
      lookedUp.dataset.testid = 'leadlens-card-looked-up';
      children.push(lookedUp);
    }
    if (runtime.asOf !== undefined)
      children.push(el('p', t('card.asOf', { time: time.format(runtime.asOf) }), 'email'));

    const actions = el('div', undefined, 'actions');
    const showActions = () => {
      const shownAt = performance.now();
      const controls: Node[] = record ? [link(record, t('card.openInHubSpot'))] : [];
      for (const mark of ['snooze1h', 'snoozeTomorrow'] as const) {
        controls.push(
          this.button(t(`card.${mark}`), () => {
            void runtime.mark(mark, lead);
            this.close({ restoreFocus: true });
          }),
        );
      }
      const notALead = this.button(t('card.notALead'), () => {
        if (this.deliberate(shownAt, actions)) askToConfirm();
      });
      controls.push(notALead);
      const hooks = {
        actions,
        button: this.button.bind(this),
        deliberate: this.deliberate.bind(this),
        back: showActions,
      };
      const logReply = logReplyAction(runtime, lead, options.answeredInMailAt, hooks);
      if (logReply) controls.push(logReply);
      actions.replaceChildren(...controls);
      return notALead;
    };
    // The confirm step replaces the actions in place: the question, the confirm control and a way back. Focus goes
    // to Cancel, so a held or repeated Enter on "Not a lead" cannot confirm it.
    const askToConfirm = () => {
      const shownAt = performance.now();
      const question = el('p', t('card.notALeadQuestion'), 'confirm');
      const confirm = this.button(t('card.notALeadConfirm'), () => {
        if (!this.deliberate(shownAt, actions)) return;
        void runtime.mark('notALead', lead);
        this.close({ restoreFocus: true });
      });
      confirm.classList.add('danger');
      const cancel = this.button(t('card.cancel'), () => showActions().focus());
      actions.replaceChildren(question, confirm, cancel);
      cancel.focus();
    };
    showActions();
    children.push(actions);
    this.card.replaceChildren(...children);
  }

  /** A card button whose action runs on the user's own click (or Enter/Space on it) only. */
  private button(text: string, act: () => void): HTMLButtonElement {
    const button = el('button', text);
    button.type = 'button';
    button.addEventListener('click', (event) => {
      if (isTrustedEvent(event)) act();
    });
    return button;
  }
}

function link(href: string, text: string): HTMLAnchorElement {
  const anchor = el('a', text);
  anchor.href = href;
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer';
  return anchor;
}

function timerRow(lead: LeadContext, now: number, runtime: OverlayRuntime, t: OverlayTranslate): Row {
  const timer = markedTimer(lead, now, runtime.rules);
  if (!timer) return { term: t('card.timer'), value: t('card.noTimer') };
  const face = timerFace(timer, now, runtime.minutesBetween, runtime.language);
  const waiting = t(timer.kind === 'open' ? 'badge.waitingOpen' : 'badge.waitingInbound', { time: face.text });
  const value = `${waiting} — ${t(`sla.${face.state}`)}`;
  if (!runtime.business) return { term: t('card.timer'), value, state: face.state };
  // Business time on the badge; the time in all beside it, so a rep who sees "0s" at night knows why.
  const inAll = t('card.inAll', { time: formatWaiting(now - timer.since, runtime.language) });
  return { term: t('card.timer'), value: [value, inAll], state: face.state };
}

/**
 * The routing delay and the response clock from assignment (METRICS.md, "Two clocks"), beside the timer from
 * creation; on the same clock. Nothing when the assignment date says nothing of routing.
 */
function assignmentRows(lead: LeadContext, now: number, runtime: OverlayRuntime, t: OverlayTranslate): Row[] {
  const clocks = assignmentClocks(lead, now, runtime.minutesBetween);
  const time = (minutes: number) => formatWaiting(minutes * 60_000, runtime.language);
  const rows: Row[] = [];
  if (clocks.routingMinutes !== undefined)
    rows.push({ term: t('card.routingDelay'), value: time(clocks.routingMinutes) });
  if (clocks.fromAssignment)
    rows.push({
      term: t('card.fromAssignment'),
      value: t(clocks.fromAssignment.running ? 'card.fromAssignmentRunning' : 'card.fromAssignmentAnswered', {
        time: time(clocks.fromAssignment.minutes),
      }),
    });
  return rows;
}
