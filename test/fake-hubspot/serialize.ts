// Records as HubSpot's v3 object endpoints return them: string property values (null when named but empty),
// ISO dates, inline associations under the target type's plural name, `propertiesWithHistory` newest first.
import { OBJECT_INFO, OBJECT_TYPES, type ObjectType, resolveObjectType } from './objects.ts';
import { type CrmRecord, iso, type PortalStore, type PropertyValue } from './store.ts';

export interface SerializeOptions {
  /** Names asked for; null = the type's defaults. */
  properties: string[] | null;
  propertiesWithHistory: string[] | null;
  associations: ObjectType[] | null;
  /** What search sees may lag behind (eventual consistency): values to read instead of the record's own. */
  props?: Record<string, PropertyValue>;
}

export interface SerializedRecord {
  id: string;
  properties: Record<string, PropertyValue>;
  propertiesWithHistory?: Record<string, unknown[]>;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** The property names a response carries: those asked for that exist, plus the ids and dates HubSpot always adds. */
export function propertyNames(store: PortalStore, type: ObjectType, asked: string[] | null): string[] {
  const info = OBJECT_INFO[type];
  const always = [info.createdProperty, info.lastModifiedProperty, 'hs_object_id'];
  if (asked === null || asked.length === 0) return [...new Set([...info.defaultProperties, ...always])].sort();
  const names = new Set(always);
  // Properties that do not exist are left out silently, as HubSpot does on reads.
  for (const name of asked) if (store.properties.get(type, name)) names.add(name);
  return [...names].sort();
}

/** `associations=companies,deal,0-49`: resolved to types the portal knows; unknown names are ignored. */
export function associationTypesParam(values: string[] | null): ObjectType[] | null {
  if (!values) return null;
  const out: ObjectType[] = [];
  for (const value of values) {
    const type = resolveObjectType(value);
    if (type && !out.includes(type)) out.push(type);
  }
  return out;
}

export function serializeRecord(
  store: PortalStore,
  record: CrmRecord,
  names: string[],
  options: SerializeOptions,
): SerializedRecord {
  const properties: Record<string, PropertyValue> = {};
  const props = options.props ?? record.props;
  for (const name of names) properties[name] = store.value(record, name, props);
  const out: SerializedRecord = {
    id: String(record.id),
    properties,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    archived: record.archived,
  };
  if (record.archived && record.archivedAt !== null) out.archivedAt = iso(record.archivedAt);
  if (options.propertiesWithHistory && options.propertiesWithHistory.length > 0) {
    const history: Record<string, unknown[]> = {};
    for (const name of options.propertiesWithHistory) {
      if (store.properties.get(record.type, name)) history[name] = store.history(record, name);
    }
    out.propertiesWithHistory = history;
  }
  if (options.associations && options.associations.length > 0) {
    const associations: Record<string, { results: { id: string; type: string }[] }> = {};
    for (const toType of options.associations) {
      const results: { id: string; type: string }[] = [];
      for (const toId of store.associatedIds(record.type, record.id, toType)) {
        for (const assocType of store.associationTypesOf(record.type, record.id, toType, toId)) {
          results.push({ id: String(toId), type: assocType.name });
        }
      }
      // HubSpot leaves out a type with no associations rather than sending an empty list.
      if (results.length > 0) associations[toType] = { results };
    }
    if (Object.keys(associations).length > 0) out.associations = associations;
  }
  return out;
}

export { OBJECT_TYPES };
