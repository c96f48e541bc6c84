// POST /crm/v3/objects/{type}/search as HubSpot documents it: filter groups ORed, filters ANDed, at most 5 groups of
// 6 filters and 18 filters in all, one sort, `after` as a numeric offset, `limit` ≤ 200, no paging past 10 000
// results, archived records never. Values compare by the property's type; dates as epoch milliseconds.
import { type ApiResult, type ErrorDetail, isRecord, validationError } from './http.ts';
import { OBJECT_INFO, type ObjectType, resolveObjectType } from './objects.ts';
import type { PropertyType } from './properties.ts';
import { propertyNames, type SerializedRecord, serializeRecord } from './serialize.ts';
import type { CrmRecord, PortalStore, PropertyValue } from './store.ts';

export const SEARCH_MAX_LIMIT = 200;
export const SEARCH_MAX_RESULTS = 10_000;
const MAX_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS = 18;

const OPERATORS = new Set([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);

interface Filter {
  propertyName: string;
  operator: string;
  value?: string;
  highValue?: string;
  values?: string[];
  /** Set for "associations.contact" style pseudo-properties. */
  associationType?: ObjectType;
  propertyType: PropertyType;
}

interface Sort {
  propertyName: string;
  descending: boolean;
  propertyType: PropertyType;
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Dates in filters are epoch milliseconds (HubSpot's documented form); ISO strings are accepted too. */
function toComparable(value: string, type: PropertyType): number | string {
  if (type === 'number') {
    const n = Number(value);
    return Number.isFinite(n) && value.trim() !== '' ? n : Number.NaN;
  }
  if (type === 'datetime' || type === 'date') {
    if (/^-?\d+$/.test(value.trim())) return Number(value);
    const parsed = Date.parse(value);
    return Number.isFinite(parsed) ? parsed : Number.NaN;
  }
  return value.toLowerCase();
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
    return a - b;
  }
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** CONTAINS_TOKEN: a whole word of the value, or a `*` wildcard pattern over the whole value. */
function containsToken(value: string, token: string): boolean {
  const needle = token.toLowerCase();
  const haystack = value.toLowerCase();
  if (needle.includes('*')) {
    const pattern = needle.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^${pattern.join('.*')}$`, 's').test(haystack);
  }
  return haystack.split(/[^\p{L}\p{N}@._-]+/u).includes(needle) || haystack === needle;
}

export interface ParsedSearch {
  groups: Filter[][];
  sort: Sort | null;
  query: string | null;
  properties: string[] | null;
  limit: number;
  after: number;
}

export function parseSearch(store: PortalStore, type: ObjectType, body: unknown): ParsedSearch | ApiResult {
  const input = isRecord(body) ? body : {};
  const errors: ErrorDetail[] = [];
  const rawGroups = Array.isArray(input.filterGroups) ? input.filterGroups : [];
  if (rawGroups.length > MAX_GROUPS) {
    errors.push({ message: `filterGroups: at most ${MAX_GROUPS} filter groups are allowed`, code: 'TOO_MANY_GROUPS' });
  }
  let total = 0;
  const groups: Filter[][] = [];
  for (const rawGroup of rawGroups) {
    const rawFilters = isRecord(rawGroup) && Array.isArray(rawGroup.filters) ? rawGroup.filters : [];
    if (rawFilters.length > MAX_FILTERS_PER_GROUP) {
      errors.push({
        message: `filters: at most ${MAX_FILTERS_PER_GROUP} filters are allowed in a group`,
        code: 'TOO_MANY_FILTERS',
      });
    }
    total += rawFilters.length;
    const filters: Filter[] = [];
    for (const rawFilter of rawFilters) {
      if (!isRecord(rawFilter)) {
        errors.push({ message: 'filter must be an object', code: 'INVALID_FILTER' });
        continue;
      }
      const propertyName = scalar(rawFilter.propertyName) ?? '';
      const operator = scalar(rawFilter.operator) ?? 'EQ';
      if (!OPERATORS.has(operator)) {
        errors.push({ message: `Unknown operator ${operator}`, code: 'INVALID_OPERATOR', in: 'operator' });
        continue;
      }
      const filter: Filter = { propertyName, operator, propertyType: 'string' };
      const assoc = /^associations\.(.+)$/.exec(propertyName);
      if (assoc?.[1]) {
        const target = resolveObjectType(assoc[1]);
        if (!target) {
          errors.push({ message: `Unknown association type ${assoc[1]}`, code: 'INVALID_PROPERTY' });
          continue;
        }
        filter.associationType = target;
      } else {
        const definition = store.properties.get(type, propertyName);
        if (!definition) {
          errors.push({
            message: `Property ${propertyName} does not exist`,
            code: 'PROPERTY_DOESNT_EXIST',
            context: { propertyName: [propertyName] },
          });
          continue;
        }
        filter.propertyType = definition.type;
      }
      const value = scalar(rawFilter.value);
      const highValue = scalar(rawFilter.highValue);
      if (value !== undefined) filter.value = value;
      if (highValue !== undefined) filter.highValue = highValue;
      if (Array.isArray(rawFilter.values)) {
        filter.values = rawFilter.values.map((v) => scalar(v)).filter((v): v is string => v !== undefined);
      }
      const needsValue = !['HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'].includes(operator);
      if (needsValue && filter.value === undefined) {
        errors.push({ message: `Filter on ${propertyName} with ${operator} needs a value`, code: 'MISSING_VALUE' });
      }
      if (operator === 'BETWEEN' && filter.highValue === undefined) {
        errors.push({ message: `BETWEEN on ${propertyName} needs a highValue`, code: 'MISSING_VALUE' });
      }
      if ((operator === 'IN' || operator === 'NOT_IN') && (!filter.values || filter.values.length === 0)) {
        errors.push({ message: `${operator} on ${propertyName} needs values`, code: 'MISSING_VALUE' });
      }
      filters.push(filter);
    }
    groups.push(filters);
  }
  if (total > MAX_FILTERS) {
    errors.push({ message: `at most ${MAX_FILTERS} filters are allowed in all`, code: 'TOO_MANY_FILTERS' });
  }

  let sort: Sort | null = null;
  const rawSorts = Array.isArray(input.sorts) ? input.sorts : [];
  if (rawSorts.length > 1) errors.push({ message: 'Only one sort is allowed', code: 'TOO_MANY_SORTS' });
  const rawSort = rawSorts[0];
  if (rawSort !== undefined) {
    let propertyName = '';
    let descending = false;
    if (typeof rawSort === 'string') {
      descending = rawSort.startsWith('-');
      propertyName = descending ? rawSort.slice(1) : rawSort;
    } else if (isRecord(rawSort)) {
      propertyName = scalar(rawSort.propertyName) ?? '';
      descending = scalar(rawSort.direction)?.toUpperCase() === 'DESCENDING';
    }
    const definition = store.properties.get(type, propertyName);
    if (!definition) {
      errors.push({ message: `Cannot sort on unknown property ${propertyName}`, code: 'PROPERTY_DOESNT_EXIST' });
    } else {
      sort = { propertyName, descending, propertyType: definition.type };
    }
  }

  const limitValue = input.limit === undefined ? 10 : Number(input.limit);
  if (!Number.isInteger(limitValue) || limitValue < 0 || limitValue > SEARCH_MAX_LIMIT) {
    errors.push({ message: `limit must be between 0 and ${SEARCH_MAX_LIMIT}`, code: 'INVALID_LIMIT', in: 'limit' });
  }
  const afterRaw = input.after === undefined || input.after === null ? '0' : scalar(input.after);
  const after = afterRaw === undefined || !/^\d+$/.test(afterRaw) ? Number.NaN : Number(afterRaw);
  if (Number.isNaN(after))
    errors.push({ message: 'after must be a numeric offset', code: 'INVALID_AFTER', in: 'after' });
  if (errors.length > 0) {
    return validationError(`There was a problem with the request. ${errors.map((e) => e.message).join('; ')}`, errors);
  }
  // Paging beyond 10 000 results is refused outright (HubSpot: "will result in a 400 error").
  if (after + limitValue > SEARCH_MAX_RESULTS) {
    return validationError(`Paging beyond ${SEARCH_MAX_RESULTS} results is not supported by search`, [
      { message: `after + limit must not exceed ${SEARCH_MAX_RESULTS}`, code: 'RESULT_WINDOW_EXCEEDED', in: 'after' },
    ]);
  }
  const properties = Array.isArray(input.properties)
    ? input.properties.map((p) => scalar(p)).filter((p): p is string => p !== undefined)
    : null;
  const query = scalar(input.query) ?? null;
  return { groups, sort, query, properties, limit: limitValue, after };
}

function matches(store: PortalStore, record: CrmRecord, props: Record<string, PropertyValue>, filter: Filter): boolean {
  if (filter.associationType) {
    const ids = store.associatedIds(record.type, record.id, filter.associationType).map(String);
    switch (filter.operator) {
      case 'EQ':
        return ids.includes(filter.value ?? '');
      case 'NEQ':
        return !ids.includes(filter.value ?? '');
      case 'IN':
        return ids.some((id) => filter.values?.includes(id));
      case 'NOT_IN':
        return !ids.some((id) => filter.values?.includes(id));
      case 'HAS_PROPERTY':
        return ids.length > 0;
      case 'NOT_HAS_PROPERTY':
        return ids.length === 0;
      default:
        return false;
    }
  }
  const raw = store.value(record, filter.propertyName, props);
  if (filter.operator === 'HAS_PROPERTY') return raw !== null && raw !== '';
  if (filter.operator === 'NOT_HAS_PROPERTY') return raw === null || raw === '';
  // A record without the value matches no comparison, NEQ and NOT_IN included (unverified; see README).
  if (raw === null || raw === '') return false;
  const type = filter.propertyType;
  const value = toComparable(raw, type);
  switch (filter.operator) {
    case 'EQ':
      return compare(value, toComparable(filter.value ?? '', type)) === 0;
    case 'NEQ':
      return compare(value, toComparable(filter.value ?? '', type)) !== 0;
    case 'LT':
      return compare(value, toComparable(filter.value ?? '', type)) < 0;
    case 'LTE':
      return compare(value, toComparable(filter.value ?? '', type)) <= 0;
    case 'GT':
      return compare(value, toComparable(filter.value ?? '', type)) > 0;
    case 'GTE':
      return compare(value, toComparable(filter.value ?? '', type)) >= 0;
    case 'BETWEEN':
      return (
        compare(value, toComparable(filter.value ?? '', type)) >= 0 &&
        compare(value, toComparable(filter.highValue ?? '', type)) <= 0
      );
    case 'IN':
      return (filter.values ?? []).some((v) => compare(value, toComparable(v, type)) === 0);
    case 'NOT_IN':
      return !(filter.values ?? []).some((v) => compare(value, toComparable(v, type)) === 0);
    case 'CONTAINS_TOKEN':
      return containsToken(raw, filter.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return !containsToken(raw, filter.value ?? '');
    default:
      return false;
  }
}

export interface SearchResponse {
  total: number;
  results: SerializedRecord[];
  paging?: { next: { after: string; link?: string } };
}

export function runSearch(store: PortalStore, type: ObjectType, search: ParsedSearch, now: number): SearchResponse {
  const hits: { record: CrmRecord; props: Record<string, PropertyValue> }[] = [];
  const query = search.query?.toLowerCase().trim() || null;
  const queryProperties = OBJECT_INFO[type].queryProperties;
  for (const record of store.list(type)) {
    let props = record.props;
    let archived = record.archived;
    const shadow = record.searchShadow;
    if (shadow) {
      if (now < shadow.until) {
        // Eventual consistency: the index still holds the record as it was, or does not know it yet.
        if (shadow.props === null) continue;
        props = shadow.props;
        archived = shadow.archived;
      } else {
        record.searchShadow = null;
      }
    }
    if (archived) continue;
    if (query) {
      let found = false;
      for (const name of queryProperties) {
        const value = props[name];
        if (value?.toLowerCase().includes(query)) {
          found = true;
          break;
        }
      }
      if (!found) continue;
    }
    if (search.groups.length > 0) {
      const ok = search.groups.some((group) => group.every((filter) => matches(store, record, props, filter)));
      if (!ok) continue;
    }
    hits.push({ record, props });
  }
  const sort = search.sort;
  if (sort) {
    const keyed = hits.map((hit) => {
      const raw = store.value(hit.record, sort.propertyName, hit.props);
      return { hit, key: raw === null ? null : toComparable(raw, sort.propertyType) };
    });
    keyed.sort((a, b) => {
      // Records without the value go last either way; ties keep id order.
      if (a.key === null || b.key === null) return a.key === null ? (b.key === null ? 0 : 1) : -1;
      const c = compare(a.key, b.key);
      const order = Number.isNaN(c) ? 0 : c;
      return sort.descending ? -order : order;
    });
    hits.length = 0;
    for (const entry of keyed) hits.push(entry.hit);
  }
  const names = propertyNames(store, type, search.properties);
  const page = hits.slice(search.after, search.after + search.limit);
  const response: SearchResponse = {
    total: hits.length,
    results: page.map((hit) =>
      serializeRecord(store, hit.record, names, {
        properties: search.properties,
        propertiesWithHistory: null,
        associations: null,
        props: hit.props,
      }),
    ),
  };
  const next = search.after + search.limit;
  if (next < hits.length && search.limit > 0) response.paging = { next: { after: String(next) } };
  return response;
}
