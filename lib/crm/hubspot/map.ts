import type { z } from 'zod';
import type { InvalidRecord, LeadRecord, LeadStatusOption, SyncedType } from '../adapter';
import {
  type Deal,
  dealSchema,
  type Feedback,
  feedbackSchema,
  firstIssueLine,
  isReservedKey,
  type LeadSource,
  leadSchema,
  leadSources,
  type LifecycleStage,
  type Owner,
  ownerSchema,
  type Stage,
  stageSchema,
  type Touch,
  type TouchDirection,
  touchSchema,
} from '../../model';
import {
  type AutomationRule,
  DEAL_STAGE_DATE_PREFIX,
  directionProperty,
  lastModifiedProperty,
  TAG_PROPERTIES,
} from './properties';

/** The part of a HubSpot CRM object we read: v3 list, search and batch results all have this shape. */
export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null | undefined>;
  archived?: boolean;
  associations?: Record<string, { results?: { id: string; type?: string }[] } | undefined>;
}

/**
 * The longest reason kept for a record the sync could not read. A reason quotes what HubSpot sent (a value, a property
 * name), which is anyone's text: uncut, one record could put megabytes into the skipped list, its storage and the
 * sync status. 300 characters still show the property, what was expected and the start of what came.
 */
export const SKIP_REASON_MAX = 300;

/** `reason` cut to `SKIP_REASON_MAX` characters, ending in "…" when cut, never in half a surrogate pair. */
export function boundedReason(reason: string): string {
  if (reason.length <= SKIP_REASON_MAX) return reason;
  let kept = reason.slice(0, SKIP_REASON_MAX - 1);
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
}

/** A mapped record, with the optional values that had to be ignored; or why the record cannot be modelled. */
export type Mapped<T> = { ok: true; record: T; ignored: InvalidRecord[] } | { ok: false; invalid: InvalidRecord };

/**
 * Collects optional values that do not convert. Such a value is dropped (the model reads it as missing) and the
 * record is listed in the status, so a bad score or amount costs one field, not the lead, and is still seen.
 */
class Lenient {
  readonly ignored: InvalidRecord[] = [];
  constructor(
    private readonly type: SyncedType,
    private readonly id: string,
  ) {}

  private note(property: string, value: string, expected: string): undefined {
    this.ignored.push({
      type: this.type,
      id: this.id,
      reason: boundedReason(`${property}: expected ${expected}, got ${JSON.stringify(value)} (ignored)`),
      kept: true,
    });
    return undefined;
  }

  instant(properties: HubSpotObject['properties'], name: string): number | undefined {
    const value = instantOf(properties[name]);
    return typeof value === 'string' ? this.note(name, value, 'a date') : value;
  }

  number(properties: HubSpotObject['properties'], name: string): number | undefined {
    const value = numberOf(properties[name]);
    return typeof value === 'string' ? this.note(name, value, 'a number') : value;
  }

  /** A property whose name, not value, cannot be used: listed, and the value dropped. */
  refuse(name: string, expected: string): undefined {
    return this.note('property name', name, expected);
  }

  email(properties: HubSpotObject['properties'], name: string): string | undefined {
    const value = textOf(properties[name]);
    if (value === undefined || EMAIL.test(value)) return value;
    return this.note(name, value, 'an e-mail address');
  }
}

// Deliberately loose (HubSpot validates addresses itself); it only rejects what cannot be an address at all.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * HubSpot sends every property as a string: datetimes as ISO 8601 (older portals: ms since epoch as digits), numbers
 * as decimal text, and "" or null for no value. A value that does not convert is passed on unchanged, so the model's
 * schema rejects the record with the field's name instead of the mapping guessing a value.
 */
export function instantOf(text: string | null | undefined): number | string | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  if (/^\d{10,}$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : text;
}

export function numberOf(text: string | null | undefined): number | string | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

function textOf(text: string | null | undefined): string | undefined {
  return text === null || text === undefined || text === '' ? undefined : text;
}

function booleanOf(text: string | null | undefined): boolean | string | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return textOf(text);
}

// hs_analytics_source values (HubSpot "Original source"); SOCIAL_MEDIA is HubSpot's name for organic social.
const SOURCE_ALIASES: Record<string, LeadSource> = { SOCIAL_MEDIA: 'organic_social' };

