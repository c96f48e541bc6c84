// The CRM object types the portal serves, their HubSpot names and type ids, scopes, default properties and
// association types. Everything HubSpot-specific that is not data lives here, each fact with where it comes from.

export type ObjectType =
  | 'contacts'
  | 'companies'
  | 'deals'
  | 'emails'
  | 'calls'
  | 'meetings'
  | 'notes'
  | 'tasks'
  | 'feedback_submissions';

export const OBJECT_TYPES: readonly ObjectType[] = [
  'contacts',
  'companies',
  'deals',
  'emails',
  'calls',
  'meetings',
  'notes',
  'tasks',
  'feedback_submissions',
];

export const ENGAGEMENT_TYPES: readonly ObjectType[] = ['emails', 'calls', 'meetings', 'notes', 'tasks'];

export interface ObjectTypeInfo {
  name: ObjectType;
  /** HubSpot's object type id (developers.hubspot.com, "Object type IDs"). */
  typeId: string;
  /** Singular used in association type names: "contact_to_meeting_event". */
  assocName: string;
  /** Other spellings HubSpot accepts in paths. */
  aliases: readonly string[];
  /** Contacts alone keep the legacy name; every other object uses hs_lastmodifieddate. */
  lastModifiedProperty: 'lastmodifieddate' | 'hs_lastmodifieddate';
  createdProperty: 'createdate' | 'hs_createdate';
  /** Properties returned when the request names none (observed in HubSpot's examples). */
  defaultProperties: readonly string[];
  /** Text properties the search `query` looks in (HubSpot documents these for contacts, companies, deals). */
  queryProperties: readonly string[];
}

// Scopes of engagements: HubSpot documents calls, meetings, notes and tasks under the contacts scopes and e-mails
// under `sales-email-read`; feedback submissions' scope name is not verified (see README).
export const OBJECT_INFO: Readonly<Record<ObjectType, ObjectTypeInfo>> = {
  contacts: {
    name: 'contacts',
    typeId: '0-1',
    assocName: 'contact',
    aliases: ['contact', '0-1'],
    lastModifiedProperty: 'lastmodifieddate',
    createdProperty: 'createdate',
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    queryProperties: ['firstname', 'lastname', 'email', 'phone', 'company', 'hs_additional_emails'],
  },
  companies: {
    name: 'companies',
    typeId: '0-2',
    assocName: 'company',
    aliases: ['company', '0-2'],
    lastModifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'createdate',
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    queryProperties: ['name', 'domain', 'website', 'phone'],
  },
  deals: {
    name: 'deals',
    typeId: '0-3',
    assocName: 'deal',
    aliases: ['deal', '0-3'],
    lastModifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'createdate',
    defaultProperties: [
      'amount',
      'closedate',
      'createdate',
      'dealname',
      'dealstage',
      'hs_lastmodifieddate',
      'hs_object_id',
      'pipeline',
    ],
    queryProperties: ['dealname'],
  },
  emails: {
    name: 'emails',
    typeId: '0-49',
    assocName: 'email',
    aliases: ['email', '0-49'],
    lastModifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'hs_createdate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    queryProperties: ['hs_email_subject'],
  },
  calls: {
    name: 'calls',
    typeId: '0-48',
    assocName: 'call',
    aliases: ['call', '0-48'],
    lastModifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'hs_createdate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    queryProperties: ['hs_call_title'],
  },
  meetings: {
    name: 'meetings',
    typeId: '0-47',
    assocName: 'meeting_event',
    aliases: ['meeting', 'meeting_event', 'meeting_events', '0-47'],
    lastModifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'hs_createdate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    queryProperties: ['hs_meeting_title'],
  },
  notes: {
    name: 'notes',
    typeId: '0-46',
    assocName: 'note',
    aliases: ['note', '0-46'],
    lastModifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'hs_createdate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    queryProperties: ['hs_note_body'],
  },
  tasks: {
    name: 'tasks',
    typeId: '0-27',
    assocName: 'task',
    aliases: ['task', '0-27'],
    lastModifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'hs_createdate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    queryProperties: ['hs_task_subject'],
  },
  feedback_submissions: {
    name: 'feedback_submissions',
    typeId: '0-19',
    assocName: 'feedback_submission',
    aliases: ['feedback_submission', 'feedback-submissions', '0-19'],
    lastModifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'hs_createdate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    queryProperties: ['hs_content'],
  },
};

