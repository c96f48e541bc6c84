import type { Language, Translate } from '../../lib/i18n';
import type { LeadContext, MinutesBetween, TimerRules } from '../../lib/overlay/badge-model';
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
  t: Translate;
  now(): number;
  ticker: Ticker;
  lookup: LeadLookup<LeadContext>;
  rules: TimerRules;
  minutesBetween: MinutesBetween;
  /** Lead id → instant until which its timer is snoozed (local to this browser). */
  snoozedUntil: Map<string, number>;
  /** Leads a rep marked "not a lead": their timers stay hidden. */
  notALead: Set<string>;
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
  /** Rep actions from the hover card, persisted by the content script. */
  act(action: 'snooze1h' | 'snoozeTomorrow' | 'notALead', lead: LeadContext): void;
}
