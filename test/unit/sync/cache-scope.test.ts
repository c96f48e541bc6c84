import { describe, expect, it } from 'vitest';
import { syncedTypes } from '../../../lib/crm/adapter';
import {
  cacheScopeOf,
  PORTAL_SCOPE,
  scopeChanged,
  scopeKey,
  splitByOwner,
  typesInScope,
} from '../../../lib/sync/cache-scope';

describe('cache scope', () => {
  it('"My leads" needs my owner; without one the whole portal is kept rather than nothing', () => {
    expect(cacheScopeOf('mine', '77')).toEqual({ kind: 'mine', ownerId: '77' });
    expect(cacheScopeOf('mine', undefined)).toEqual(PORTAL_SCOPE);
    expect(cacheScopeOf('portal', '77')).toEqual(PORTAL_SCOPE);
    expect(cacheScopeOf(undefined, '77')).toEqual(PORTAL_SCOPE);
  });

  it('a cache filled in another scope, or for another owner, is filled again; one from before scopes was the portal’s', () => {
    const mine = cacheScopeOf('mine', '77');
    expect(scopeKey(mine)).toBe('mine:77');
    expect(scopeChanged(undefined, PORTAL_SCOPE)).toBe(false);
    expect(scopeChanged(undefined, mine)).toBe(true);
    expect(scopeChanged('mine:77', mine)).toBe(false);
    expect(scopeChanged('mine:78', mine)).toBe(true);
    expect(scopeChanged('mine:77', PORTAL_SCOPE)).toBe(true);
  });

  it('a rep keeps no feedback submissions (they have no owner); a manager keeps every type', () => {
    expect(typesInScope(PORTAL_SCOPE, syncedTypes)).toEqual([...syncedTypes]);
    expect(typesInScope(cacheScopeOf('mine', '1'), syncedTypes)).toEqual(syncedTypes.filter((t) => t !== 'feedback'));
  });

  it('splits a page read without the owner filter into what stays and what leaves my cache', () => {
    const page = [{ id: 'a', ownerId: '77' }, { id: 'b', ownerId: '78' }, { id: 'c' }];
    expect(splitByOwner(page, cacheScopeOf('mine', '77'))).toEqual({
      keep: [{ id: 'a', ownerId: '77' }],
      leave: ['b', 'c'],
    });
    expect(splitByOwner(page, PORTAL_SCOPE)).toEqual({ keep: page, leave: [] });
  });
});