const typeByPathSegment = new Map<string, ObjectType>();
for (const type of OBJECT_TYPES) {
  typeByPathSegment.set(type, type);
  for (const alias of OBJECT_INFO[type].aliases) typeByPathSegment.set(alias, type);
}

/** Resolves "contacts", "contact" or "0-1" (case-insensitive, as HubSpot is) to the object type. */
export function resolveObjectType(segment: string): ObjectType | undefined {
  return typeByPathSegment.get(segment.toLowerCase());
}

export interface AssociationType {
  typeId: number;
  /** The name v3 inline associations carry in `type`. */
  name: string;
  label: string | null;
}

// HubSpot-defined association type ids (developers.hubspot.com, "Associations v4", type id tables). The
// contact↔company and deal↔company pairs have a "Primary" type and an unlabeled one; a primary association carries
// both, which is why v3 inline results list such a company twice (once "contact_to_company", once
// "contact_to_company_unlabeled"). Feedback-submission ids (97/98) are unverified.
const ASSOCIATION_TYPES: Record<string, { primary?: AssociationType; unlabeled: AssociationType }> = {};

function define(from: ObjectType, to: ObjectType, unlabeledId: number, primaryId?: number): void {
  const base = `${OBJECT_INFO[from].assocName}_to_${OBJECT_INFO[to].assocName}`;
  ASSOCIATION_TYPES[`${from}|${to}`] =
    primaryId === undefined
      ? { unlabeled: { typeId: unlabeledId, name: base, label: null } }
      : {
          primary: { typeId: primaryId, name: base, label: 'Primary' },
          unlabeled: { typeId: unlabeledId, name: `${base}_unlabeled`, label: null },
        };
}

define('contacts', 'companies', 279, 1);
define('companies', 'contacts', 280, 2);
define('deals', 'contacts', 3);
define('contacts', 'deals', 4);
define('deals', 'companies', 341, 5);
define('companies', 'deals', 342, 6);
define('contacts', 'calls', 193);
define('calls', 'contacts', 194);
define('contacts', 'emails', 197);
define('emails', 'contacts', 198);
define('contacts', 'meetings', 199);
define('meetings', 'contacts', 200);
define('contacts', 'notes', 201);
define('notes', 'contacts', 202);
define('contacts', 'tasks', 203);
define('tasks', 'contacts', 204);
define('companies', 'calls', 181);
define('calls', 'companies', 182);
define('companies', 'emails', 185);
define('emails', 'companies', 186);
define('companies', 'meetings', 187);
define('meetings', 'companies', 188);
define('companies', 'notes', 189);
define('notes', 'companies', 190);
define('companies', 'tasks', 191);
define('tasks', 'companies', 192);
define('deals', 'calls', 205);
define('calls', 'deals', 206);
define('deals', 'emails', 209);
define('emails', 'deals', 210);
define('deals', 'meetings', 211);
define('meetings', 'deals', 212);
define('deals', 'notes', 213);
define('notes', 'deals', 214);
define('deals', 'tasks', 215);
define('tasks', 'deals', 216);
define('contacts', 'feedback_submissions', 97);
define('feedback_submissions', 'contacts', 98);

export function associationTypes(from: ObjectType, to: ObjectType, primary: boolean): AssociationType[] {
  const pair = ASSOCIATION_TYPES[`${from}|${to}`];
  if (!pair) return [];
  return primary && pair.primary ? [pair.primary, pair.unlabeled] : [pair.unlabeled];
}

export function hasAssociationPair(from: ObjectType, to: ObjectType): boolean {
  return ASSOCIATION_TYPES[`${from}|${to}`] !== undefined;
}

/** The pairs where one side has a primary company (the first company it is associated with). */
export function primaryCompanyPair(from: ObjectType, to: ObjectType): boolean {
  return (
    (from === 'companies' && (to === 'contacts' || to === 'deals')) ||
    (to === 'companies' && (from === 'contacts' || from === 'deals'))
  );
}
