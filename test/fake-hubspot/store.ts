// The portal's records in memory: one id-sorted array and one Map per object type, so list paging is a binary
// search and a get is a Map lookup; associations in Maps keyed by "from|to". Writes go through this class so that
// modification dates, history and the search delay (eventual consistency) are kept in one place.
import { associationTypes, OBJECT_INFO, OBJECT_TYPES, type ObjectType, primaryCompanyPair } from './objects.ts';
import { LIFECYCLE_STAGES, PropertyRegistry } from './properties.ts';

export type PropertyValue = string | null;

export interface HistoryEntry {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId?: string;
  updatedByUserId?: number;
}

export interface CrmRecord {
  id: number;
  type: ObjectType;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt: number | null;
  /** Stored property values, all strings (HubSpot's wire format). Derived ones (ids, dates) are not stored. */
  props: Record<string, PropertyValue>;
  /** How the record came in, for `propertiesWithHistory` (FORM, IMPORT, CRM_UI, API, SEQUENCES…). */
  sourceType: string;
  /** Changes after creation, oldest first; null until the first change. */
  changes: Map<string, HistoryEntry[]> | null;
  /** Deal stages the deal went through as generated, oldest first: [stageId, at]. */
  stagePath?: [string, number][];
  /** What search sees until `until` (eventual consistency); null props = not yet visible at all. */
  searchShadow: { props: Record<string, PropertyValue> | null; archived: boolean; until: number } | null;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  type: 'PERSON' | 'QUEUE';
  teams: { id: string; name: string; primary: boolean }[];
  /** Generator-only: whether this rep's behaviour changes at adoption (one rep stays as before: a control). */
  adopts: boolean;
}

export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: { isClosed: string; probability: string };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  writePermissions: string;
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  stages: PipelineStage[];
}

