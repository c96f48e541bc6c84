import type { Deal, Feedback, Lead, LifecycleStage, Owner, Stage, Touch } from '../model';

// The CRM-independent side of the sync: the runner and the database speak these types only; `lib/crm/hubspot/`
// is the one place that knows HubSpot's names, paths and JSON. A second CRM is one more folder implementing
// `CrmAdapter`.

/** Record types kept in the cache, in the order a full sync starts them (biggest first, so the tail is short). */
export const syncedTypes = ['contacts', 'emails', 'calls', 'meetings', 'notes', 'tasks', 'deals', 'feedback'] as const;
export type SyncedType = (typeof syncedTypes)[number];
export type EngagementType = 'emails' | 'calls' | 'meetings' | 'notes' | 'tasks';
export const engagementTypes: readonly EngagementType[] = ['emails', 'calls', 'meetings', 'notes', 'tasks'];

export function isEngagementType(type: SyncedType): type is EngagementType {
  return (engagementTypes as readonly string[]).includes(type);
}

/** A lead as cached: the model's lead plus what look-ups need (all of its addresses, lower-cased) and the tag. */
export interface LeadRecord extends Lead {
  /** Primary and additional e-mail addresses, lower-cased; multi-entry index. */
  emails: string[];
  /** `sourceTag ?? source` (METRICS.md), indexed for by-source views. */
  effectiveSource: string;
  taggedUrl?: string;
  taggedAt?: number;
}

export type SyncedRecord =
  | { type: 'contacts'; record: LeadRecord }
  | { type: 'deals'; record: Deal }
  | { type: EngagementType; record: Touch }
  | { type: 'feedback'; record: Feedback };

export type RecordOf<T extends SyncedType> = T extends 'contacts'
  ? LeadRecord
  : T extends 'deals'
    ? Deal
    : T extends 'feedback'
      ? Feedback
      : Touch;

/**
 * A record the CRM returned with data that does not fit the model, shown in the sync status by id and reason, never
 * dropped silently. `kept`: only an optional value was unusable, so the record is cached without it (a malformed
 * amount counts as missing, METRICS.md); otherwise the record is skipped.
 */
export interface InvalidRecord {
  type: SyncedType;
  id: string;
  reason: string;
  kept: boolean;
}

export interface MappedPage<T extends SyncedType = SyncedType> {
  records: RecordOf<T>[];
  invalid: InvalidRecord[];
  /** Paging cursor for the next page; absent on the last page. */
  next?: string;
  /** Modification instants of the page's records, valid or not, so a search window can advance past bad ones. */
  modifiedAt: number[];
  /** Ids in the page's order (valid and invalid), for the search window's tie-break. */
  ids: string[];
  /** Whether the records carry their lead associations (list pages do; search results do not). */
  withAssociations: boolean;
  /** Search only: how many records match the whole query. */
  total?: number;
}

export interface PortalInfo {
  portalId: number;
  timeZone: string;
  currency: string;
  uiDomain?: string;
}

/** What LeadLens does against the CRM, each with its own scopes (lib/crm/hubspot/feature-scopes.ts). */
export type CrmFeature = 'read' | 'tag' | 'notALead' | 'logReply';
export type Capability = 'can' | 'cannot' | 'unknown';

/** What a key can do for one feature, from per-part probes: `lacking` lists, per part, the alternatives to add. */
export interface FeatureCheck {
  feature: CrmFeature;
  state: Capability;
  lacking: { part: string; lacking: string[][] }[];
  parts: { part: string; state: Capability; optional: boolean; lacking: string[][]; reason?: string }[];
}

export interface LeadStatusOption {
  value: string;
  label: string;
  order: number;
}

/** One step of an incremental search: records modified at or after `from`, ascending. */
export interface SearchWindow {
  from: number;
  /** When set, only records modified exactly at `from` with an id above this (the tie-break past 10 000 equal times). */
  afterId?: string;
  /** Offset paging inside the window (HubSpot's search `after`), at most the result cap. */
  offset: number;
}

