// The API routes LeadLens calls, with HubSpot's paths, parameters, shapes and errors. Auth, rate limits and faults
// are applied around these by server.ts; handlers here are synchronous functions of (request, store, clock).
import {
  type ApiResult,
  type ErrorDetail,
  hubspotError,
  isRecord,
  listParam,
  notFound,
  validationError,
} from './http.ts';
import { checkCreate } from './create-checks.ts';
import { hasAssociationPair, OBJECT_INFO, type ObjectType, resolveObjectType } from './objects.ts';
import type { PropertyDefinition } from './properties.ts';
import {
  anyToken,
  associationRead,
  objectRead,
  objectWrite,
  ownersRead,
  type ScopeRequirement,
  schemaRead,
  schemaWrite,
} from './scopes.ts';
import { parseSearch, runSearch } from './search.ts';
import { associationTypesParam, propertyNames, serializeRecord } from './serialize.ts';
import type { CrmRecord, PortalStore, PropertyValue } from './store.ts';

export const LIST_DEFAULT_LIMIT = 10;
export const LIST_MAX_LIMIT = 100;
/** HubSpot caps a page at 50 records when `propertiesWithHistory` is asked for. */
export const LIST_MAX_LIMIT_WITH_HISTORY = 50;
export const BATCH_MAX_INPUTS = 100;

export interface ApiRequest {
  method: string;
  url: URL;
  body: unknown;
  /** Where paging links point (HubSpot's are absolute URLs on api.hubapi.com). */
  origin: string;
}

export interface ApiEnv {
  store: PortalStore;
  now(): number;
  /** Called for every accepted write, so the admin log and live views can follow. */
  onWrite?(record: CrmRecord): void;
}

export interface Route {
  /** A stable name for counters: "GET /crm/v3/objects/{type}". */
  key: string;
  /** The scopes that let a token through (scopes.ts). */
  scopes: ScopeRequirement;
  /** Search has its own per-second limit and no rate headers. */
  search: boolean;
  /** Reached on a date-based path (`/crm/objects/2026-09/…`), whose answers follow HubSpot's dated specs. */
  dated?: boolean;
  handle(request: ApiRequest, env: ApiEnv): ApiResult;
}

function unknownType(segment: string): ApiResult {
  return validationError(`Unable to infer object type from: ${segment}`, [
    { message: `Unable to infer object type from: ${segment}`, code: 'INVALID_OBJECT_TYPE' },
  ]);
}

function parseBool(value: string | null): boolean {
  return value === 'true';
}

/** Finds the index of the first record with id ≥ `after` (records are sorted by id). */
function lowerBound(list: CrmRecord[], after: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.id ?? 0) < after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pagingLink(request: ApiRequest, after: string): string {
  const url = new URL(request.url.pathname + request.url.search, request.origin);
  url.searchParams.set('after', after);
  return url.toString();
}

function listObjects(type: ObjectType, request: ApiRequest, env: ApiEnv): ApiResult {
  const params = request.url.searchParams;
  const properties = listParam(params, 'properties');
  const withHistory = listParam(params, 'propertiesWithHistory');
  const associations = associationTypesParam(listParam(params, 'associations'));
  const archived = parseBool(params.get('archived'));
  const max = withHistory && withHistory.length > 0 ? LIST_MAX_LIMIT_WITH_HISTORY : LIST_MAX_LIMIT;
  const limitRaw = params.get('limit');
  let limit = limitRaw === null ? LIST_DEFAULT_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1) {
    return validationError(`limit must be a positive integer, got ${limitRaw}`, [
      { message: 'limit must be a positive integer', code: 'INVALID_LIMIT', in: 'limit' },
    ]);
  }
  // Over the maximum HubSpot returns the maximum rather than an error (unverified for every object type).
  limit = Math.min(limit, max);
  const afterRaw = params.get('after');
  const after = afterRaw === null || afterRaw === '' ? 0 : Number(afterRaw);
  if (!Number.isFinite(after)) {
    return validationError(`after is not a valid cursor: ${afterRaw}`, [
      { message: 'invalid after', code: 'INVALID_AFTER', in: 'after' },
    ]);
  }
  const list = env.store.list(type);
  const names = propertyNames(env.store, type, properties);
  const results = [];
  let index = lowerBound(list, after);
  let last: CrmRecord | undefined;
  for (; index < list.length && results.length < limit; index++) {
    const record = list[index];
    if (!record || record.archived !== archived) continue;
    last = record;
    results.push(
      serializeRecord(env.store, record, names, { properties, propertiesWithHistory: withHistory, associations }),
    );
  }
  // Paging is absent on the last page: look ahead for one more matching record.
  let more = false;
  for (; index < list.length; index++) {
    if (list[index]?.archived === archived) {
      more = true;
      break;
    }
  }
  const body: Record<string, unknown> = { results };
  if (more && last) {
    const next = String(last.id + 1);
    body.paging = { next: { after: next, link: pagingLink(request, next) } };
  }
  return { status: 200, body };
}

