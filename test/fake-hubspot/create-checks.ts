// What HubSpot checks on `POST /crm/v3/objects/{type}` (and its dated twin) before a record is made, beyond the
// property values (`validateWrite` in api.ts): an engagement's required `hs_timestamp` ("Required", HubSpot's guides
// for e-mails, calls, meetings, notes and tasks), and each inline association: a `to.id` and `types`, each type a
// HubSpot-defined id of this object to some other object (198: e-mail to contact), whose target exists. The
// association is then made with exactly the object the type id names (ids of different objects overlap).
// Refusals are HubSpot's 400 VALIDATION_ERROR shape; their wording is ours (unverified, see README).
// The admin routes create through `createObject` directly and skip these checks, as HubSpot's own UI does.
import type { ApiEnv } from './api.ts';
import { type ApiResult, type ErrorDetail, validationError } from './http.ts';
import { associationTypes, ENGAGEMENT_TYPES, OBJECT_TYPES, type ObjectType } from './objects.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Link {
  toType: ObjectType;
  toId: number;
}

/** The object a HubSpot-defined association type id leads to from `from`, if it is one. */
export function targetOfTypeId(from: ObjectType, typeId: number): ObjectType | undefined {
  return OBJECT_TYPES.find((to) => associationTypes(from, to, true).some((type) => type.typeId === typeId));
}

function missingTimestamp(type: ObjectType, properties: unknown): ApiResult | null {
  if (!ENGAGEMENT_TYPES.includes(type)) return null;
  const value = isRecord(properties) ? properties.hs_timestamp : undefined;
  if (value !== undefined && value !== null && value !== '') return null;
  const error: ErrorDetail = {
    message: 'hs_timestamp is required',
    code: 'REQUIRED_FIELD',
    context: { propertyName: ['hs_timestamp'] },
  };
  return validationError(`Property values were not valid: ${JSON.stringify([error])}`, [error]);
}

function associationLinks(from: ObjectType, associations: unknown, env: ApiEnv): Link[] | ApiResult {
  if (associations === undefined || associations === null) return [];
  if (!Array.isArray(associations)) {
    return validationError('Invalid input JSON: associations must be an array', [
      { message: 'associations must be an array', code: 'INVALID_INPUT', in: 'associations' },
    ]);
  }
  const links: Link[] = [];
  const errors: ErrorDetail[] = [];
  associations.forEach((association, index) => {
    const at = `associations[${index}]`;
    const id = isRecord(association) && isRecord(association.to) ? String(association.to.id ?? '') : '';
    const types = isRecord(association) && Array.isArray(association.types) ? association.types : null;
    if (!/^\d+$/.test(id) || !types || types.length === 0) {
      errors.push({ message: `${at} needs to.id and types`, code: 'INVALID_INPUT', in: at });
      return;
    }
    for (const type of types) {
      const category = isRecord(type) ? type.associationCategory : undefined;
      const typeId = isRecord(type) ? Number(type.associationTypeId) : Number.NaN;
      const toType = category === 'HUBSPOT_DEFINED' ? targetOfTypeId(from, typeId) : undefined;
      if (!toType) {
        errors.push({
          message: `${String(category)} association type ${String(isRecord(type) ? type.associationTypeId : type)} is not valid for ${from}`,
          code: 'INVALID_ASSOCIATION_TYPE',
          in: at,
        });
        continue;
      }
      const target = env.store.get(toType, Number(id));
      if (!target || target.archived) {
        errors.push({ message: `${toType} ${id} does not exist`, code: 'OBJECT_NOT_FOUND', in: at });
        continue;
      }
      links.push({ toType, toId: Number(id) });
    }
  });
  if (errors.length > 0) return validationError(`Association inputs were not valid: ${JSON.stringify(errors)}`, errors);
  return links;
}

/**
 * The API's checks on a create. Refused: HubSpot's 400. Accepted: the body to create the record from (without its
 * associations), and `link`, which then associates the new record with exactly the objects the type ids name.
 */
export function checkCreate(
  type: ObjectType,
  body: unknown,
  env: ApiEnv,
): ApiResult | { body: Record<string, unknown>; link(created: ApiResult): void } {
  const input = isRecord(body) ? body : {};
  const refused = missingTimestamp(type, input.properties);
  if (refused) return refused;
  const links = associationLinks(type, input.associations, env);
  if (!Array.isArray(links)) return links;
  return {
    body: { ...input, associations: [] },
    link(created) {
      if (created.status !== 201 || !isRecord(created.body)) return;
      const id = Number(created.body.id);
      for (const { toType, toId } of links) env.store.associate(type, id, toType, toId);
    },
  };
}
