import { describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import type { LookupRow } from '../../../lib/db/db';
import { LOOKUP_SEARCH_BATCH, OnDemandLookups, UNKNOWN_FOR_MS } from '../../../lib/background/on-demand-lookup';

const HOUR = 60 * 60_000;

function lead(id: string, email: string): LeadRecord {
  return {
    id,
    email,
    emails: [email],
    name: `Lead ${id}`,
    createdAt: 0,
    lifecycleStage: 'lead',
    source: 'organic_search',
    effectiveSource: 'organic_search',
    ownerId: '900',
    stageDates: {},
    updatedAt: 0,
    archived: false,
  };
}

/** The portal's contacts, an in-memory table of look-ups, and a clock that moves only when told. */
function setup(contacts: LeadRecord[], failing = false) {
  let now = 1_000_000;
  const table = new Map<string, LookupRow>();
  const searches: { emails: string[]; ids: string[] }[] = [];
  const timers: (() => void)[] = [];
  const lookups = new OnDemandLookups({
    search: async (emails, ids) => {
      searches.push({ emails, ids });
      if (failing) throw new Error('HubSpot did not answer');
      return contacts.filter((c) => ids.includes(c.id) || c.emails.some((e) => emails.includes(e)));
    },
    read: async (keys, at) =>
      new Map(
        keys.flatMap((key) => {
          const row = table.get(key);
          return row && row.expiresAt > at ? [[key, row] as const] : [];
        }),
      ),
    write: async (rows) => {
      for (const row of rows) table.set(row.key, row);
    },
    purge: async (at) => {
      let gone = 0;
      for (const [key, row] of table)
        if (row.expiresAt <= at) {
          table.delete(key);
          gone += 1;
        }
      return gone;
    },
    now: () => now,
    later: (run) => {
      timers.push(run);
    },
  });
  /** Lets the gathered keys go: the gather timer fires once everyone asking has asked. */
  const settle = async <T>(work: Promise<T>): Promise<T> => {
    await new Promise((resolve) => setImmediate(resolve));
    for (const run of timers.splice(0)) run();
    return work;
  };
  return { lookups, table, searches, settle, advance: (ms: number) => (now += ms) };
}

describe('on-demand look-ups', () => {
  it('two tabs asking at once for the same and other addresses cost one search, deduplicated', async () => {
    const world = setup([lead('1', 'ann@example.com'), lead('2', 'bob@example.com')]);
    const both = Promise.all([
      world.lookups.find({ emails: ['Ann@Example.com', 'bob@example.com'], ids: [] }, 24),
      world.lookups.find({ emails: ['ann@example.com', 'stranger@example.com'], ids: ['2'] }, 24),
    ]);
    const [first, second] = await world.settle(both);
    expect(world.searches).toHaveLength(1);
    expect(world.searches[0]?.emails.sort()).toEqual(['ann@example.com', 'bob@example.com', 'stranger@example.com']);
    expect(first.map((f) => f.lead.id).sort()).toEqual(['1', '2']);
    expect(second.map((f) => f.lead.id).sort()).toEqual(['1', '2']);
  });

  it('keeps a found lead for the lifetime set, then asks again; an unknown address for a shorter while', async () => {
    const world = setup([lead('1', 'ann@example.com')]);
    const found = await world.settle(
      world.lookups.find({ emails: ['ann@example.com', 'nobody@example.com'], ids: [] }, 2),
    );
    expect(found[0]?.expiresAt).toBe(1_000_000 + 2 * HOUR);
    expect(world.table.get('email:nobody@example.com')?.lead).toBeUndefined();
    // Within the lifetime: from what is kept, no search.
    world.advance(HOUR);
    await world.settle(world.lookups.find({ emails: ['ann@example.com', 'nobody@example.com'], ids: [] }, 2));
    expect(world.searches).toHaveLength(1);
    // Past it: removed by the purge, and asked again.
    world.advance(HOUR);
    expect(await world.lookups.purge()).toBe(2);
    await world.settle(world.lookups.find({ emails: ['ann@example.com'], ids: [] }, 2));
    expect(world.searches).toHaveLength(2);
  });

  it('remembers an unknown address at most six hours even with a longer lifetime', async () => {
    const world = setup([]);
    await world.settle(world.lookups.find({ emails: ['nobody@example.com'], ids: [] }, 24));
    expect(world.table.get('email:nobody@example.com')?.expiresAt).toBe(1_000_000 + UNKNOWN_FOR_MS);
  });

  it('splits more keys than one search takes into several searches', async () => {
    const world = setup([]);
    const emails = Array.from({ length: LOOKUP_SEARCH_BATCH + 20 }, (_, i) => `p${i}@example.com`);
    await world.settle(world.lookups.find({ emails, ids: [] }, 24));
    expect(world.searches.map((s) => s.emails.length)).toEqual([LOOKUP_SEARCH_BATCH, 20]);
  });

  it('a failed search gives nothing and is not remembered', async () => {
    const world = setup([lead('1', 'ann@example.com')], true);
    expect(await world.settle(world.lookups.find({ emails: ['ann@example.com'], ids: [] }, 24))).toEqual([]);
    expect(world.table.size).toBe(0);
  });
});
