// Property definitions served by /crm/v3/properties/{type}, in the shape HubSpot's properties API documents.
// They also drive validation of writes and typed comparison in search.
import type { ObjectType } from './objects.ts';

export type PropertyType = 'string' | 'number' | 'datetime' | 'date' | 'enumeration' | 'bool';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  hubspotDefined?: boolean;
  formField: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

type Spec = [name: string, label: string, type: PropertyType, options?: readonly string[], readOnly?: boolean];

const FIELD_TYPE: Record<PropertyType, string> = {
  string: 'text',
  number: 'number',
  datetime: 'date',
  date: 'date',
  enumeration: 'select',
  bool: 'booleancheckbox',
};

export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const;

export const ANALYTICS_SOURCES = [
  'ORGANIC_SEARCH',
  'PAID_SEARCH',
  'EMAIL_MARKETING',
  'SOCIAL_MEDIA',
  'REFERRALS',
  'OTHER_CAMPAIGNS',
  'DIRECT_TRAFFIC',
  'OFFLINE',
  'PAID_SOCIAL',
  'AI_REFERRALS',
] as const;

export const LEAD_STATUSES = [
  'NEW',
  'OPEN',
  'IN_PROGRESS',
  'OPEN_DEAL',
  'UNQUALIFIED',
  'ATTEMPTED_TO_CONTACT',
  'CONNECTED',
  'BAD_TIMING',
] as const;

const engagementCommon: Spec[] = [
  ['hs_timestamp', 'Activity date', 'datetime'],
  ['hubspot_owner_id', 'Activity assigned to', 'enumeration'],
  ['hs_engagement_source', 'Record source', 'string', undefined, true],
  ['hs_engagement_source_id', 'Record source ID', 'string', undefined, true],
  ['hs_createdate', 'Create date', 'datetime', undefined, true],
  ['hs_lastmodifieddate', 'Last modified date', 'datetime', undefined, true],
  ['hs_object_id', 'Record ID', 'number', undefined, true],
];