export interface AccountInfo {
  portalId: number;
  accountType: string;
  timeZone: string;
  companyCurrency: string;
  additionalCurrencies: string[];
  utcOffset: string;
  utcOffsetMilliseconds: number;
  uiDomain: string;
  dataHostingLocation: string;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class PortalStore {
  readonly records = new Map<ObjectType, CrmRecord[]>();
  readonly byId = new Map<ObjectType, Map<number, CrmRecord>>();
  /** "from|to" → from id → associated ids, first = primary where the pair has a primary. */
  readonly associations = new Map<string, Map<number, number[]>>();
  /** Lower-cased e-mail → contact ids (the generator's case duplicates share a key). */
  readonly contactsByEmail = new Map<string, number[]>();
  readonly properties = new PropertyRegistry();
  readonly nextId = new Map<ObjectType, number>();
  /** Search lags writes by this much when set (HubSpot's search index is eventually consistent). */
  searchDelayMs = 0;

  constructor(
    readonly account: AccountInfo,
    readonly owners: Owner[],
    readonly pipelines: Pipeline[],
  ) {
    for (const type of OBJECT_TYPES) {
      this.records.set(type, []);
      this.byId.set(type, new Map());
    }
    this.properties.setOptions(
      'contacts',
      'hubspot_owner_id',
      owners.map((owner) => owner.id),
    );
    this.properties.setOptions(
      'deals',
      'pipeline',
      pipelines.map((pipeline) => pipeline.id),
    );
    this.properties.setOptions(
      'deals',
      'dealstage',
      pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => stage.id)),
    );
    this.properties.addDealStageDates(pipelines.flatMap((pipeline) => pipeline.stages));
  }

  list(type: ObjectType): CrmRecord[] {
    const list = this.records.get(type);
    if (!list) throw new Error(`unknown type ${type}`);
    return list;
  }

  get(type: ObjectType, id: number): CrmRecord | undefined {
    return this.byId.get(type)?.get(id);
  }

  /** Allocates the next id of a type; ids only grow, so appending keeps each array sorted. */
  allocateId(type: ObjectType): number {
    const id = this.nextId.get(type) ?? 1;
    this.nextId.set(type, id + 1);
    return id;
  }

  insert(record: CrmRecord, now?: number): void {
    const list = this.list(record.type);
    const last = list[list.length - 1];
    if (last && last.id >= record.id) throw new Error(`ids must grow: ${record.type} ${record.id}`);
    list.push(record);
    this.byId.get(record.type)?.set(record.id, record);
    if (this.nextId.get(record.type) === undefined || (this.nextId.get(record.type) ?? 0) <= record.id) {
      this.nextId.set(record.type, record.id + 1);
    }
    if (record.type === 'contacts') this.indexEmail(record);
    if (now !== undefined && this.searchDelayMs > 0) {
      record.searchShadow = { props: null, archived: false, until: now + this.searchDelayMs };
    }
  }

  private indexEmail(record: CrmRecord): void {
    const email = record.props.email;
    if (!email) return;
    const key = email.toLowerCase();
    const ids = this.contactsByEmail.get(key);
    if (ids) ids.push(record.id);
    else this.contactsByEmail.set(key, [record.id]);
  }

  private unindexEmail(record: CrmRecord): void {
    const email = record.props.email;
    if (!email) return;
    const key = email.toLowerCase();
    const ids = this.contactsByEmail.get(key)?.filter((id) => id !== record.id) ?? [];
    if (ids.length > 0) this.contactsByEmail.set(key, ids);
    else this.contactsByEmail.delete(key);
  }

  /** The live contact with this address (case-insensitive), as HubSpot's unique e-mail check sees it. */
  contactByEmail(email: string): CrmRecord | undefined {
    for (const id of this.contactsByEmail.get(email.toLowerCase()) ?? []) {
      const record = this.get('contacts', id);
      if (record && !record.archived) return record;
    }
    return undefined;
  }

  associate(fromType: ObjectType, fromId: number, toType: ObjectType, toId: number): void {
    this.addOneWay(fromType, fromId, toType, toId);
    this.addOneWay(toType, toId, fromType, fromId);
  }

  private addOneWay(fromType: ObjectType, fromId: number, toType: ObjectType, toId: number): void {
    const key = `${fromType}|${toType}`;
    let map = this.associations.get(key);
    if (!map) {
      map = new Map();
      this.associations.set(key, map);
    }
    const ids = map.get(fromId);
    if (!ids) map.set(fromId, [toId]);
    else if (!ids.includes(toId)) ids.push(toId);
  }

  /** Associated ids in insertion order, without archived targets (HubSpot hides those). */
  associatedIds(fromType: ObjectType, fromId: number, toType: ObjectType): number[] {
    const ids = this.associations.get(`${fromType}|${toType}`)?.get(fromId);
    if (!ids) return [];
    const out: number[] = [];
    for (const id of ids) {
      const target = this.get(toType, id);
      if (target && !target.archived) out.push(id);
    }
    return out;
  }

  /** Whether (from → to) is a primary association: the company is the first company of the contact or deal. */
  isPrimary(fromType: ObjectType, fromId: number, toType: ObjectType, toId: number): boolean {
    if (!primaryCompanyPair(fromType, toType)) return false;
    if (toType === 'companies') return this.associatedIds(fromType, fromId, 'companies')[0] === toId;
    return this.associatedIds(toType, toId, 'companies')[0] === fromId;
  }

  associationTypesOf(fromType: ObjectType, fromId: number, toType: ObjectType, toId: number) {
    return associationTypes(fromType, toType, this.isPrimary(fromType, fromId, toType, toId));
  }

  /** A property's value as HubSpot reports it: stored, or derived from the record's own fields. */
  value(record: CrmRecord, name: string, props: Record<string, PropertyValue> = record.props): PropertyValue {
    const stored = props[name];
    if (stored !== undefined) return stored;
    const info = OBJECT_INFO[record.type];
    if (name === 'hs_object_id') return String(record.id);
    if (name === info.createdProperty || name === 'createdate' || name === 'hs_createdate')
      return iso(record.createdAt);
    if (name === info.lastModifiedProperty) return iso(record.updatedAt);
    return null;
  }

  /** Applies a write: new values, modification date, history and the search delay. */
  update(record: CrmRecord, values: Record<string, PropertyValue>, now: number, sourceType: string): void {
    if (this.searchDelayMs > 0 && !record.searchShadow) {
      record.searchShadow = { props: { ...record.props }, archived: record.archived, until: now + this.searchDelayMs };
    }
    const emailChanges = record.type === 'contacts' && values.email !== undefined;
    if (emailChanges) this.unindexEmail(record);
    for (const [name, value] of Object.entries(values)) {
      if (!record.changes) record.changes = new Map();
      let entries = record.changes.get(name);
      if (!entries) {
        // Keep the generated value as the first entry, so history still shows where the value came from.
        entries = this.history(record, name).reverse();
        record.changes.set(name, entries);
      }
      record.props[name] = value === '' ? null : value;
      entries.push({ value: value ?? '', timestamp: iso(now), sourceType });
    }
    if (emailChanges) this.indexEmail(record);
    // HubSpot moves the modification date forward on every write; a clock that stands still must still move it.
    record.updatedAt = Math.max(now, record.updatedAt + 1);
  }

  archive(record: CrmRecord, now: number): void {
    if (this.searchDelayMs > 0 && !record.searchShadow) {
      record.searchShadow = { props: { ...record.props }, archived: false, until: now + this.searchDelayMs };
    }
    record.archived = true;
    record.archivedAt = now;
    record.updatedAt = Math.max(now, record.updatedAt + 1);
  }

  /** History of one property, newest first, as `propertiesWithHistory` returns it. */
  history(record: CrmRecord, name: string): HistoryEntry[] {
    const changed = record.changes?.get(name);
    if (changed) return [...changed].reverse();
    const out: HistoryEntry[] = [];
    if (record.type === 'contacts' && name === 'lifecyclestage') {
      for (const stage of LIFECYCLE_STAGES) {
        const at = record.props[`hs_lifecyclestage_${stage}_date`];
        if (at) out.push({ value: stage, timestamp: at, sourceType: 'CRM_UI' });
      }
      out.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    } else if (record.type === 'deals' && name === 'dealstage' && record.stagePath) {
      for (const [stage, at] of record.stagePath) out.push({ value: stage, timestamp: iso(at), sourceType: 'CRM_UI' });
    } else {
      const initial = this.value(record, name);
      if (initial !== null) {
        out.push({ value: initial, timestamp: iso(record.createdAt), sourceType: record.sourceType });
      }
    }
    return out.reverse();
  }
}
