import type { Language, Translate } from '../../lib/i18n';
import type { LeadContext, MinutesBetween, TimerRules } from '../../lib/overlay/badge-model';
import type { LeadLookup } from '../../lib/overlay/lead-lookup';
import type { ResourceCounts } from '../../lib/overlay/resources';
import type { Ticker } from '../../lib/overlay/ticker';

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
  card: { show(anchor: HTMLElement, lead: LeadContext): void; hide(): void };
  /** Rep actions from the hover card, persisted by the content script. */
  act(action: 'snooze1h' | 'snoozeTomorrow' | 'notALead', lead: LeadContext): void;
}
