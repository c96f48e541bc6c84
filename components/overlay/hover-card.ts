import { localeOf, type Translate } from '../../lib/i18n';
import { type LeadContext, stageText, timerFace, truncate, visibleTimer } from '../../lib/overlay/badge-model';
import { recordUrl } from '../../lib/overlay/hubspot/page';
import type { OverlayRuntime } from './runtime';

// One card per page, in its own shadow root, filled on demand for the badge being hovered or focused. Plain DOM and
// textContent, like the badges. It stays open while the pointer is over it or focus is inside it, so its actions
// and link are reachable with the mouse and the keyboard.

export const CARD_TAG = 'leadlens-card';

const CSS = `
:host { all: initial; position: fixed; z-index: 2147483001; }
:host([hidden]) { display: none; }
.card { box-sizing: border-box; inline-size: 300px; max-inline-size: 90vw; background: #fff; color: #1f2933;
  border: 1px solid #c5ced8; border-radius: 8px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.18); padding: 12px;
  font: 13px/1.45 system-ui, "Segoe UI", Arial, "Noto Sans Hebrew", sans-serif; }
h2 { font-size: 14px; margin: 0 0 2px; overflow-wrap: anywhere; }
.email { color: #52606d; margin: 0 0 8px; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 8px; }
dt { color: #52606d; } dd { margin: 0; overflow-wrap: anywhere; }
.sla[data-state="ok"] { color: #1b7f3b; } .sla[data-state="due"] { color: #8a5300; } .sla[data-state="overdue"] { color: #b42318; font-weight: 600; }
.stale { background: #fff4e5; color: #8a5300; border-radius: 4px; padding: 4px 6px; margin: 0 0 8px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
button, a { font: inherit; font-size: 12px; border: 1px solid #0b6bcb; border-radius: 6px; padding: 3px 8px;
  background: #fff; color: #0b6bcb; cursor: pointer; text-decoration: none; }
a { background: #0b6bcb; color: #fff; }
button:focus-visible, a:focus-visible { outline: 2px solid #ffbf47; outline-offset: 1px; }
`;

const STALE_AFTER_MS = 15 * 60_000;

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

export class HoverCard {
  readonly host: HTMLElement;
  private readonly card: HTMLDivElement;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;
  private current: LeadContext | null = null;

  constructor(
    private readonly runtime: () => OverlayRuntime,
    signal: AbortSignal,
  ) {
    this.host = el(CARD_TAG as 'div');
    this.host.dataset.leadlens = 'card';
    this.host.hidden = true;
    const shadow = this.host.attachShadow({ mode: 'open' });
    this.card = el('div', undefined, 'card');
    this.card.setAttribute('role', 'dialog');
    this.card.setAttribute('data-testid', 'leadlens-card');
    shadow.append(el('style', CSS), this.card);
    this.card.addEventListener('mouseenter', () => this.cancelHide());
    this.card.addEventListener('mouseleave', () => this.hide());
    this.card.addEventListener('focusout', (event) => {
      if (!this.card.contains(event.relatedTarget as Node | null)) this.hide();
    });
    this.card.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    document.documentElement.append(this.host);
    signal.addEventListener('abort', () => this.host.remove(), { once: true });
  }

  show(anchor: HTMLElement, lead: LeadContext): void {
    this.cancelHide();
    this.current = lead;
    this.fill(lead);
    this.host.hidden = false;
    const box = anchor.getBoundingClientRect();
    const runtime = this.runtime();
    const width = 300;
    const start = runtime.dir === 'rtl' ? Math.max(8, box.right - width) : Math.min(box.left, innerWidth - width - 8);
    this.host.style.left = `${Math.max(8, start)}px`;
    const below = box.bottom + 6;
    this.host.style.top = `${below + 260 > innerHeight ? Math.max(8, box.top - 266) : below}px`;
  }

  /** Hides after a short grace, so the pointer can travel from the badge into the card. */
  hide(): void {
    this.cancelHide();
    this.hideTimer = setTimeout(() => this.close(), 250);
  }

