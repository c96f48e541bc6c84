// Which scopes let a token through an endpoint, as HubSpot's published specs state it: an operation lists security
// requirements, any one of which suffices, and each requirement names scopes that are all needed. Most endpoints
// take one scope; some take alternatives (reading e-mails: contacts read, or the sales e-mail scope); a few accept
// any of a hundred (reading a property or a pipeline: any read or write scope of a CRM object or schema). The
// numbered and the dated specs differ for e-mails and feedback, where 2026-09 asks for both scopes together.
// Written from those facts by hand; test/integration/portal/spec-scopes.test.ts compares it with the specs in
// ../shared/hubspot-openapi whenever they are beside the repository.
import type { ObjectType } from './objects.ts';

export type ScopeRequirement =
  | { kind: 'sets'; anyOf: ReadonlyArray<readonly string[]> }
  | { kind: 'rule'; allows: (scope: string) => boolean; named: readonly string[] };

/** Any one of the sets, every scope of the set (`sets([])`: any token). */
export function sets(...anyOf: Array<readonly string[]>): ScopeRequirement {
  return { kind: 'sets', anyOf };
}

/** What a refusal names: the alternatives as HubSpot's 403 lists them ("one or more of the following scopes"). */
export type ScopeCheck = { ok: true } | { ok: false; required: string[] };

/** `held` null: a token with every scope. */
export function checkScopes(requirement: ScopeRequirement, held: ReadonlySet<string> | null): ScopeCheck {
  if (held === null) return { ok: true };
  if (requirement.kind === 'rule') {
    return [...held].some(requirement.allows) ? { ok: true } : { ok: false, required: [...requirement.named] };
  }
  if (requirement.anyOf.some((set) => set.every((scope) => held.has(scope)))) return { ok: true };
  // The set closest to being met says what is missing; with none begun, every alternative is named.
  const missing = requirement.anyOf.map((set) => set.filter((scope) => !held.has(scope)));
  const closest = missing.filter((scopes, i) => scopes.length < (requirement.anyOf[i]?.length ?? 0));
  const named = closest.length > 0 ? (closest.sort((a, b) => a.length - b.length)[0] ?? []) : missing.flat();
  return { ok: false, required: [...new Set(named)] };
}

// Object scopes and their sensitive variants: `crm.objects.contacts.read`, `…contacts.sensitive.read.v2`, ….
const objectScope = /^crm\.objects\.[a-z_-]+(\.(sensitive|highly_sensitive))?\.(read|write)(\.v2)?$/;
const schemaReadScope = /^crm\.schemas\.[a-z_]+\.read$/;
const ticketScopes = (scope: string) =>
  scope === 'tickets' || /^tickets\.(sensitive|highly_sensitive)\.v2$/.test(scope);

// The object scopes the specs leave out of the schema-read lists: writing e-mails, notes, calls… and reading products.
const notForSchemaRead = new Set([
  'crm.objects.emails.write',
  'crm.objects.notes.write',
  'crm.objects.calls.write',
  'crm.objects.meetings.write',
  'crm.objects.tasks.write',
  'crm.objects.products.read',
  'crm.objects.carts.write',
  'crm.objects.orders.write',
  'crm.objects.users.write',
  'crm.objects.commercepayments.read',
  'crm.objects.tickets.read',
  'crm.objects.tickets.write',
  'crm.objects.tickets.sensitive.write',
  'crm.objects.tickets.highly_sensitive.write',
  'crm.objects.feedback_submissions.write',
  'crm.objects.owners.write',
  'crm.objects.partner-clients.read',
  'crm.objects.partner-clients.write',
  'crm.objects.partner-services.read',
  'crm.objects.partner-services.write',
]);