export interface CrmAdapter {
  account(): Promise<PortalInfo>;
  /** Per feature, what the key can do: each part probed on its own, no 403 taken for more than its part. */
  probeScopes(): Promise<FeatureCheck[]>;
  owners(): Promise<Owner[]>;
  stages(): Promise<Stage[]>;
  lifecycle(): Promise<{ lifecycleStages: LifecycleStage[]; leadStatuses: LeadStatusOption[] }>;
  listPage<T extends SyncedType>(type: T, after: string | undefined): Promise<MappedPage<T>>;
  /** With `ownerId`, only the records that owner owns (a rep's cache scope, issue #23). */
  searchPage<T extends SyncedType>(type: T, searchWindow: SearchWindow, ownerId?: string): Promise<MappedPage<T>>;
  /** Lead ids per record id, for records read without associations (search results). */
  leadAssociations(type: Exclude<SyncedType, 'contacts'>, ids: string[]): Promise<Map<string, string[]>>;
  /** The ids of a type linked to each contact: a rep's deals and engagements (issue #23). */
  contactLinks(type: Exclude<SyncedType, 'contacts'>, contactIds: string[]): Promise<Map<string, string[]>>;
  /** At most `batchReadSize` records by id, mapped with the lead links given (batch reads return none). */
  recordsByIds<T extends Exclude<SyncedType, 'contacts'>>(
    type: T,
    ids: string[],
    leadIds: ReadonlyMap<string, string[]>,
  ): Promise<MappedPage<T>>;
  /** Ids of archived (deleted) records, paged. */
  archivedPage(type: SyncedType, after: string | undefined): Promise<{ ids: string[]; next?: string }>;
  /**
   * How many records of a type exist (the progress estimate) and the newest modification instant, in the CRM's
   * own clock: the cursor an incremental sync starts from after a full one, so that nothing modified while the
   * full sync ran is missed, whatever the difference between our clock and the CRM's.
   */
  census(type: SyncedType): Promise<{ total: number; newestModifiedAt?: number }>;
  /** Now on the CRM's clock, as its responses date it; undefined until one has (then only a search can tell). */
  serverNow(): number | undefined;
  /** Deal mapping needs the pipelines' stages (closed/won fallback). */
  setStages(stages: Stage[]): void;
  /** The most records one search can reach (HubSpot: 10 000) and its page size. */
  readonly searchCap: number;
  readonly searchPageSize: number;
  readonly batchReadSize: number;
}

/** What a source tag writes on a contact (the LeadLens tag properties). */
export interface TagWrite {
  source: string;
  campaign?: string;
  url?: string;
  taggedAt: number;
}

/** The CRM refused a value (an option removed, a property changed type): retrying cannot help, the user must act. */
export class CrmRejectedError extends Error {}

/**
 * Writes of the tagger. Every method is safe to repeat: a retry after a lost reply sends the same values again, and a
 * create that already happened finds the contact it made.
 */
export interface CrmTagWriter {
  /** Creates the tag properties (and their group) once; a no-op when they exist. */
  ensureTagProperties(): Promise<void>;
  /** The contact with this primary address, read strongly consistently (not through search). */
  contactIdByEmail(email: string): Promise<string | undefined>;
  /** Creates a contact, or finds the one that already has the address. */
  createContact(input: { email: string; firstName?: string; lastName?: string }): Promise<string>;
  /** `false` when the contact no longer exists. */
  writeTag(contactId: string, tag: TagWrite): Promise<boolean>;
  /** Sets the contact's lead status (a rep's "Not a lead"); `false` when the contact no longer exists. */
  writeLeadStatus(contactId: string, status: string): Promise<boolean>;
  /** A portal property the source is also written to: its label and, for a dropdown, its options. */
  describeProperty(name: string): Promise<PropertyTarget | undefined>;
}

export interface PropertyTarget {
  name: string;
  label: string;
  /** Present for dropdown-like properties: a tag's source must be one of them (by value or label). */
  options?: { value: string; label: string }[];
}

/** The option a source stands for (value first, then label, case-insensitively), or undefined when none fits. */
export function optionFor(target: PropertyTarget, source: string): string | undefined {
  if (!target.options) return source;
  const wanted = source.trim().toLocaleLowerCase();
  const byValue = target.options.find((option) => option.value.toLocaleLowerCase() === wanted);
  const byLabel = target.options.find((option) => option.label.toLocaleLowerCase() === wanted);
  return (byValue ?? byLabel)?.value;
}

/** A rep's reply, sent from their own mailbox, to log on a contact as an outgoing e-mail. */
export interface ReplyToLog {
  /** When the reply was sent (ms). */
  sentAt: number;
  subject: string;
  /** The CRM owner it is logged as (the rep's own, when set). */
  ownerId?: string;
}

/**
 * Logs replies. Safe to repeat: each attempt first looks for the e-mail an earlier one may have made (its answer lost,
 * or the worker stopped mid-request), so the timeline does not get it twice.
 */
export interface CrmReplyLogger {
  /** The engagement's id; `false` when the contact no longer exists. */
  logReply(contactId: string, reply: ReplyToLog): Promise<string | false>;
}
