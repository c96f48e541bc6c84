import {
  badgeDescription,
  badgeLabel,
  lastTouchAt,
  leadStatusText,
  markedTimer,
  sourceText,
  stageText,
  timerFace,
  truncate,
} from '../../lib/overlay/badge-model';
import type { BadgeTimer } from '../../lib/metrics/lead-view';
import type { LeadContext } from '../../lib/messaging/protocol';
import { formatInstant, formatMoney } from '../../lib/overlay/format';
import { recordUrl } from '../../lib/crm/hubspot/urls';
import { palette } from '../../lib/overlay/palette';
import { isTrustedEvent } from '../../lib/overlay/trusted-event';
import type { OverlayRuntime } from './runtime';

// A badge is plain DOM in its own shadow root: hundreds of them on an inbox must cost microseconds each, Gmail's
// Trusted Types forbid innerHTML, and the page's CSS must not reach in. Text goes in through textContent only.
// The root is closed and the host carries nothing about the lead: the host sits in the page's own DOM, where any
// script of the page can read attributes and walk open shadow roots (issue #14). What the lead is, its SLA and the
// "answered" note live only inside the closed root.
// The host is a plain `span`, never a custom element: a page that defined `leadlens-badge` first would run its own
// constructor on our host, and `attachInternals()` there hands it the closed root (ElementInternals.shadowRoot).
// A `span` cannot be a custom element and accepts attachShadow. It carries `data-leadlens` and nothing else, so
// even chip or strip is said inside the root. No `part` attribute (page CSS would reach in through `::part()`) and
// only generic font families: a page's @font-face can redefine any named family, and a font whose glyphs differ by
// unicode-range would tell the page which characters the badge shows.

export const BADGE_CSS = `
:host { all: initial; display: inline-flex; vertical-align: middle; margin-inline: 4px; max-inline-size: 100%; }
button { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 4px; cursor: pointer;
  font: 600 11px/16px system-ui, sans-serif; color: ${palette.text};
  background: ${palette.badgeBackground}; border: 1px solid ${palette.badgeBorder}; border-radius: 999px; padding: 0 6px;
  white-space: nowrap; max-inline-size: min(22em, 100%); min-inline-size: 0; }
button:focus-visible { outline: 2px solid ${palette.focus}; outline-offset: 1px; }
.temp { inline-size: 7px; block-size: 7px; border-radius: 50%; flex: none; }
.temp[data-t="hot"] { background: ${palette.hot}; } .temp[data-t="warm"] { background: ${palette.warm}; }
.temp[data-t="cold"] { background: ${palette.cold}; }
.stage { overflow: hidden; text-overflow: ellipsis; }
.timer { border-radius: 999px; padding: 0 5px; color: ${palette.onTimer}; font-variant-numeric: tabular-nums; }
.timer[hidden] { display: none; }
.timer[data-state="ok"] { background: ${palette.ok}; } .timer[data-state="due"] { background: ${palette.due}; }
.timer[data-state="overdue"] { background: ${palette.overdue}; }
button.looked-up { border-style: dashed; }
button.strip { font-size: 12px; line-height: 20px; padding: 2px 10px; border-radius: 6px; max-inline-size: 100%; }
.extra { font-weight: 400; color: ${palette.mutedText}; overflow: hidden; text-overflow: ellipsis; }
.note { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; margin-block: 4px 0; padding: 2px 8px;
  border-radius: 6px; background: ${palette.noteBackground}; color: ${palette.due};
  font: 600 12px/18px system-ui, sans-serif; }
.note[hidden] { display: none; }
.note a { color: ${palette.action}; font-weight: 400; }
.note a:focus-visible { outline: 2px solid ${palette.focus}; outline-offset: 1px; }
`;

/** A strip's host is a block under the heading; a second sheet, since the host says nothing of its variant. */
export const STRIP_HOST_CSS = ':host { display: block; margin-block: 6px; margin-inline: 0; }';

const sharedSheets = new Map<string, CSSStyleSheet | null>();