const SPECS: Record<ObjectType, Spec[]> = {
  contacts: [
    ['email', 'Email', 'string'],
    // A contact's other addresses, separated by semicolons.
    ['hs_additional_emails', 'Additional email addresses', 'enumeration', [], true],
    ['firstname', 'First name', 'string'],
    ['lastname', 'Last name', 'string'],
    ['phone', 'Phone number', 'string'],
    ['company', 'Company name', 'string'],
    ['jobtitle', 'Job title', 'string'],
    ['city', 'City', 'string'],
    ['country', 'Country/Region', 'string'],
    ['hubspot_owner_id', 'Contact owner', 'enumeration'],
    ['hubspot_owner_assigneddate', 'Owner assigned date', 'datetime', undefined, true],
    ['lifecyclestage', 'Lifecycle stage', 'enumeration', LIFECYCLE_STAGES],
    ['hs_lead_status', 'Lead status', 'enumeration', LEAD_STATUSES],
    ['hs_analytics_source', 'Original source', 'enumeration', ANALYTICS_SOURCES, true],
    ['hs_analytics_source_data_1', 'Original source drill-down 1', 'string', undefined, true],
    ['hs_analytics_source_data_2', 'Original source drill-down 2', 'string', undefined, true],
    ['hubspotscore', 'HubSpot score', 'number', undefined, true],
    ['notes_last_contacted', 'Last contacted', 'datetime', undefined, true],
    ['notes_last_updated', 'Last activity date', 'datetime', undefined, true],
    ...LIFECYCLE_STAGES.map(
      (stage): Spec => [`hs_lifecyclestage_${stage}_date`, `Became a ${stage} date`, 'datetime', undefined, true],
    ),
    ['createdate', 'Create date', 'datetime', undefined, true],
    ['lastmodifieddate', 'Last modified date', 'datetime', undefined, true],
    ['hs_object_id', 'Record ID', 'number', undefined, true],
  ],
  companies: [
    ['name', 'Company name', 'string'],
    ['domain', 'Company domain name', 'string'],
    ['industry', 'Industry', 'string'],
    ['city', 'City', 'string'],
    ['country', 'Country/Region', 'string'],
    ['numberofemployees', 'Number of employees', 'number'],
    ['hubspot_owner_id', 'Company owner', 'enumeration'],
    ['lifecyclestage', 'Lifecycle stage', 'enumeration', LIFECYCLE_STAGES],
    ['createdate', 'Create date', 'datetime', undefined, true],
    ['hs_lastmodifieddate', 'Last modified date', 'datetime', undefined, true],
    ['hs_object_id', 'Record ID', 'number', undefined, true],
  ],
  deals: [
    ['dealname', 'Deal name', 'string'],
    ['amount', 'Amount', 'number'],
    ['amount_in_home_currency', 'Amount in company currency', 'number', undefined, true],
    ['deal_currency_code', 'Currency', 'enumeration', ['USD', 'EUR']],
    ['pipeline', 'Pipeline', 'enumeration'],
    ['dealstage', 'Deal stage', 'enumeration'],
    ['closedate', 'Close date', 'datetime'],
    ['hubspot_owner_id', 'Deal owner', 'enumeration'],
    ['hs_is_closed', 'Is closed', 'bool', ['true', 'false'], true],
    ['hs_is_closed_won', 'Is closed won', 'bool', ['true', 'false'], true],
    ['closed_lost_reason', 'Closed lost reason', 'string'],
    ['createdate', 'Create date', 'datetime', undefined, true],
    ['hs_lastmodifieddate', 'Last modified date', 'datetime', undefined, true],
    ['hs_object_id', 'Record ID', 'number', undefined, true],
  ],
  emails: [
    ['hs_email_direction', 'Email direction', 'enumeration', ['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL']],
    ['hs_email_subject', 'Email subject', 'string'],
    ['hs_email_text', 'Email body', 'string'],
    ['hs_email_status', 'Email send status', 'enumeration', ['BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT']],
    ['hs_email_from_email', 'From', 'string'],
    ['hs_email_to_email', 'To', 'string'],
    ...engagementCommon,
  ],
  calls: [
    ['hs_call_title', 'Call title', 'string'],
    ['hs_call_body', 'Call notes', 'string'],
    ['hs_call_direction', 'Call direction', 'enumeration', ['INBOUND', 'OUTBOUND']],
    ['hs_call_duration', 'Call duration (ms)', 'number'],
    [
      'hs_call_status',
      'Call status',
      'enumeration',
      ['BUSY', 'CALLING_CRM_USER', 'CANCELED', 'COMPLETED', 'CONNECTING', 'FAILED', 'IN_PROGRESS', 'NO_ANSWER'],
    ],
    ['hs_call_disposition', 'Call outcome', 'string'],
    ...engagementCommon,
  ],
  meetings: [
    ['hs_meeting_title', 'Meeting name', 'string'],
    ['hs_meeting_body', 'Meeting description', 'string'],
    ['hs_meeting_start_time', 'Start time', 'datetime'],
    ['hs_meeting_end_time', 'End time', 'datetime'],
    [
      'hs_meeting_outcome',
      'Meeting outcome',
      'enumeration',
      ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED'],
    ],
    ...engagementCommon,
  ],
  notes: [['hs_note_body', 'Note body', 'string'], ...engagementCommon],
  tasks: [
    ['hs_task_subject', 'Task title', 'string'],
    [
      'hs_task_status',
      'Task status',
      'enumeration',
      ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
    ],
    ['hs_task_priority', 'Priority', 'enumeration', ['NONE', 'LOW', 'MEDIUM', 'HIGH']],
    ['hs_task_type', 'Task type', 'enumeration', ['CALL', 'EMAIL', 'TODO', 'LINKED_IN']],
    ...engagementCommon,
  ],
  feedback_submissions: [
    ['hs_survey_type', 'Survey type', 'enumeration', ['NPS', 'CSAT', 'CES', 'CUSTOM'], true],
    ['hs_survey_name', 'Survey name', 'string', undefined, true],
    ['hs_survey_channel', 'Survey channel', 'string', undefined, true],
    ['hs_value', 'Response value', 'string', undefined, true],
    ['hs_response_group', 'Response group', 'enumeration', ['PROMOTER', 'PASSIVE', 'DETRACTOR'], true],
    ['hs_sentiment', 'Sentiment', 'enumeration', ['POSITIVE', 'NEUTRAL', 'NEGATIVE'], true],
    ['hs_content', 'Response', 'string', undefined, true],
    ['hs_submission_timestamp', 'Submitted at', 'datetime', undefined, true],
    ['hs_createdate', 'Create date', 'datetime', undefined, true],
    ['hs_lastmodifieddate', 'Last modified date', 'datetime', undefined, true],
    ['hs_object_id', 'Record ID', 'number', undefined, true],
  ],
};

// A fixed stamp for HubSpot-defined properties, so their definitions do not depend on when the portal starts.
const DEFINED_AT = '2019-08-06T02:41:52.000Z';

function groupOf(type: ObjectType): string {
  if (type === 'contacts') return 'contactinformation';
  if (type === 'companies') return 'companyinformation';
  if (type === 'deals') return 'dealinformation';
  if (type === 'feedback_submissions') return 'feedback_submission_information';
  return 'engagement';
}

