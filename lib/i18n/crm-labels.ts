import type { OverlayKey, OverlayTranslate } from './overlay';

// A CRM enumeration's value (`organic_search`, `UNQUALIFIED`, `salesqualifiedlead`) is a key, not words: wherever
// one is shown it goes through `crmLabel`. HubSpot's own values have names in our catalogues, so they read in the
// user's language; the portal's options (GET /crm/v3/properties/contacts/{name} → options[].label, in the portal's
// language, cached by the sync in the `lifecycleStages` and `leadStatuses` tables) name the portal's custom values;
// the raw value is the last resort. Pure: the panel, the overlay card and the background can all use it.

export type CrmEnumeration = 'source' | 'lifecycleStage' | 'leadStatus';

/** The portal's labels by value, per enumeration (from the property's options); any of them may be missing. */
export type PortalOptionLabels = Partial<Record<CrmEnumeration, ReadonlyMap<string, string>>>;

/**
 * HubSpot's built-in values. Sources are listed under both the model's normalised key (`organic_search`, what the
 * metrics group by) and the `hs_analytics_source` value itself (`ORGANIC_SEARCH`; organic social is `SOCIAL_MEDIA`).
 */
const BUILT_IN: Record<CrmEnumeration, Readonly<Record<string, OverlayKey>>> = {
  source: {
    organic_search: 'crm.source.organic_search',
    ORGANIC_SEARCH: 'crm.source.organic_search',
    paid_search: 'crm.source.paid_search',
    PAID_SEARCH: 'crm.source.paid_search',
    email_marketing: 'crm.source.email_marketing',
    EMAIL_MARKETING: 'crm.source.email_marketing',
    organic_social: 'crm.source.organic_social',
    SOCIAL_MEDIA: 'crm.source.organic_social',
    paid_social: 'crm.source.paid_social',
    PAID_SOCIAL: 'crm.source.paid_social',
    referrals: 'crm.source.referrals',
    REFERRALS: 'crm.source.referrals',
    other_campaigns: 'crm.source.other_campaigns',
    OTHER_CAMPAIGNS: 'crm.source.other_campaigns',
    direct_traffic: 'crm.source.direct_traffic',
    DIRECT_TRAFFIC: 'crm.source.direct_traffic',
    offline: 'crm.source.offline',
    OFFLINE: 'crm.source.offline',
    ai_referrals: 'crm.source.ai_referrals',
    AI_REFERRALS: 'crm.source.ai_referrals',
    unknown: 'crm.source.unknown',
  },
  lifecycleStage: {
    subscriber: 'crm.lifecycleStage.subscriber',
    lead: 'crm.lifecycleStage.lead',
    marketingqualifiedlead: 'crm.lifecycleStage.marketingqualifiedlead',
    salesqualifiedlead: 'crm.lifecycleStage.salesqualifiedlead',
    opportunity: 'crm.lifecycleStage.opportunity',
    customer: 'crm.lifecycleStage.customer',
    evangelist: 'crm.lifecycleStage.evangelist',
    other: 'crm.lifecycleStage.other',
  },
  leadStatus: {
    NEW: 'crm.leadStatus.NEW',
    OPEN: 'crm.leadStatus.OPEN',
    IN_PROGRESS: 'crm.leadStatus.IN_PROGRESS',
    OPEN_DEAL: 'crm.leadStatus.OPEN_DEAL',
    UNQUALIFIED: 'crm.leadStatus.UNQUALIFIED',
    ATTEMPTED_TO_CONTACT: 'crm.leadStatus.ATTEMPTED_TO_CONTACT',
    CONNECTED: 'crm.leadStatus.CONNECTED',
    BAD_TIMING: 'crm.leadStatus.BAD_TIMING',
  },
};

/** Whether `value` is one of HubSpot's own values of the enumeration (named in our catalogues). */
export function isBuiltInCrmValue(kind: CrmEnumeration, value: string): boolean {
  // Own keys only: a value such as `constructor` is CRM text, not a key of the table's prototype.
  return Object.hasOwn(BUILT_IN[kind], value);
}

/** The words for a CRM value: our name for HubSpot's own values, else the portal's label, else the value itself. */
export function crmLabel(
  kind: CrmEnumeration,
  value: string,
  t: OverlayTranslate,
  portal?: PortalOptionLabels,
): string {
  const key = isBuiltInCrmValue(kind, value) ? BUILT_IN[kind][value] : undefined;
  if (key) return t(key);
  const own = portal?.[kind]?.get(value)?.trim();
  return own || value;
}
