import {
  type BadgeTimer,
  badgeLabel,
  type LeadContext,
  stageText,
  timerFace,
  truncate,
  visibleTimer,
} from '../../lib/overlay/badge-model';
import type { OverlayRuntime } from './runtime';

// A badge is plain DOM in its own shadow root: hundreds of them on an inbox must cost microseconds each, Gmail's
// Trusted Types forbid innerHTML, and the page's CSS must not reach in. Text goes in through textContent only.

export const BADGE_TAG = 'leadlens-badge';

const CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin-inline: 4px; }
button { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 4px; cursor: pointer;
  font: 600 11px/16px system-ui, "Segoe UI", Arial, "Noto Sans Hebrew", sans-serif; color: #1f2933;
  background: #eef2f6; border: 1px solid #c5ced8; border-radius: 999px; padding: 0 6px; white-space: nowrap;
  max-inline-size: 22em; }
button:focus-visible { outline: 2px solid #0b6bcb; outline-offset: 1px; }
.temp { inline-size: 7px; block-size: 7px; border-radius: 50%; flex: none; }
.temp[data-t="hot"] { background: #d92d20; } .temp[data-t="warm"] { background: #f79009; } .temp[data-t="cold"] { background: #2e90fa; }
.stage { overflow: hidden; text-overflow: ellipsis; }
.timer { border-radius: 999px; padding: 0 5px; color: #fff; font-variant-numeric: tabular-nums; }
.timer[hidden] { display: none; }
.timer[data-state="ok"] { background: #1b7f3b; } .timer[data-state="due"] { background: #8a5300; }
.timer[data-state="overdue"] { background: #b42318; }
:host([data-variant="strip"]) { display: block; margin-block: 6px; margin-inline: 0; }
:host([data-variant="strip"]) button { font-size: 12px; line-height: 20px; padding: 2px 10px; border-radius: 6px; max-inline-size: 100%; }
.extra { font-weight: 400; color: #52606d; overflow: hidden; text-overflow: ellipsis; }
`;

let sharedSheet: CSSStyleSheet | null | undefined;

/**
 * One constructed stylesheet adopted by every badge's shadow root, so a hundred badges parse their CSS once, not a
 * hundred times. Where constructable sheets are missing (older Firefox content scripts), each root gets a <style>.
 */
function adoptStyles(shadow: ShadowRoot): void {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(CSS);
    } catch {
      sharedSheet = null;
    }
  }
  if (sharedSheet) {
    shadow.adoptedStyleSheets = [sharedSheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
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
  private timer: BadgeTimer | null = null;

  constructor(
    public lead: LeadContext,
    readonly variant: 'chip' | 'strip',
    private readonly currentRuntime: () => OverlayRuntime,
  ) {
    this.host = element(BADGE_TAG as 'span');
    this.host.dataset.variant = variant;
    this.host.dataset.leadlens = 'badge';
    this.host.dataset.leadId = lead.id;
    const shadow = this.host.attachShadow({ mode: 'open' });
    adoptStyles(shadow);
    this.button = element('button');
    this.button.type = 'button';
    this.button.setAttribute('part', 'badge');
    this.temperature = element('span', 'temp');
    this.stage = element('span', 'stage');
    this.timerText = element('span', 'timer');
    this.timerText.setAttribute('role', 'timer');
    this.extra = variant === 'strip' ? element('span', 'extra') : null;
    this.button.append(this.temperature, this.stage, this.timerText, ...(this.extra ? [this.extra] : []));
    shadow.append(this.button);

    const open = () => this.runtime.card.show(this.button, this.lead);
    this.button.addEventListener('click', open);
    this.button.addEventListener('focus', open);
    this.button.addEventListener('mouseenter', open);
    this.button.addEventListener('mouseleave', () => this.runtime.card.hide());
    this.button.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.runtime.card.hide();
    });
    this.render();
  }

  /** The runtime in force now: a language change replaces it, and badges must follow. */
  private get runtime(): OverlayRuntime {
    return this.currentRuntime();
  }

  /** Everything, for a new lead view or a language change. */
  render(): void {
    const { runtime, lead } = this;
    this.host.dir = runtime.dir;
    this.host.lang = runtime.language;
    this.temperature.dataset.t = lead.temperature;
    this.stage.textContent = stageText(lead, runtime.t);
    if (this.extra) {
      const owner = lead.ownerName ? truncate(lead.ownerName, 40) : runtime.t('card.noOwner');
      const status = lead.leadStatusLabel ?? lead.leadStatus;
      this.extra.textContent = [status ? truncate(status, 30) : null, owner, truncate(lead.effectiveSource, 40)]
        .filter(Boolean)
        .join(' · ');
    }
    this.tick(runtime.now());
  }

  /** Once a second: only the timer's text and colour change. */
  tick(now: number): void {
    const { runtime, lead } = this;
    const hidden = runtime.notALead.has(lead.id);
    this.timer = hidden ? null : visibleTimer(lead, now, runtime.rules, runtime.snoozedUntil.get(lead.id));
    const face = this.timer ? timerFace(this.timer, now, runtime.minutesBetween, runtime.language) : null;
    if (face) {
      if (this.timerText.textContent !== face.text) this.timerText.textContent = face.text;
      if (this.timerText.dataset.state !== face.state) this.timerText.dataset.state = face.state;
      this.timerText.hidden = false;
      this.host.dataset.sla = face.state;
    } else if (!this.timerText.hidden) {
      this.timerText.hidden = true;
      this.timerText.textContent = '';
      delete this.host.dataset.sla;
    }
    const label = badgeLabel(lead, face, this.timer, runtime.t);
    if (this.button.getAttribute('aria-label') !== label) this.button.setAttribute('aria-label', label);
  }

  get hasTimer(): boolean {
    return this.timer !== null;
  }
}