/** Reading a property, a property group or a pipeline: almost any CRM access at all. */
export const schemaRead: ScopeRequirement = {
  kind: 'rule',
  allows: (scope) =>
    (objectScope.test(scope) && !notForSchemaRead.has(scope)) ||
    schemaReadScope.test(scope) ||
    /^crm\.pipelines\.[a-z_]+\.read$/.test(scope) ||
    /^cpq\.quotes\.(read|write)$/.test(scope) ||
    ticketScopes(scope) ||
    ['automation', 'e-commerce', 'media_bridge.read', 'timeline'].includes(scope),
  named: ['crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.objects.deals.read', 'automation'],
};

/** Creating a property or a group: a schema write scope (or the commerce and ticket scopes). */
export const schemaWrite: ScopeRequirement = {
  kind: 'rule',
  allows: (scope) =>
    /^crm\.schemas\.[a-z_]+\.write$/.test(scope) ||
    /^crm\.pipelines\.orders\.write$/.test(scope) ||
    /^crm\.objects\.(carts|orders|users)\.write$/.test(scope) ||
    /^crm\.objects\.tickets\.(sensitive|highly_sensitive)\.write$/.test(scope) ||
    ticketScopes(scope) ||
    scope === 'e-commerce',
  named: ['crm.schemas.contacts.write'],
};

const notForAssociations = new Set([
  'crm.objects.emails.write',
  'crm.objects.notes.write',
  'crm.objects.calls.write',
  'crm.objects.meetings.write',
  'crm.objects.tasks.write',
  'crm.objects.feedback_submissions.read',
  'crm.objects.owners.read',
  'crm.objects.marketing_events.read',
  'crm.objects.marketing_events.write',
  'crm.objects.tickets.read',
  'crm.objects.tickets.write',
]);

/** Reading associations in batch: a read or write scope of some CRM object. */
export const associationRead: ScopeRequirement = {
  kind: 'rule',
  allows: (scope) =>
    (objectScope.test(scope) && !notForAssociations.has(scope)) ||
    ticketScopes(scope) ||
    ['e-commerce', 'media_bridge.read'].includes(scope),
  named: ['crm.objects.contacts.read', 'crm.objects.deals.read'],
};

// Each type's own object scope (engagements are read and written with the contacts'), and the scope HubSpot names
// beside it: one or the other on the numbered paths, both together on the dated 2026-09 ones.
const scopeObject: Record<ObjectType, 'contacts' | 'companies' | 'deals'> = {
  contacts: 'contacts',
  companies: 'companies',
  deals: 'deals',
  emails: 'contacts',
  calls: 'contacts',
  meetings: 'contacts',
  notes: 'contacts',
  tasks: 'contacts',
  feedback_submissions: 'contacts',
};
const alongside: Partial<Record<ObjectType, { read?: string; write?: string }>> = {
  emails: { read: 'sales-email-read', write: 'sales-email-read' },
  feedback_submissions: { read: 'crm.objects.feedback_submissions.read' },
};

function objectAccess(type: ObjectType, access: 'read' | 'write', dated: boolean): ScopeRequirement {
  // Feedback submissions are read-only in HubSpot; the portal lets any token through, as before.
  if (type === 'feedback_submissions' && access === 'write') return anyToken;
  const own = `crm.objects.${scopeObject[type]}.${access}`;
  const other = alongside[type]?.[access];
  if (other === undefined) return sets([own]);
  return dated ? sets([own, other]) : sets([own], [other]);
}

/** Reading records of a type; `dated`: on a 2026-09 path, where e-mails and feedback need both scopes. */
export function objectRead(type: ObjectType, dated: boolean): ScopeRequirement {
  return objectAccess(type, 'read', dated);
}

/** Creating, changing or archiving records of a type. */
export function objectWrite(type: ObjectType, dated: boolean): ScopeRequirement {
  return objectAccess(type, 'write', dated);
}

/** The owners list: `crm.objects.owners.read`, or the older `automation`. */
export const ownersRead = sets(['automation'], ['crm.objects.owners.read']);

/** The account's details need no CRM scope. */
export const anyToken = sets([]);
