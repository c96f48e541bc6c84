import type { SyncedType } from '../crm/adapter';

// Whose leads a browser keeps (issue #23). `portal`: every record, a manager's view of the whole team. `mine`: the
// contacts a rep owns, with the deals and engagements linked to them (whoever owns those: a colleague's call to my
// lead, an inbound e-mail logged without an owner), plus the portal's owners, pipelines and options; any other lead
// is looked up on demand. ("Cache scope" is whose records; `SyncScope` elsewhere is how many months.)

export type CacheScope = { kind: 'portal' } | { kind: 'mine'; ownerId: string };

export const PORTAL_SCOPE: CacheScope = { kind: 'portal' };

/** The setting as stored: the choice made at connect ("I'm a manager" / "I'm a rep"). */
export type CacheScopeSetting = 'portal' | 'mine';

/**
 * The scope a sync runs in. "My leads" needs to know who I am: without my owner it cannot choose, and keeps the
 * whole portal rather than an empty cache.
 */
export function cacheScopeOf(setting: CacheScopeSetting | undefined, myOwnerId: string | undefined): CacheScope {
  return setting === 'mine' && myOwnerId ? { kind: 'mine', ownerId: myOwnerId } : PORTAL_SCOPE;
}

/** What is stored with a finished full sync, compared with the settings to see whether the scope changed since. */
export function scopeKey(scope: CacheScope): string {
  return scope.kind === 'portal' ? 'portal' : `mine:${scope.ownerId}`;
}

/**
 * Whether the cache was filled in another scope than the one now chosen: then a full sync fills it again (and, for
 * "My leads", empties it first, so no colleague's lead stays behind). A cache from before scopes was the portal's.
 */
export function scopeChanged(storedKey: string | undefined, scope: CacheScope): boolean {
  return (storedKey ?? 'portal') !== scopeKey(scope);
}

/** Feedback submissions have no owner; satisfaction stays a team figure (the whole-portal scope or a snapshot). */
export function typesInScope(scope: CacheScope, types: readonly SyncedType[]): SyncedType[] {
  return scope.kind === 'portal' ? [...types] : types.filter((type) => type !== 'feedback');
}

/**
 * A page of contacts read without the owner filter (an incremental search sees every change, so it also sees a lead
 * re-assigned away): the leads that stay in a rep's cache, and the ids that must leave it. Deals and engagements stay
 * by their links to these leads instead (lib/sync/runner.ts, `linkedToMyLeads`).
 */
export function splitByOwner<R extends { id: string; ownerId?: string | undefined }>(
  records: readonly R[],
  scope: CacheScope,
): { keep: R[]; leave: string[] } {
  if (scope.kind === 'portal') return { keep: [...records], leave: [] };
  const keep: R[] = [];
  const leave: string[] = [];
  for (const record of records) {
    if (record.ownerId === scope.ownerId) keep.push(record);
    else leave.push(record.id);
  }
  return { keep, leave };
}