export function leadSourceOf(text: string | null | undefined): LeadSource {
  if (!text) return 'unknown';
  const alias = SOURCE_ALIASES[text];
  if (alias) return alias;
  const lower = text.toLowerCase();
  // A source HubSpot adds later is "unknown" to the metrics rather than a reason to reject the lead.
  return (leadSources as readonly string[]).includes(lower) ? (lower as LeadSource) : 'unknown';
}

function describeFailure(type: SyncedType, id: string, error: z.ZodError): Omit<InvalidRecord, 'kept'> {
  const issue = error.issues[0];
  const raw = issue && 'input' in issue && typeof issue.input === 'string' ? ` (${JSON.stringify(issue.input)})` : '';
  return { type, id: id || '(no id)', reason: boundedReason(`${firstIssueLine(error)}${raw}`) };
}

function checked<T>(
  type: SyncedType,
  id: string,
  schema: z.ZodType<T>,
  candidate: unknown,
  lenient?: Lenient,
): Mapped<T> {
  const parsed = schema.safeParse(candidate, { reportInput: true });
  return parsed.success
    ? { ok: true, record: parsed.data, ignored: lenient?.ignored ?? [] }
    : { ok: false, invalid: { ...describeFailure(type, id, parsed.error), kept: false } };
}

/**
 * HubSpot sends every property as text or null. A record with anything else there is not in HubSpot's shape (a proxy
 * or a fault garbled the response): it is invalid as a whole, so its page is read again, and the mapping never runs on
 * values it cannot read.
 */
export function shapeProblem(type: SyncedType, object: HubSpotObject): InvalidRecord | undefined {
  const properties: unknown = object.properties;
  if (properties === undefined || properties === null) return undefined;
  if (typeof properties !== 'object' || Array.isArray(properties))
    return { type, id: String(object.id), reason: 'properties: expected an object', kept: false };
  for (const [name, value] of Object.entries(properties)) {
    if (value !== null && value !== undefined && typeof value !== 'string')
      return {
        type,
        id: String(object.id),
        // The property's name is HubSpot's text too.
        reason: boundedReason(`${name}: expected text, got ${typeof value}`),
        kept: false,
      };
  }
  return undefined;
}

/** Ids of the contacts an object is associated with, each once (v3 lists a pair once per association type). */
export function contactIdsOf(object: HubSpotObject): string[] {
  const results = object.associations?.contacts?.results ?? [];
  return [...new Set(results.map((result) => String(result.id)))];
}

export function mapContact(object: HubSpotObject): Mapped<LeadRecord> {
  const p = object.properties ?? {};
  const lenient = new Lenient('contacts', object.id);
  const email = lenient.email(p, 'email') ?? '';
  const name = [textOf(p.firstname), textOf(p.lastname)].filter(Boolean).join(' ');
  const parsed = checked(
    'contacts',
    object.id,
    leadSchema,
    {
      id: object.id,
      email,
      name,
      ownerId: textOf(p.hubspot_owner_id),
      ownerAssignedAt: lenient.instant(p, 'hubspot_owner_assigneddate'),
      createdAt: instantOf(p.createdate),
      lifecycleStage: textOf(p.lifecyclestage) ?? '',
      leadStatus: textOf(p.hs_lead_status),
      stageDates: {
        lead: lenient.instant(p, 'hs_lifecyclestage_lead_date'),
        marketingqualifiedlead: lenient.instant(p, 'hs_lifecyclestage_marketingqualifiedlead_date'),
        salesqualifiedlead: lenient.instant(p, 'hs_lifecyclestage_salesqualifiedlead_date'),
        opportunity: lenient.instant(p, 'hs_lifecyclestage_opportunity_date'),
        customer: lenient.instant(p, 'hs_lifecyclestage_customer_date'),
      },
      source: leadSourceOf(p.hs_analytics_source),
      sourceDetail: textOf(p.hs_analytics_source_data_1),
      sourceTag: textOf(p[TAG_PROPERTIES.source]),
      campaign: textOf(p[TAG_PROPERTIES.campaign]),
      score: lenient.number(p, 'hubspotscore'),
      updatedAt: instantOf(p.lastmodifieddate),
      archived: object.archived ?? false,
    },
    lenient,
  );
  if (!parsed.ok) return parsed;
  const taggedAt = lenient.instant(p, TAG_PROPERTIES.at);
  const lead = parsed.record;
  const additional = (textOf(p.hs_additional_emails) ?? '').split(';');
  const emails = [...new Set([lead.email, ...additional].map((address) => address.trim().toLowerCase()))].filter(
    (address) => address.length > 0,
  );
  return {
    ok: true,
    ignored: lenient.ignored,
    record: {
      ...lead,
      emails,
      effectiveSource: lead.sourceTag ?? lead.source,
      ...(textOf(p[TAG_PROPERTIES.url]) ? { taggedUrl: textOf(p[TAG_PROPERTIES.url]) } : {}),
      ...(taggedAt !== undefined ? { taggedAt } : {}),
    },
  };
}