// HubSpot's English labels of its own options (what GET /crm/v3/properties/contacts/{name} returns in an English
// portal): the value is a key, the label the words. A value not listed (owner ids, pipeline ids) is its own label.
const OPTION_LABELS: Readonly<Record<string, string>> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  marketingqualifiedlead: 'Marketing Qualified Lead',
  salesqualifiedlead: 'Sales Qualified Lead',
  opportunity: 'Opportunity',
  customer: 'Customer',
  evangelist: 'Evangelist',
  other: 'Other',
  ORGANIC_SEARCH: 'Organic Search',
  PAID_SEARCH: 'Paid Search',
  EMAIL_MARKETING: 'Email Marketing',
  SOCIAL_MEDIA: 'Organic Social',
  REFERRALS: 'Referrals',
  OTHER_CAMPAIGNS: 'Other Campaigns',
  DIRECT_TRAFFIC: 'Direct Traffic',
  OFFLINE: 'Offline Sources',
  PAID_SOCIAL: 'Paid Social',
  AI_REFERRALS: 'AI Referrals',
  NEW: 'New',
  OPEN: 'Open',
  IN_PROGRESS: 'In Progress',
  OPEN_DEAL: 'Open Deal',
  UNQUALIFIED: 'Unqualified',
  ATTEMPTED_TO_CONTACT: 'Attempted to Contact',
  CONNECTED: 'Connected',
  BAD_TIMING: 'Bad Timing',
};

export function optionsOf(values: readonly string[]): PropertyOption[] {
  return values.map((value, index) => ({
    label: Object.hasOwn(OPTION_LABELS, value) ? (OPTION_LABELS[value] ?? value) : value,
    value,
    displayOrder: index,
    hidden: false,
  }));
}

function definitionOf(type: ObjectType, spec: Spec, index: number): PropertyDefinition {
  const [name, label, propertyType, options, readOnly] = spec;
  return {
    name,
    label,
    type: propertyType,
    fieldType: FIELD_TYPE[propertyType],
    groupName: groupOf(type),
    description: '',
    options: options ? optionsOf(options) : [],
    displayOrder: index,
    calculated: readOnly === true,
    externalOptions: name === 'hubspot_owner_id' || name === 'pipeline' || name === 'dealstage',
    hasUniqueValue: false,
    hidden: false,
    hubspotDefined: true,
    formField: readOnly !== true,
    modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: readOnly === true },
    createdAt: DEFINED_AT,
    updatedAt: DEFINED_AT,
    archived: false,
  };
}

/** A fresh, mutable registry per portal: custom properties created through the API live only in that portal. */
export class PropertyRegistry {
  private readonly byType = new Map<ObjectType, Map<string, PropertyDefinition>>();
  private readonly groups = new Map<ObjectType, Map<string, PropertyGroup>>();

  constructor() {
    for (const [type, specs] of Object.entries(SPECS) as [ObjectType, Spec[]][]) {
      const map = new Map<string, PropertyDefinition>();
      specs.forEach((spec, index) => {
        map.set(spec[0], definitionOf(type, spec, index));
      });
      this.byType.set(type, map);
      this.groups.set(
        type,
        new Map([[groupOf(type), { name: groupOf(type), label: 'Information', displayOrder: 0, archived: false }]]),
      );
    }
  }

  list(type: ObjectType): PropertyDefinition[] {
    return [...(this.byType.get(type)?.values() ?? [])];
  }

  get(type: ObjectType, name: string): PropertyDefinition | undefined {
    return this.byType.get(type)?.get(name);
  }

  add(type: ObjectType, definition: PropertyDefinition): void {
    this.byType.get(type)?.set(definition.name, definition);
  }

  listGroups(type: ObjectType): PropertyGroup[] {
    return [...(this.groups.get(type)?.values() ?? [])];
  }

  getGroup(type: ObjectType, name: string): PropertyGroup | undefined {
    return this.groups.get(type)?.get(name);
  }

  addGroup(type: ObjectType, group: PropertyGroup): void {
    this.groups.get(type)?.set(group.name, group);
  }

  /**
   * HubSpot defines one read-only `hs_v2_date_entered_<stageId>` datetime per deal stage of every pipeline, so the
   * deals' property list follows the portal's pipelines.
   */
  addDealStageDates(stages: readonly { id: string; label: string }[]): void {
    const base = this.list('deals').length;
    stages.forEach((stage, index) => {
      const spec: Spec = [
        `hs_v2_date_entered_${stage.id}`,
        `Date entered "${stage.label}"`,
        'datetime',
        undefined,
        true,
      ];
      this.add('deals', definitionOf('deals', spec, base + index));
    });
  }

  setOptions(type: ObjectType, name: string, values: readonly string[]): void {
    const definition = this.get(type, name);
    if (definition) definition.options = optionsOf(values);
  }
}
