import type { EngagementType, SyncedType } from '../adapter';
import { HUBSPOT_API_VERSION } from './api-version';

// Everything LeadLens knows about HubSpot's names lives in this folder. Paths that are not in the generated client
// are written here, on the date-based version of api-version.ts.

const V = HUBSPOT_API_VERSION;

export const API_PATHS = {
  accountDetails: `/account-info/${V}/details`,
  /** Batch association read: the only way to get associations of records found by search. */
  associationsBatchRead: (from: string, to: string) => `/crm/associations/${V}/${from}/${to}/batch/read`,
  /** Used by the scope probes (scope-probe.ts), which must tell a 403 from anything else without side effects. */
  objects: (type: string) => `/crm/objects/${V}/${type}`,
  object: (type: string, id: string) => `/crm/objects/${V}/${type}/${id}`,
  owners: `/crm/owners/${V}`,
  pipelines: (type: string) => `/crm/pipelines/${V}/${type}`,
  properties: (type: string) => `/crm/properties/${V}/${type}`,
  property: (type: string, name: string) => `/crm/properties/${V}/${type}/${name}`,
} as const;

/** HubSpot's object type names for the types we sync. */
export const OBJECT_TYPE: Record<SyncedType, string> = {
  contacts: 'contacts',
  deals: 'deals',
  emails: 'emails',
  calls: 'calls',
  meetings: 'meetings',
  notes: 'notes',
  tasks: 'tasks',
  feedback: 'feedback_submissions',
};

/** Contacts alone keep the legacy name; every other object uses `hs_lastmodifieddate`. */
export function lastModifiedProperty(type: SyncedType): string {
  return type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
}

const STAGE_DATE_PROPERTIES = [
  'hs_lifecyclestage_lead_date',
  'hs_lifecyclestage_marketingqualifiedlead_date',
  'hs_lifecyclestage_salesqualifiedlead_date',
  'hs_lifecyclestage_opportunity_date',
  'hs_lifecyclestage_customer_date',
] as const;

/** The tag properties the LeadLens tagger creates on contacts (crm.schemas.contacts.write). */
export const TAG_PROPERTIES = {
  source: 'leadlens_source',
  campaign: 'leadlens_campaign',
  url: 'leadlens_tagged_url',
  at: 'leadlens_tagged_at',
} as const;

/**
 * Only what METRICS.md needs. `hs_additional_emails` is read too: a lead often writes from a second address, and
 * the mail overlays look leads up by whichever address they see.
 */
export const CONTACT_PROPERTIES = [
  'email',
  'hs_additional_emails',
  'firstname',
  'lastname',
  'hubspot_owner_id',
  // When the current owner was assigned: the start of the "response after assignment" clock (METRICS.md).
  'hubspot_owner_assigneddate',
  'createdate',
  'lastmodifieddate',
  'lifecyclestage',
  'hs_lead_status',
  ...STAGE_DATE_PROPERTIES,
  'hs_analytics_source',
  'hs_analytics_source_data_1',
  'hubspotscore',
  TAG_PROPERTIES.source,
  TAG_PROPERTIES.campaign,
  TAG_PROPERTIES.url,
  TAG_PROPERTIES.at,
];

export const DEAL_PROPERTIES = [
  'amount_in_home_currency',
  'amount',
  'pipeline',
  'dealstage',
  'createdate',
  'closedate',
  'hubspot_owner_id',
  'hs_is_closed',
  'hs_is_closed_won',
  'hs_lastmodifieddate',
];

/**
 * HubSpot names a deal's stage-entry date per stage: `hs_v2_date_entered_<stageId>`, one property for every stage of
 * every pipeline (custom stages have numeric ids). So the names are known only once the pipelines are read.
 */
export const DEAL_STAGE_DATE_PREFIX = 'hs_v2_date_entered_';

export function dealStageDateProperty(stageId: string): string {
  return `${DEAL_STAGE_DATE_PREFIX}${stageId}`;
}

/** The deal properties to ask for: the fixed ones and one stage-entry date per known stage, each once. */
export function dealProperties(stageIds: readonly string[]): string[] {
  return [...DEAL_PROPERTIES, ...new Set(stageIds.map(dealStageDateProperty))];
}

/**
 * Which engagements are automated (METRICS.md: "sequence and workflow sends"). HubSpot records what created an
 * engagement in `hs_engagement_source`; sequences write `SEQUENCES`, workflows `WORKFLOWS` or the automation
 * platform's values. Configurable because portals with their own integrations may mark automation differently.
 */
export interface AutomationRule {
  property: string;
  values: string[];
}

export const DEFAULT_AUTOMATION_RULE: AutomationRule = {
  property: 'hs_engagement_source',
  values: ['SEQUENCES', 'WORKFLOWS', 'AUTOMATION_PLATFORM', 'AUTOMATION_JOURNEY', 'PRIMARY_AUTOMATION'],
};

const DIRECTION_PROPERTY: Partial<Record<EngagementType, string>> = {
  emails: 'hs_email_direction',
  calls: 'hs_call_direction',
};

export function directionProperty(type: EngagementType): string | undefined {
  return DIRECTION_PROPERTY[type];
}

export function engagementProperties(type: EngagementType, automation: AutomationRule): string[] {
  const direction = directionProperty(type);
  return [
    'hs_timestamp',
    'hubspot_owner_id',
    'hs_lastmodifieddate',
    ...(direction ? [direction] : []),
    ...(type === 'calls' ? ['hs_call_duration'] : []),
    automation.property,
  ];
}

export const FEEDBACK_PROPERTIES = [
  'hs_survey_type',
  // The rating as HubSpot's feedback submissions carry it (text), and its promoter/passive/detractor group.
  'hs_value',
  'hs_response_group',
  'hs_submission_timestamp',
  'hs_createdate',
  'hs_lastmodifieddate',
];

/** `stageIds`: the portal's deal stages (all pipelines), for the deals' per-stage date properties. */
export function propertiesFor(
  type: SyncedType,
  automation: AutomationRule,
  stageIds: readonly string[] = [],
): string[] {
  switch (type) {
    case 'contacts':
      return CONTACT_PROPERTIES;
    case 'deals':
      return dealProperties(stageIds);
    case 'feedback':
      return FEEDBACK_PROPERTIES;
    default:
      return engagementProperties(type, automation);
  }
}