function findRecord(env: ApiEnv, type: ObjectType, idRaw: string, idProperty: string | null): CrmRecord | undefined {
  if (idProperty && idProperty !== 'hs_object_id') {
    if (type === 'contacts' && idProperty === 'email') return env.store.contactByEmail(idRaw);
    for (const record of env.store.list(type)) {
      if (!record.archived && record.props[idProperty] === idRaw) return record;
    }
    return undefined;
  }
  if (!/^\d+$/.test(idRaw)) return undefined;
  return env.store.get(type, Number(idRaw));
}

function getObject(type: ObjectType, idRaw: string, request: ApiRequest, env: ApiEnv): ApiResult {
  const params = request.url.searchParams;
  const archived = parseBool(params.get('archived'));
  const record = findRecord(env, type, idRaw, params.get('idProperty'));
  if (!record || record.archived !== archived) return notFound(undefined, idRaw);
  const properties = listParam(params, 'properties');
  const withHistory = listParam(params, 'propertiesWithHistory');
  const associations = associationTypesParam(listParam(params, 'associations'));
  return {
    status: 200,
    body: serializeRecord(env.store, record, propertyNames(env.store, type, properties), {
      properties,
      propertiesWithHistory: withHistory,
      associations,
    }),
  };
}

function batchRead(type: ObjectType, request: ApiRequest, env: ApiEnv): ApiResult {
  const body = isRecord(request.body) ? request.body : {};
  const inputs = Array.isArray(body.inputs) ? body.inputs : null;
  if (!inputs) {
    return validationError('Invalid input JSON: inputs is required', [
      { message: 'inputs is required', code: 'REQUIRED_FIELD', in: 'inputs' },
    ]);
  }
  if (inputs.length > BATCH_MAX_INPUTS) {
    return validationError(`Batch input must contain at most ${BATCH_MAX_INPUTS} inputs`, [
      { message: `size must be between 0 and ${BATCH_MAX_INPUTS}`, code: 'INVALID_BATCH_SIZE', in: 'inputs' },
    ]);
  }
  const properties = Array.isArray(body.properties) ? body.properties.filter((p) => typeof p === 'string') : null;
  const withHistory = Array.isArray(body.propertiesWithHistory)
    ? body.propertiesWithHistory.filter((p) => typeof p === 'string')
    : null;
  const idProperty = typeof body.idProperty === 'string' ? body.idProperty : null;
  const archived = parseBool(request.url.searchParams.get('archived'));
  const names = propertyNames(env.store, type, properties);
  const startedAt = new Date().toISOString();
  const results = [];
  const missing: string[] = [];
  const seen = new Set<number>();
  for (const input of inputs) {
    const idRaw =
      isRecord(input) && (typeof input.id === 'string' || typeof input.id === 'number') ? String(input.id) : '';
    const record = findRecord(env, type, idRaw, idProperty);
    if (!record || record.archived !== archived) {
      missing.push(idRaw);
      continue;
    }
    // Duplicate ids in one batch come back once.
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    results.push(
      serializeRecord(env.store, record, names, { properties, propertiesWithHistory: withHistory, associations: null }),
    );
  }
  const completedAt = new Date().toISOString();
  if (missing.length === 0) return { status: 200, body: { status: 'COMPLETE', results, startedAt, completedAt } };
  const label = OBJECT_INFO[type].assocName.toUpperCase();
  return {
    status: 207,
    body: {
      status: 'COMPLETE',
      results,
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: `Could not get some ${label} objects, they may be deleted or not exist. Check that ids are valid.`,
          context: { ids: missing },
        },
      ],
      startedAt,
      completedAt,
    },
  };
}