/**
 * One constructed stylesheet adopted by every badge's shadow root, so a hundred badges parse their CSS once, not a
 * hundred times. Where constructable sheets are missing (older Firefox content scripts), each root gets a <style>.
 */
function adoptStyles(shadow: ShadowRoot, variant: 'chip' | 'strip'): void {
  const css = variant === 'strip' ? `${BADGE_CSS}\n${STRIP_HOST_CSS}` : BADGE_CSS;
  let sheet = sharedSheets.get(variant);
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      sheet = null;
    }
    sharedSheets.set(variant, sheet);
  }
  if (sheet) {
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

export class LeadBadge {
  readonly host: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly temperature: HTMLSpanElement;
  private readonly stage: HTMLSpanElement;
  private readonly timerText: HTMLSpanElement;
  private readonly extra: HTMLSpanElement | null;
  /** The accessible description (wait in whole minutes, its clock, the cache's "as of"): hidden, referenced by id. */
  private readonly description: HTMLSpanElement;
  private describedBy = '';
  /** Strip only: "answered in mail, not logged", with a link to the record to log it. */
  private readonly note: { box: HTMLDivElement; text: HTMLSpanElement; link: HTMLAnchorElement } | null;
  private timer: BadgeTimer | null = null;
  /** When our reply in the opened mail thread was sent, if HubSpot has no touch for it (set by the page overlay). */
  private answeredAt: number | null = null;

  constructor(
    public lead: LeadContext,
    readonly variant: 'chip' | 'strip',
    private readonly currentRuntime: () => OverlayRuntime,
  ) {
    this.host = element('span');
    this.host.dataset.leadlens = 'badge';
    const shadow = this.host.attachShadow({ mode: 'closed' });
    adoptStyles(shadow, variant);
    // Chip or strip (a list or a record's heading) is said inside the root, where the tests read it.
    this.button = element('button', variant);
    this.button.type = 'button';
    this.button.setAttribute('aria-haspopup', 'dialog');
    this.button.setAttribute('aria-expanded', 'false');
    this.temperature = element('span', 'temp');
    this.stage = element('span', 'stage');
    this.timerText = element('span', 'timer');
    this.timerText.setAttribute('role', 'timer');
    this.extra = variant === 'strip' ? element('span', 'extra') : null;
    this.button.append(this.temperature, this.stage, this.timerText, ...(this.extra ? [this.extra] : []));
    // Ids are scoped to the shadow root, so every badge can use the same one.
    this.description = element('span');
    this.description.id = 'leadlens-badge-description';
    this.description.hidden = true;
    this.button.setAttribute('aria-describedby', this.description.id);
    shadow.append(this.button, this.description);
    if (variant === 'strip') {
      const box = element('div', 'note');
      box.setAttribute('role', 'note');
      box.dataset.testid = 'leadlens-answered';
      box.hidden = true;
      const text = element('span');
      const link = element('a');
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      box.append(text, link);
      shadow.append(box);
      this.note = { box, text, link };
    } else {
      this.note = null;
    }

    // Hover and focus show the card beside the badge; a click, Enter or Space opens it with focus inside, and Tab
    // from a badge whose card shows moves into it, so its actions are reachable from the keyboard. Only the user's
    // own input counts: a script's events are dropped (`isTrustedEvent`).
    const preview = (event: Event) => {
      if (isTrustedEvent(event)) this.runtime.card.show(this.button, this.lead, this.cardOptions(false));
    };
    this.button.addEventListener('click', (event) => {
      if (isTrustedEvent(event)) this.runtime.card.show(this.button, this.lead, this.cardOptions(true));
    });
    this.button.addEventListener('focus', preview);
    this.button.addEventListener('mouseenter', preview);
    this.button.addEventListener('mouseleave', (event) => {
      if (isTrustedEvent(event)) this.runtime.card.hide();
    });
    this.button.addEventListener('keydown', (event) => {
      if (!isTrustedEvent(event)) return;
      if (event.key === 'Escape') this.runtime.card.close();
      else if (event.key === 'Tab' && !event.shiftKey && this.runtime.card.enter(this.button)) event.preventDefault();
    });
    this.render();
  }

  /** The runtime in force now: a language change replaces it, and badges must follow. */
  private get runtime(): OverlayRuntime {
    return this.currentRuntime();
  }

  private cardOptions(focus: boolean) {
    return { focus, ...(this.answeredAt !== null ? { answeredInMailAt: this.answeredAt } : {}) };
  }

  /** Everything, for a new lead view or a language change. */
  render(): void {
    const { runtime, lead } = this;
    this.host.dir = runtime.dir;
    this.host.lang = runtime.language;
    this.temperature.dataset.t = lead.temperature;
    this.stage.textContent = stageText(lead, runtime.t);
    this.button.classList.toggle('looked-up', lead.lookedUpUntil !== undefined);
    if (this.extra) {
      const owner = lead.ownerName ? truncate(lead.ownerName, 40) : runtime.t('card.noOwner');
      const status = leadStatusText(lead, runtime.t);
      const touchAt = lastTouchAt(lead);
      this.extra.textContent = [
        status ? truncate(status, 30) : null,
        owner,
        truncate(sourceText(lead, runtime.t), 40),
        touchAt !== undefined ? runtime.t('badge.lastTouch', { time: formatInstant(touchAt, runtime.language) }) : null,
        lead.openDealValue > 0
          ? runtime.t('badge.openDeals', {
              value: formatMoney(lead.openDealValue, runtime.language, runtime.portal?.currency),
            })
          : null,
      ]
        .filter(Boolean)
        .join(' · ');
    }
    this.renderNote();
    this.tick(runtime.now());
  }

  /** Set by the page overlay whenever the thread beside the badge changes; null when there is nothing to say. */
  setAnsweredInMail(at: number | null): void {
    if (at === this.answeredAt) return;
    this.answeredAt = at;
    this.renderNote();
    this.tick(this.runtime.now());
  }

  get answeredInMailAt(): number | null {
    return this.answeredAt;
  }

  private renderNote(): void {
    if (!this.note) return;
    const { runtime, lead } = this;
    const { box, text, link } = this.note;
    box.hidden = this.answeredAt === null;
    if (this.answeredAt === null) return;
    box.dir = runtime.dir;
    text.textContent = runtime.t('overlay.answeredNotLogged');
    link.textContent = runtime.t('overlay.logIt');
    if (runtime.portal) {
      link.href = recordUrl(runtime.portal.uiDomain, runtime.portal.portalId, 'contact', lead.id);
      link.hidden = false;
    } else {
      link.removeAttribute('href');
      link.hidden = true;
    }
  }

  /** Once a second: only the timer's text and colour change. */
  tick(now: number): void {
    const { runtime, lead } = this;
    this.timer = markedTimer(lead, now, runtime.rules);
    const face = this.timer ? timerFace(this.timer, now, runtime.minutesBetween, runtime.language) : null;
    if (face) {
      if (this.timerText.textContent !== face.text) this.timerText.textContent = face.text;
      if (this.timerText.dataset.state !== face.state) this.timerText.dataset.state = face.state;
      this.timerText.hidden = false;
    } else if (!this.timerText.hidden) {
      this.timerText.hidden = true;
      this.timerText.textContent = '';
      delete this.timerText.dataset.state;
    }
    const label = badgeLabel(lead, face, this.timer, runtime.t, this.answeredAt !== null);
    if (this.button.getAttribute('aria-label') !== label) this.button.setAttribute('aria-label', label);
    // Built again only when what it says changes (a whole minute, the clock, the language, the cache's date): a
    // hundred badges tick every second.
    const describedBy = `${face ? Math.floor(face.minutes) : ''}|${runtime.business !== undefined}|${runtime.language}|${runtime.asOf}`;
    if (describedBy !== this.describedBy) {
      this.describedBy = describedBy;
      this.description.textContent = badgeDescription(
        face,
        {
          businessTime: runtime.business !== undefined,
          language: runtime.language,
          ...(runtime.asOf !== undefined ? { asOf: runtime.asOf } : {}),
        },
        runtime.t,
      );
    }
  }

  get hasTimer(): boolean {
    return this.timer !== null;
  }
}