export type StageLookup = (pipelineId: string, stageId: string) => Stage | undefined;

/**
 * The deal's stage-entry dates from its `hs_v2_date_entered_<stageId>` properties, by stage id; undefined when it has
 * none. A date that does not convert costs that stage's entry only (listed, record kept), like any optional value. A
 * stage id that is a reserved key cannot be a dictionary key (record-keys.ts), so it is listed and left out too.
 */
function stageDatesOf(p: HubSpotObject['properties'], lenient: Lenient): Record<string, number> | undefined {
  const dates: Record<string, number> = {};
  let any = false;
  for (const name of Object.keys(p)) {
    if (!name.startsWith(DEAL_STAGE_DATE_PREFIX)) continue;
    const stageId = name.slice(DEAL_STAGE_DATE_PREFIX.length);
    const at = lenient.instant(p, name);
    if (at === undefined) continue;
    if (stageId === '' || isReservedKey(stageId)) {
      lenient.refuse(name, 'a stage id');
      continue;
    }
    dates[stageId] = at;
    any = true;
  }
  return any ? dates : undefined;
}

export function mapDeal(object: HubSpotObject, stageOf: StageLookup, leadIds?: string[]): Mapped<Deal> {
  const p = object.properties ?? {};
  const pipelineId = textOf(p.pipeline) ?? '';
  const stageId = textOf(p.dealstage) ?? '';
  const stage = stageOf(pipelineId, stageId);
  const lenient = new Lenient('deals', object.id);
  // HubSpot leaves amount_in_home_currency empty when `amount` is not a number; that amount counts as missing (0)
  // and the deal is listed, because the rep typed something that is not money.
  const amount = lenient.number(p, 'amount_in_home_currency');
  lenient.number(p, 'amount');
  // HubSpot computes hs_is_closed / hs_is_closed_won from the stage; the pipeline metadata is the fallback for
  // portals or API versions that leave them out.
  return checked(
    'deals',
    object.id,
    dealSchema,
    {
      id: object.id,
      amount,
      pipelineId,
      stageId,
      stageDates: stageDatesOf(p, lenient),
      createdAt: instantOf(p.createdate),
      closeDate: lenient.instant(p, 'closedate'),
      isClosed: booleanOf(p.hs_is_closed) ?? stage?.isClosed ?? false,
      isWon: booleanOf(p.hs_is_closed_won) ?? stage?.isWon ?? false,
      ownerId: textOf(p.hubspot_owner_id),
      leadIds: leadIds ?? contactIdsOf(object),
    },
    lenient,
  );
}

const KIND = { emails: 'email', calls: 'call', meetings: 'meeting', notes: 'note', tasks: 'task' } as const;

/**
 * E-mail directions: EMAIL is sent, INCOMING_EMAIL received; a FORWARDED_EMAIL is neither a reply to the lead nor
 * the lead writing, so it counts as `none`. Calls: OUTBOUND / INBOUND. Meetings, notes and tasks have no direction.
 */
const DIRECTIONS: Record<string, TouchDirection> = {
  EMAIL: 'out',
  INCOMING_EMAIL: 'in',
  FORWARDED_EMAIL: 'none',
  OUTBOUND: 'out',
  INBOUND: 'in',
};