/** Validates written values the way HubSpot reports them: one error per bad property, all at once. */
function validateWrite(
  env: ApiEnv,
  type: ObjectType,
  input: unknown,
): { values: Record<string, PropertyValue> } | ApiResult {
  if (!isRecord(input)) {
    return validationError('Invalid input JSON: properties must be an object', [
      { message: 'properties must be an object', code: 'INVALID_INPUT', in: 'properties' },
    ]);
  }
  const values: Record<string, PropertyValue> = {};
  const errors: ErrorDetail[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const definition: PropertyDefinition | undefined = env.store.properties.get(type, name);
    if (!definition) {
      errors.push({
        message: `Property "${name}" does not exist`,
        code: 'PROPERTY_DOESNT_EXIST',
        context: { propertyName: [name] },
      });
      continue;
    }
    if (definition.modificationMetadata.readOnlyValue) {
      errors.push({
        message: `"${name}" is a read only property; its value cannot be set.`,
        code: 'READ_ONLY_VALUE',
        context: { propertyName: [name] },
      });
      continue;
    }
    if (raw === null || raw === '') {
      values[name] = null;
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      errors.push({ message: `${name} must be a scalar`, code: 'INVALID_INPUT', context: { propertyName: [name] } });
      continue;
    }
    let value = String(raw);
    if (definition.type === 'number' && !Number.isFinite(Number(value))) {
      errors.push({
        message: `${value} is not a valid number.`,
        code: 'INVALID_DECIMAL',
        context: { propertyName: [name] },
      });
      continue;
    }
    if (definition.type === 'datetime' || definition.type === 'date') {
      const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (!Number.isFinite(ms)) {
        errors.push({
          message: `${value} is not a valid date.`,
          code: 'INVALID_DATE',
          context: { propertyName: [name] },
        });
        continue;
      }
      value = new Date(ms).toISOString();
    }
    if (
      definition.type === 'enumeration' &&
      definition.options.length > 0 &&
      !definition.options.some((option) => option.value === value)
    ) {
      errors.push({
        message: `${value} was not one of the allowed options: ${definition.options.map((o) => o.value).join(', ')}`,
        code: 'INVALID_OPTION',
        context: { propertyName: [name] },
      });
      continue;
    }
    values[name] = value;
  }
  if (errors.length > 0) {
    return validationError(`Property values were not valid: ${JSON.stringify(errors)}`, errors);
  }
  return { values };
}

/**
 * The dates HubSpot stamps itself on a write: a lifecycle stage set for the first time stamps its "became a … date";
 * a new contact owner stamps `hubspot_owner_assigneddate`; a deal moved to a stage stamps that stage's
 * `hs_v2_date_entered_<stageId>` (the latest entry, so a deal that comes back to a stage has it moved forward).
 */
function stampLifecycle(record: CrmRecord, values: Record<string, PropertyValue>, now: number): void {
  const at = new Date(now).toISOString();
  const owner = values.hubspot_owner_id;
  if (record.type === 'contacts' && owner !== undefined && owner !== record.props.hubspot_owner_id)
    values.hubspot_owner_assigneddate = owner ? at : null;
  const dealStage = values.dealstage;
  if (record.type === 'deals' && dealStage && dealStage !== record.props.dealstage)
    values[`hs_v2_date_entered_${dealStage}`] = at;
  const stage = values.lifecyclestage;
  if (record.type !== 'contacts' || !stage) return;
  const dateProperty = `hs_lifecyclestage_${stage}_date`;
  if (!record.props[dateProperty]) values[dateProperty] = at;
}