  close(): void {
    this.cancelHide();
    this.host.hidden = true;
    this.current = null;
  }

  get lead(): LeadContext | null {
    return this.current;
  }

  private cancelHide(): void {
    if (this.hideTimer !== null) clearTimeout(this.hideTimer);
    this.hideTimer = null;
  }

  private fill(lead: LeadContext): void {
    const runtime = this.runtime();
    const { t } = runtime;
    this.card.dir = runtime.dir;
    this.card.lang = runtime.language;
    const now = runtime.now();
    const dates = new Intl.DateTimeFormat(localeOf(runtime.language), { dateStyle: 'medium', timeStyle: 'short' });
    const time = new Intl.DateTimeFormat(localeOf(runtime.language), { timeStyle: 'short' });
    const money = new Intl.NumberFormat(localeOf(runtime.language), {
      style: 'currency',
      currency: runtime.portal?.currency ?? 'USD',
      maximumFractionDigits: 0,
    });

    const rows: Array<[string, string, string?]> = [
      [t('card.stage'), stageText(lead, t)],
      ...((lead.leadStatusLabel ?? lead.leadStatus)
        ? [[t('card.leadStatus'), truncate(lead.leadStatusLabel ?? lead.leadStatus ?? '', 60)] as [string, string]]
        : []),
      [t('card.owner'), lead.ownerName ? truncate(lead.ownerName, 60) : t('card.noOwner')],
      [t('card.source'), truncate(lead.effectiveSource, 60)],
      timerRow(lead, now, runtime, t),
      [
        t('card.firstResponse'),
        lead.firstResponseAt !== undefined ? dates.format(lead.firstResponseAt) : t('card.noResponse'),
      ],
      [t('card.openDeals'), money.format(lead.openDealValue)],
    ];
    const list = el('dl');
    for (const [term, value, state] of rows) {
      const dd = el('dd', value);
      if (state) {
        dd.className = 'sla';
        dd.dataset.state = state;
      }
      list.append(el('dt', term), dd);
    }

    const children: Node[] = [
      el('h2', truncate(lead.name || lead.email, 80)),
      el('p', truncate(lead.email, 120), 'email'),
    ];
    if (runtime.asOf !== undefined && now - runtime.asOf > STALE_AFTER_MS) {
      children.push(el('p', t('card.stale', { time: time.format(runtime.asOf) }), 'stale'));
    }
    children.push(list);
    if (runtime.asOf !== undefined)
      children.push(el('p', t('card.asOf', { time: time.format(runtime.asOf) }), 'email'));

    const actions = el('div', undefined, 'actions');
    if (runtime.portal) {
      const link = el('a', t('card.openInHubSpot'));
      link.href = recordUrl(runtime.portal.uiDomain, runtime.portal.portalId, 'contact', lead.id);
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      actions.append(link);
    }
    for (const action of ['snooze1h', 'snoozeTomorrow', 'notALead'] as const) {
      const button = el('button', t(`card.${action}`));
      button.type = 'button';
      button.addEventListener('click', () => {
        runtime.act(action, lead);
        this.close();
      });
      actions.append(button);
    }
    children.push(actions);
    this.card.replaceChildren(...children);
  }
}

function timerRow(lead: LeadContext, now: number, runtime: OverlayRuntime, t: Translate): [string, string, string?] {
  const timer = runtime.notALead.has(lead.id)
    ? null
    : visibleTimer(lead, now, runtime.rules, runtime.snoozedUntil.get(lead.id));
  if (!timer) return [t('card.timer'), t('card.noTimer')];
  const face = timerFace(timer, now, runtime.minutesBetween, runtime.language);
  const waiting = t(timer.kind === 'open' ? 'badge.waitingOpen' : 'badge.waitingInbound', { time: face.text });
  return [t('card.timer'), `${waiting} — ${t(`sla.${face.state}`)}`, face.state];
}
