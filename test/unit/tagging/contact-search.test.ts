import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { contactByEmail, knownCampaigns, knownSources, searchContacts } from '../../../lib/db/contacts';
import { enqueueTag } from '../../../lib/db/outbox';

// The tagger's contact picker over the cache: addresses by prefix on the multi-entry index, names by substring in
// any script, sources and campaigns for the suggestions.

function lead(id: string, name: string, emails: string[], source = 'organic_search'): LeadRecord {
  return {
    id,
    email: emails[0] ?? '',
    emails,
    name,
    createdAt: 1_700_000_000_000,
    lifecycleStage: 'lead',
    stageDates: {},
    source: 'organic_search',
    effectiveSource: source,
    updatedAt: 1_700_000_000_000,
    archived: false,
  };
}

let db: LeadLensDb;
beforeEach(async () => {
  db = new LeadLensDb(`search-${Math.random()}`);
  await db.leads.bulkPut([
    lead('1', 'Dana Levi', ['dana@acme.example'], 'partner'),
    lead('2', 'דנה כהן', ['dana.cohen@beta.example', 'dc@beta.example']),
    lead('3', 'Avi Danon', ['avi@gamma.example'], 'webinar'),
    lead('4', 'Noa Bar', ['noa@delta.example']),
  ]);
});
afterEach(async () => {
  await deleteDatabase(db);
});

describe('searchContacts', () => {
  it('finds addresses by prefix first, then names containing the text, each contact once', async () => {
    // "dana" starts two addresses (leads 1 and 2); "Avi Danon" contains "dan" but not "dana".
    const found = await searchContacts(db, 'Dana');
    expect(found.map((match) => match.id).sort()).toEqual(['1', '2']);
    // "dan" also matches the name "Avi Danon" (substring, case-insensitive), after the address matches, which come
    // in index order: "dana.cohen@…" sorts before "dana@…" ('.' is below '@').
    const wider = await searchContacts(db, 'dan');
    expect(wider.map((match) => match.id)).toEqual(['2', '1', '3']);
  });

  it('matches Hebrew names and any of a contact’s addresses', async () => {
    expect((await searchContacts(db, 'כהן')).map((match) => match.id)).toEqual(['2']);
    const bySecondAddress = await searchContacts(db, 'dc@');
    expect(bySecondAddress).toEqual([
      { id: '2', name: 'דנה כהן', email: 'dana.cohen@beta.example', source: 'organic_search' },
    ]);
  });

  it('needs two characters and respects the limit', async () => {
    expect(await searchContacts(db, 'd')).toEqual([]);
    expect(await searchContacts(db, '  ')).toEqual([]);
    // "ex" is inside every address but starts none, and is in no name.
    expect(await searchContacts(db, 'ex')).toEqual([]);
    // "da" starts two addresses; the limit keeps one.
    expect(await searchContacts(db, 'da', 1)).toHaveLength(1);
  });
});

describe('suggestions', () => {
  it('looks a contact up by any address in any case, and lists sources and earlier campaigns', async () => {
    expect((await contactByEmail(db, ' DC@Beta.Example '))?.id).toBe('2');
    expect(await contactByEmail(db, 'nobody@example.com')).toBeUndefined();
    expect(await knownSources(db)).toEqual(['organic_search', 'partner', 'webinar']);
    await enqueueTag(db, { email: 'noa@delta.example', source: 'x', campaign: 'spring', taggedAt: 1 }, 1);
    await enqueueTag(db, { email: 'noa@delta.example', source: 'x', campaign: 'autumn', taggedAt: 2 }, 2);
    await enqueueTag(db, { email: 'noa@delta.example', source: 'x', taggedAt: 3 }, 3);
    expect(await knownCampaigns(db)).toEqual(['autumn', 'spring']);
  });
});