function conflictOnEmail(env: ApiEnv, email: PropertyValue, selfId: number | null): ApiResult | null {
  if (!email) return null;
  const existing = env.store.contactByEmail(email);
  if (!existing || existing.id === selfId) return null;
  return hubspotError(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
}

export function createObject(type: ObjectType, body: unknown, env: ApiEnv, sourceType = 'INTEGRATION'): ApiResult {
  const input = isRecord(body) ? body : {};
  const checked = validateWrite(env, type, input.properties ?? {});
  if ('status' in checked) return checked;
  if (type === 'contacts') {
    const conflict = conflictOnEmail(env, checked.values.email ?? null, null);
    if (conflict) return conflict;
  }
  const now = env.now();
  const record: CrmRecord = {
    id: env.store.allocateId(type),
    type,
    createdAt: now,
    updatedAt: now,
    archived: false,
    archivedAt: null,
    props: {},
    sourceType,
    changes: null,
    searchShadow: null,
  };
  const values = { ...checked.values };
  stampLifecycle(record, values, now);
  for (const [name, value] of Object.entries(values)) record.props[name] = value;
  env.store.insert(record, now);
  const associations = Array.isArray(input.associations) ? input.associations : [];
  for (const association of associations) {
    if (!isRecord(association) || !isRecord(association.to)) continue;
    const toId = Number(association.to.id);
    for (const toType of ['contacts', 'companies', 'deals'] as const) {
      if (env.store.get(toType, toId) && hasAssociationPair(type, toType))
        env.store.associate(type, record.id, toType, toId);
    }
  }
  env.onWrite?.(record);
  return {
    status: 201,
    body: serializeRecord(env.store, record, propertyNames(env.store, type, Object.keys(values)), {
      properties: null,
      propertiesWithHistory: null,
      associations: null,
    }),
  };
}

export function patchObject(
  type: ObjectType,
  idRaw: string,
  body: unknown,
  env: ApiEnv,
  sourceType = 'INTEGRATION',
): ApiResult {
  const record = /^\d+$/.test(idRaw) ? env.store.get(type, Number(idRaw)) : undefined;
  if (!record || record.archived) return notFound(undefined, idRaw);
  const input = isRecord(body) ? body : {};
  const checked = validateWrite(env, type, input.properties ?? {});
  if ('status' in checked) return checked;
  if (type === 'contacts' && checked.values.email !== undefined) {
    const conflict = conflictOnEmail(env, checked.values.email, record.id);
    if (conflict) return conflict;
  }
  const now = env.now();
  const values = { ...checked.values };
  stampLifecycle(record, values, now);
  env.store.update(record, values, now, sourceType);
  env.onWrite?.(record);
  return {
    status: 200,
    body: serializeRecord(env.store, record, propertyNames(env.store, type, Object.keys(values)), {
      properties: null,
      propertiesWithHistory: null,
      associations: null,
    }),
  };
}

function archiveObject(type: ObjectType, idRaw: string, env: ApiEnv): ApiResult {
  const record = /^\d+$/.test(idRaw) ? env.store.get(type, Number(idRaw)) : undefined;
  // HubSpot answers 204 even for an id that does not exist.
  if (record && !record.archived) {
    env.store.archive(record, env.now());
    env.onWrite?.(record);
  }
  return { status: 204, body: undefined };
}

function v4Associations(from: ObjectType, idRaw: string, to: ObjectType, request: ApiRequest, env: ApiEnv): ApiResult {
  const limitRaw = request.url.searchParams.get('limit');
  const limit = Math.min(500, Math.max(1, limitRaw === null ? 500 : Number(limitRaw) || 500));
  const after = Number(request.url.searchParams.get('after') ?? '0') || 0;
  const ids = /^\d+$/.test(idRaw) ? env.store.associatedIds(from, Number(idRaw), to) : [];
  const page = ids.filter((id) => id >= after).sort((a, b) => a - b);
  const results = page.slice(0, limit).map((toId) => ({
    toObjectId: toId,
    associationTypes: env.store.associationTypesOf(from, Number(idRaw), to, toId).map((t) => ({
      category: 'HUBSPOT_DEFINED',
      typeId: t.typeId,
      label: t.label,
    })),
  }));
  const body: Record<string, unknown> = { results };
  const nextId = page[limit];
  if (nextId !== undefined)
    body.paging = { next: { after: String(nextId), link: pagingLink(request, String(nextId)) } };
  return { status: 200, body };
}

function v4BatchRead(from: ObjectType, to: ObjectType, request: ApiRequest, env: ApiEnv): ApiResult {
  const body = isRecord(request.body) ? request.body : {};
  const inputs = Array.isArray(body.inputs) ? body.inputs : null;
  if (!inputs)
    return validationError('inputs is required', [{ message: 'inputs is required', code: 'REQUIRED_FIELD' }]);
  if (inputs.length > 1000) {
    return validationError('Batch input must contain at most 1000 inputs', [
      { message: 'size must be between 0 and 1000', code: 'INVALID_BATCH_SIZE' },
    ]);
  }
  const startedAt = new Date().toISOString();
  const results = [];
  const errors = [];
  for (const input of inputs) {
    const idRaw =
      isRecord(input) && (typeof input.id === 'string' || typeof input.id === 'number') ? String(input.id) : '';
    const fromId = Number(idRaw);
    const ids = /^\d+$/.test(idRaw) ? env.store.associatedIds(from, fromId, to) : [];
    if (ids.length === 0) {
      errors.push({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        message: `No ${OBJECT_INFO[to].assocName} is associated with ${OBJECT_INFO[from].assocName} ${idRaw}.`,
        context: { fromObjectId: [idRaw] },
      });
      continue;
    }
    results.push({
      from: { id: idRaw },
      to: ids.map((toId) => ({
        toObjectId: toId,
        associationTypes: env.store.associationTypesOf(from, fromId, to, toId).map((t) => ({
          category: 'HUBSPOT_DEFINED',
          typeId: t.typeId,
          label: t.label,
        })),
      })),
    });
  }
  const completedAt = new Date().toISOString();
  if (errors.length === 0) return { status: 200, body: { status: 'COMPLETE', results, startedAt, completedAt } };
  return {
    status: 207,
    body: { status: 'COMPLETE', results, numErrors: errors.length, errors, startedAt, completedAt },
  };
}

function listOwners(request: ApiRequest, env: ApiEnv): ApiResult {
  const params = request.url.searchParams;
  const email = params.get('email');
  const archived = parseBool(params.get('archived'));
  const limit = Math.min(500, Math.max(1, Number(params.get('limit') ?? '100') || 100));
  const after = Number(params.get('after') ?? '0') || 0;
  const owners = env.store.owners
    .filter((owner) => owner.archived === archived && (!email || owner.email.toLowerCase() === email.toLowerCase()))
    .slice(after);
  const results = owners.slice(0, limit).map(({ adopts: _adopts, ...owner }) => owner);
  const body: Record<string, unknown> = { results };
  if (owners.length > limit) {
    const next = String(after + limit);
    body.paging = { next: { after: next, link: pagingLink(request, next) } };
  }
  return { status: 200, body };
}

function getOwner(idRaw: string, request: ApiRequest, env: ApiEnv): ApiResult {
  const byUser = request.url.searchParams.get('idProperty') === 'userId';
  const owner = env.store.owners.find((o) => (byUser ? String(o.userId) === idRaw : o.id === idRaw));
  if (!owner) return notFound(`Owner ${idRaw} not found`, idRaw);
  const { adopts: _adopts, ...body } = owner;
  return { status: 200, body };
}

function pipelinesOf(typeSegment: string, env: ApiEnv): ApiResult {
  const type = resolveObjectType(typeSegment);
  if (type !== 'deals') return { status: 200, body: { results: [] } };
  return { status: 200, body: { results: env.store.pipelines } };
}

function createProperty(type: ObjectType, body: unknown, env: ApiEnv): ApiResult {
  const input = isRecord(body) ? body : {};
  const errors: ErrorDetail[] = [];
  for (const field of ['name', 'label', 'type', 'fieldType', 'groupName']) {
    if (typeof input[field] !== 'string' || input[field] === '') {
      errors.push({ message: `${field} is required`, code: 'REQUIRED_FIELD', in: field });
    }
  }
  const propertyType = input.type;
  const allowed = ['string', 'number', 'datetime', 'date', 'enumeration', 'bool'] as const;
  const knownType = allowed.find((t) => t === propertyType);
  if (typeof propertyType === 'string' && !knownType) {
    errors.push({ message: `type ${propertyType} is not valid`, code: 'INVALID_TYPE', in: 'type' });
  }
  if (errors.length > 0 || !knownType) return validationError('Property definition is not valid', errors);
  const name = String(input.name);
  if (env.store.properties.get(type, name)) {
    return hubspotError(409, 'OBJECT_ALREADY_EXISTS', `A property named '${name}' already exists.`);
  }
  const groupName = String(input.groupName);
  if (!env.store.properties.getGroup(type, groupName)) {
    return validationError(`Property group ${groupName} does not exist`, [
      { message: `group ${groupName} does not exist`, code: 'INVALID_GROUP', in: 'groupName' },
    ]);
  }
  const now = new Date(env.now()).toISOString();
  const options = Array.isArray(input.options) ? input.options.filter(isRecord) : [];
  const definition: PropertyDefinition = {
    name,
    label: String(input.label),
    type: knownType,
    fieldType: String(input.fieldType),
    groupName,
    description: typeof input.description === 'string' ? input.description : '',
    options: options.map((o, index) => ({
      label: String(o.label ?? o.value ?? ''),
      value: String(o.value ?? ''),
      displayOrder: typeof o.displayOrder === 'number' ? o.displayOrder : index,
      hidden: o.hidden === true,
    })),
    displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: input.hasUniqueValue === true,
    hidden: input.hidden === true,
    formField: input.formField === true,
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    createdAt: now,
    updatedAt: now,
    archived: false,
  };
  env.store.properties.add(type, definition);
  return { status: 201, body: definition };
}

function createGroup(type: ObjectType, body: unknown, env: ApiEnv): ApiResult {
  const input = isRecord(body) ? body : {};
  if (typeof input.name !== 'string' || typeof input.label !== 'string') {
    return validationError('name and label are required', [
      { message: 'name and label are required', code: 'REQUIRED_FIELD' },
    ]);
  }
  if (env.store.properties.getGroup(type, input.name)) {
    return hubspotError(409, 'OBJECT_ALREADY_EXISTS', `A property group named '${input.name}' already exists.`);
  }
  const group = {
    name: input.name,
    label: input.label,
    displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1,
    archived: false,
  };
  env.store.properties.addGroup(type, group);
  return { status: 201, body: group };
}

/** The date-based versions served: HubSpot's generally available ones (a new one each March and September). */
export const DATED_VERSIONS = ['2026-03', '2026-09'] as const;

// Each date-based API and its numbered twin: the same records and shapes under `/crm/objects/2026-09/…` as under
// `/crm/v3/objects/…`. Where HubSpot's specs differ between the two, the route says so (`dated`).
const datedTwins: ReadonlyArray<{ pattern: RegExp; legacy: string }> = [
  { pattern: /^\/crm\/objects\/([^/]+)(\/.*)?$/, legacy: '/crm/v3/objects' },
  { pattern: /^\/crm\/owners\/([^/]+)(\/.*)?$/, legacy: '/crm/v3/owners' },
  { pattern: /^\/crm\/pipelines\/([^/]+)(\/.*)?$/, legacy: '/crm/v3/pipelines' },
  { pattern: /^\/crm\/properties\/([^/]+)(\/.*)?$/, legacy: '/crm/v3/properties' },
  { pattern: /^\/crm\/associations\/([^/]+)(\/.*)?$/, legacy: '/crm/v4/associations' },
  { pattern: /^\/account-info\/([^/]+)(\/.*)?$/, legacy: '/account-info/v3' },
];

/** A dated path's version and numbered twin; null when the path is not dated. */
export function datedTwin(pathname: string): { version: string; legacyPath: string; legacyPrefix: string } | null {
  for (const { pattern, legacy } of datedTwins) {
    const match = pattern.exec(pathname);
    if (match && /^\d{4}-\d{2}$/.test(match[1] as string)) {
      // The owners list is `/crm/v3/owners/` with its slash, `/crm/owners/2026-09` without.
      const rest = match[2] ?? (legacy === '/crm/v3/owners' ? '/' : '');
      return { version: match[1] as string, legacyPath: `${legacy}${rest}`, legacyPrefix: legacy };
    }
  }
  return null;
}

/** Matches a method and path to a route, numbered or date-based; null = no such endpoint (404). */
export function matchRoute(method: string, pathname: string): Route | ApiResult | null {
  const twin = datedTwin(pathname);
  if (twin === null) return matchNumberedRoute(method, pathname);
  if (!(DATED_VERSIONS as readonly string[]).includes(twin.version)) return null;
  const route = matchNumberedRoute(method, twin.legacyPath, true);
  if (route === null || !('key' in route)) return route;
  const datedPrefix = twin.legacyPrefix.replace(/\/v\d+(\/|$)/, '/').replace(/\/$/, '');
  const key = route.key.replace(twin.legacyPrefix, `${datedPrefix}/{version}`).replace(/\{version\}\/$/, '{version}');
  // v4's batch read answers 207 when some inputs failed; the dated spec has one 200 whose body may carry `errors`.
  const handle: Route['handle'] =
    twin.legacyPrefix === '/crm/v4/associations'
      ? (request, env) => {
          const result = route.handle(request, env);
          return result.status === 207 ? { ...result, status: 200 } : result;
        }
      : route.handle;
  return { ...route, key, dated: true, handle };
}

function matchNumberedRoute(method: string, pathname: string, dated = false): Route | ApiResult | null {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [p0, p1, p2, p3, p4, p5, p6] = parts;
  const n = parts.length;

  if (method === 'GET' && p0 === 'account-info' && p1 === 'v3' && p2 === 'details' && n === 3) {
    return {
      key: 'GET /account-info/v3/details',
      scopes: anyToken,
      search: false,
      handle: (_request, env) => ({ status: 200, body: env.store.account }),
    };
  }
  if (p0 !== 'crm') return null;

  if (p1 === 'v3' && p2 === 'owners' && method === 'GET') {
    if (n === 3) {
      return { key: 'GET /crm/v3/owners/', scopes: ownersRead, search: false, handle: listOwners };
    }
    if (n === 4 && p3) {
      const id = p3;
      return {
        key: 'GET /crm/v3/owners/{ownerId}',
        scopes: ownersRead,
        search: false,
        handle: (request, env) => getOwner(id, request, env),
      };
    }
  }

  if (p1 === 'v3' && p2 === 'pipelines' && p3 && method === 'GET') {
    const typeSegment = p3;
    const type = resolveObjectType(typeSegment);
    const scopes = schemaRead;
    if (n === 4) {
      return {
        key: 'GET /crm/v3/pipelines/{objectType}',
        scopes,
        search: false,
        handle: (_request, env) => pipelinesOf(typeSegment, env),
      };
    }
    if ((n === 5 || (n === 6 && p5 === 'stages')) && p4) {
      const pipelineId = p4;
      return {
        key:
          n === 5
            ? 'GET /crm/v3/pipelines/{objectType}/{pipelineId}'
            : 'GET /crm/v3/pipelines/{objectType}/{pipelineId}/stages',
        scopes,
        search: false,
        handle: (_request, env) => {
          const pipeline = type === 'deals' ? env.store.pipelines.find((p) => p.id === pipelineId) : undefined;
          if (!pipeline) return notFound(`Pipeline ${pipelineId} not found`, pipelineId);
          return { status: 200, body: n === 5 ? pipeline : { results: pipeline.stages } };
        },
      };
    }
  }

  if (p1 === 'v3' && p2 === 'properties' && p3) {
    const type = resolveObjectType(p3);
    if (!type) return unknownType(p3);
    if (n === 4 && method === 'GET') {
      return {
        key: 'GET /crm/v3/properties/{objectType}',
        scopes: schemaRead,
        search: false,
        handle: (request, env) => {
          const archived = parseBool(request.url.searchParams.get('archived'));
          return {
            status: 200,
            body: { results: env.store.properties.list(type).filter((d) => d.archived === archived) },
          };
        },
      };
    }
    if (n === 4 && method === 'POST') {
      return {
        key: 'POST /crm/v3/properties/{objectType}',
        scopes: schemaWrite,
        search: false,
        handle: (request, env) => createProperty(type, request.body, env),
      };
    }
    if (p4 === 'groups') {
      if (n === 5 && method === 'GET') {
        return {
          key: 'GET /crm/v3/properties/{objectType}/groups',
          scopes: schemaRead,
          search: false,
          handle: (_request, env) => ({ status: 200, body: { results: env.store.properties.listGroups(type) } }),
        };
      }
      if (n === 5 && method === 'POST') {
        return {
          key: 'POST /crm/v3/properties/{objectType}/groups',
          scopes: schemaWrite,
          search: false,
          handle: (request, env) => createGroup(type, request.body, env),
        };
      }
      if (n === 6 && method === 'GET' && p5) {
        const groupName = p5;
        return {
          key: 'GET /crm/v3/properties/{objectType}/groups/{groupName}',
          scopes: schemaRead,
          search: false,
          handle: (_request, env) => {
            const group = env.store.properties.getGroup(type, groupName);
            return group ? { status: 200, body: group } : notFound(`Property group ${groupName} not found`, groupName);
          },
        };
      }
    }
    if (n === 5 && method === 'GET' && p4) {
      const name = p4;
      return {
        key: 'GET /crm/v3/properties/{objectType}/{propertyName}',
        scopes: schemaRead,
        search: false,
        handle: (_request, env) => {
          const definition = env.store.properties.get(type, name);
          return definition ? { status: 200, body: definition } : notFound(`Property ${name} does not exist`, name);
        },
      };
    }
  }

  if (p1 === 'v3' && p2 === 'objects' && p3) {
    const type = resolveObjectType(p3);
    if (!type) return unknownType(p3);
    const read = objectRead(type, dated);
    const write = objectWrite(type, dated);
    if (n === 4 && method === 'GET') {
      return {
        key: 'GET /crm/v3/objects/{type}',
        scopes: read,
        search: false,
        handle: (r, e) => listObjects(type, r, e),
      };
    }
    if (n === 4 && method === 'POST') {
      if (type === 'feedback_submissions') return null;
      return {
        key: 'POST /crm/v3/objects/{type}',
        scopes: write,
        search: false,
        handle: (r, e) => {
          // HubSpot's required timestamp and inline associations (create-checks.ts), then the record.
          const checked = checkCreate(type, r.body, e);
          if ('status' in checked) return checked;
          const created = createObject(type, checked.body, e);
          checked.link(created);
          return created;
        },
      };
    }
    if (n === 5 && p4 === 'search' && method === 'POST') {
      return {
        key: 'POST /crm/v3/objects/{type}/search',
        scopes: read,
        search: true,
        handle: (request, env) => {
          const parsed = parseSearch(env.store, type, request.body);
          if ('status' in parsed) return parsed;
          return { status: 200, body: runSearch(env.store, type, parsed, env.now()) };
        },
      };
    }
    if (n === 6 && p4 === 'batch' && p5 === 'read' && method === 'POST') {
      return {
        key: 'POST /crm/v3/objects/{type}/batch/read',
        scopes: read,
        search: false,
        handle: (r, e) => batchRead(type, r, e),
      };
    }
    if (n === 5 && p4 && p4 !== 'search' && p4 !== 'batch') {
      const id = p4;
      if (method === 'GET') {
        return {
          key: 'GET /crm/v3/objects/{type}/{id}',
          scopes: read,
          search: false,
          handle: (r, e) => getObject(type, id, r, e),
        };
      }
      if (method === 'PATCH' && type !== 'feedback_submissions') {
        return {
          key: 'PATCH /crm/v3/objects/{type}/{id}',
          scopes: write,
          search: false,
          handle: (r, e) => patchObject(type, id, r.body, e),
        };
      }
      if (method === 'DELETE' && type !== 'feedback_submissions') {
        return {
          key: 'DELETE /crm/v3/objects/{type}/{id}',
          scopes: write,
          search: false,
          handle: (_r, e) => archiveObject(type, id, e),
        };
      }
    }
  }

  if (p1 === 'v4' && p2 === 'objects' && p3 && p4 && p5 === 'associations' && p6 && n === 7 && method === 'GET') {
    const from = resolveObjectType(p3);
    const to = resolveObjectType(p6);
    if (!from) return unknownType(p3);
    if (!to) return unknownType(p6);
    const id = p4;
    return {
      key: 'GET /crm/v4/objects/{from}/{id}/associations/{to}',
      scopes: associationRead,
      search: false,
      handle: (r, e) => v4Associations(from, id, to, r, e),
    };
  }
  if (
    p1 === 'v4' &&
    p2 === 'associations' &&
    p3 &&
    p4 &&
    p5 === 'batch' &&
    p6 === 'read' &&
    n === 7 &&
    method === 'POST'
  ) {
    const from = resolveObjectType(p3);
    const to = resolveObjectType(p4);
    if (!from) return unknownType(p3);
    if (!to) return unknownType(p4);
    return {
      key: 'POST /crm/v4/associations/{from}/{to}/batch/read',
      scopes: associationRead,
      search: false,
      handle: (r, e) => v4BatchRead(from, to, r, e),
    };
  }
  return null;
}
