// Senders shown by name only (Outlook's collapsed cards): the key, the content script's look-up and the background's
// answer, which names a lead only when exactly one cached lead has that name.
import { describe, expect, it } from 'vitest';
import { forgetLeadContextCache, leadIndexSettled, leadsByName } from '../../../lib/background/lead-context';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { displayNameKey, isDisplayName } from '../../../lib/overlay/display-name';
import { createLeadLookup, type LeadAnswer, type LeadRequest } from '../../../lib/overlay/lead-lookup';
import { cacheRows } from '../../support/cache-rows';

describe('displayNameKey', () => {
  it.each([
    ['Victor Lin', 'victor lin'],
    ['  VICTOR   lin ', 'victor lin'],
    ['José Núñez', 'jose nunez'],
    ['Zoë Ångström', 'zoe angstrom'],
    // The dotted capital I of Turkish lower-cases to a plain i, whatever the browser's language.
    ['İlker', 'ilker'],
    ['דנה לוי', 'דנה לוי'],
  ])('%s → %s', (name, key) => {
    expect(displayNameKey(name)).toBe(key);
  });

  it('takes names, not addresses or empty text', () => {
    expect(isDisplayName('Victor Lin')).toBe(true);
    expect(isDisplayName('victor@example.com')).toBe(false);
    expect(isDisplayName(' ')).toBe(false);
  });
});

describe('the content script asks for names', () => {
  const victor = { id: '9', email: 'victor@example.com' };
  function harness(answer: (request: LeadRequest) => LeadAnswer<typeof victor>) {
    const requests: LeadRequest[] = [];
    const lookup = createLeadLookup<typeof victor>({
      fetch: async (request) => {
        requests.push(request);
        return answer(request);
      },
      keysOf: (view) => [{ email: view.email }, { contactId: view.id }],
      schedule: (flush) => flush(),
    });
    return { lookup, requests };
  }

  it('sends name keys only when there are some, and takes the lead the background named', async () => {
    const { lookup, requests } = harness(() => ({ views: [victor], named: [{ name: 'victor lin', id: '9' }] }));
    expect(await lookup.get({ name: 'Víctor  LIN' })).toEqual(victor);
    expect(await lookup.get({ email: 'nobody@example.com' })).toBeNull();
    expect(requests).toEqual([
      { emails: [], contactIds: [], names: ['victor lin'] },
      { emails: ['nobody@example.com'], contactIds: [] },
    ]);
  });

  it('a lead found by address answers no name of its own: two leads may share it', async () => {
    const { lookup } = harness((request) => ({ views: request.emails.length > 0 ? [victor] : [] }));
    expect(await lookup.get({ email: 'victor@example.com' })).toEqual(victor);
    expect(await lookup.get({ name: 'victor lin' })).toBeNull();
  });

  it('names the background could not read yet are asked again, not remembered as no lead', async () => {
    let ready = false;
    const { lookup, requests } = harness(() =>
      ready ? { views: [victor], named: [{ name: 'victor lin', id: '9' }] } : { views: [], namesUnread: true },
    );
    expect(await lookup.get({ name: 'Victor Lin' })).toBeUndefined();
    expect(lookup.peek({ name: 'Victor Lin' })).toBeUndefined();
    ready = true;
    expect(await lookup.get({ name: 'Victor Lin' })).toEqual(victor);
    expect(requests).toHaveLength(2);
  });
});

describe('leadsByName in the background', () => {
  const asOf = Date.parse('2026-06-10T12:00:00Z');
  const lead = (id: string, name: string): LeadRecord => ({
    id,
    email: `${id}@example.com`,
    emails: [`${id}@example.com`],
    name,
    createdAt: asOf - 3_600_000,
    lifecycleStage: 'lead',
    stageDates: {},
    source: 'organic_search',
    effectiveSource: 'organic_search',
    updatedAt: asOf,
    archived: false,
  });
  const settings = { slaMinutes: 5, slaBySource: {} };

  it('waits for the index, then names a lead only when no other lead has that name', async () => {
    forgetLeadContextCache();
    const db = new LeadLensDb(`names-${Math.random()}`);
    await cacheRows(db, 'leads', [
      lead('1', 'Victor Lin'),
      lead('2', 'José Núñez'),
      lead('3', 'Jose Nunez'),
      { ...lead('4', 'Gone Person'), archived: true },
    ]);
    const first = await leadsByName(['victor lin'], settings, asOf, db);
    expect(first).toEqual({ views: [], named: [], unread: true });
    expect(await leadIndexSettled()).toBe(true);

    const answer = await leadsByName(['victor lin', 'jose nunez', 'gone person', 'nobody'], settings, asOf, db);
    expect(answer.unread).toBe(false);
    expect(answer.named).toEqual([{ name: 'victor lin', id: '1' }]);
    expect(answer.views.map((view) => view.id)).toEqual(['1']);

    // A later sync renames lead 3: the name is now lead 2's alone.
    await cacheRows(db, 'leads', [lead('3', 'Josefa Núñez')]);
    expect((await leadsByName(['JOSÉ NÚÑEZ'], settings, asOf, db)).named).toEqual([{ name: 'JOSÉ NÚÑEZ', id: '2' }]);
    await deleteDatabase(db);
  });
});