export function mapEngagement(
  type: keyof typeof KIND,
  object: HubSpotObject,
  automation: AutomationRule,
  leadIds?: string[],
): Mapped<Touch> {
  const p = object.properties ?? {};
  const property = directionProperty(type);
  const rawDirection = property ? textOf(p[property]) : undefined;
  // An unrecognised direction is passed through so the record is reported rather than guessed.
  const direction = rawDirection === undefined ? 'none' : (DIRECTIONS[rawDirection] ?? rawDirection);
  const source = textOf(p[automation.property]);
  const lenient = new Lenient(type, object.id);
  // Not in the model, but read so that a malformed duration is reported like any other bad value.
  if (type === 'calls') lenient.number(p, 'hs_call_duration');
  return checked(
    type,
    object.id,
    touchSchema,
    {
      id: object.id,
      kind: KIND[type],
      direction,
      at: instantOf(p.hs_timestamp),
      ownerId: textOf(p.hubspot_owner_id),
      leadIds: leadIds ?? contactIdsOf(object),
      automated: source !== undefined && automation.values.includes(source),
    },
    lenient,
  );
}

export function mapFeedback(object: HubSpotObject, leadIds?: string[]): Mapped<Feedback> {
  const p = object.properties ?? {};
  const surveyType = textOf(p.hs_survey_type)?.toLowerCase();
  const contacts = leadIds ?? contactIdsOf(object);
  const mapped = checked('feedback', object.id, feedbackSchema, {
    id: object.id,
    leadId: contacts[0],
    at: instantOf(p.hs_submission_timestamp) ?? instantOf(p.hs_createdate),
    kind: surveyType,
    score: numberOf(p.hs_value),
  });
  if (!mapped.ok) return mapped;
  // The model checks the scale on the whole table; a single record is checked here (NPS 0–10, CSAT 1–5).
  const [low, high] = mapped.record.kind === 'nps' ? [0, 10] : [1, 5];
  if (mapped.record.score < low || mapped.record.score > high) {
    return {
      ok: false,
      invalid: {
        type: 'feedback',
        id: object.id,
        reason: `score: expected a ${mapped.record.kind.toUpperCase()} score from ${low} to ${high}, got ${mapped.record.score}`,
        kept: false,
      },
    };
  }
  return mapped;
}

/** Modification instant of any object, for search windows; NaN when HubSpot sent none or garbage. */
export function modifiedAtOf(type: SyncedType, object: HubSpotObject): number {
  const value = instantOf(object.properties?.[lastModifiedProperty(type)]);
  return typeof value === 'number' ? value : Number.NaN;
}

export interface HubSpotOwner {
  id: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

export function mapOwner(owner: HubSpotOwner): Owner | undefined {
  const parsed = ownerSchema.safeParse({
    id: String(owner.id),
    name: [owner.firstName, owner.lastName].filter(Boolean).join(' '),
    email: owner.email ?? '',
  });
  return parsed.success ? parsed.data : undefined;
}

export interface HubSpotPipeline {
  id: string;
  label?: string;
  stages: { id: string; label?: string; displayOrder?: number; metadata?: Record<string, string | undefined> }[];
}

/** Stage probability and closed/won state come from the stage's metadata (`probability` "0.2", `isClosed` "true"). */
export function mapStages(pipelines: HubSpotPipeline[]): Stage[] {
  const stages: Stage[] = [];
  for (const pipeline of pipelines) {
    for (const stage of pipeline.stages) {
      const probability = Number(stage.metadata?.probability ?? 0);
      const isClosed = stage.metadata?.isClosed === 'true';
      const parsed = stageSchema.safeParse({
        pipelineId: pipeline.id,
        stageId: stage.id,
        label: stage.label ?? '',
        order: stage.displayOrder ?? 0,
        probability: Number.isFinite(probability) ? Math.min(1, Math.max(0, probability)) : 0,
        isClosed,
        // HubSpot marks won stages by probability 1 among the closed ones.
        isWon: isClosed && probability >= 1,
        ...(pipeline.label ? { pipelineLabel: pipeline.label } : {}),
      });
      if (parsed.success) stages.push(parsed.data);
    }
  }
  return stages;
}

export interface HubSpotPropertyDefinition {
  name: string;
  options?: { value: string; label?: string; displayOrder?: number; hidden?: boolean }[];
}

/** Lifecycle stages and lead statuses in the portal's display order, custom options included. */
export function mapOptions(property: HubSpotPropertyDefinition): LifecycleStage[] & LeadStatusOption[] {
  const options = [...(property.options ?? [])].filter((option) => !option.hidden);
  options.sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0));
  return options.map((option, order) => ({ value: option.value, label: option.label ?? option.value, order }));
}
