import type { Language } from '../../lib/i18n/language';
import type { OverlayTranslate } from '../../lib/i18n/overlay';
import type { LeadContext, LeadMark } from '../../lib/messaging/protocol';
import type { MinutesBetween } from '../../lib/metrics/calendar';
import type { TimerRules } from '../../lib/metrics/lead-view';
import type { LeadClock } from '../../lib/overlay/lead-clock';
import type { LeadLookup } from '../../lib/overlay/lead-lookup';
import type { ResourceCounts } from '../../lib/overlay/resources';
import type { Ticker } from '../../lib/overlay/ticker';

/** How a badge opens the card: with focus inside (click, Enter, Space) or as a preview (hover, focus). */
export interface CardOptions {
  focus?: boolean;
  /** Our reply in the opened mail thread that HubSpot has no touch for (issue #6). */
  answeredInMailAt?: number;
}

/** Everything the badges of one content script share: language, clock, rules, the lead look-up, the hover card. */
export interface OverlayRuntime {
  language: Language;
  dir: 'ltr' | 'rtl';
  t: OverlayTranslate;
  /** HubSpot's clock as the background measured it (`Date.now()` plus ping's skew), so timers match HubSpot's. */
  now(): number;
  ticker: Ticker;
  lookup: LeadLookup<LeadContext>;
  rules: TimerRules;
  /** The team's clock (lib/overlay/lead-clock.ts): business minutes when business hours are set. */
  minutesBetween: MinutesBetween;
  /** The business hours behind `minutesBetween`, when set: the card says it counts business time. */
  business?: LeadClock['business'];
  /** Where record links point: the account's app host and portal id. */
  portal?: { uiDomain: string; portalId: number; currency?: string };
  /** When the cache was last brought up to date; shown as "as of" when it is old. */
  asOf?: number;
  resources: ResourceCounts;
  card: {
    show(anchor: HTMLElement, lead: LeadContext, options?: CardOptions): void;
    /** After a grace, unless the pointer or focus is in the card. */
    hide(): void;
    close(): void;
    /** Moves focus into the card when it shows for `anchor` (Tab from the badge); false when it does not. */
    enter(anchor: HTMLElement): boolean;
  };
  /**
   * A rep's mark from the hover card (after its trusted clicks), kept by the background; resolves once the badges
   * show it. Never rejects: a refused mark leaves the badges as they were.
   */
  mark(mark: LeadMark, lead: LeadContext): Promise<void>;
  /**
   * "Log this reply" (issue #20), once the background has said whether the key can create e-mails (and otherwise
   * which scopes it needs). `send` queues the rep's reply after the card's trusted clicks; resolves whether it was.
   */
  logReply?: { can: boolean; lacking?: string[][]; send(lead: LeadContext, sentAt: number): Promise<boolean> };
}
