import { describe, expect, it } from 'vitest';
import { contactRecordUrl, missingRows } from '../../../lib/panel/csv-rows';
import { hubspotAppHost, indexUrl, recordUrl } from '../../../lib/crm/hubspot/urls';

// Issue 14: HubSpot's account info (or an imported snapshot) gives `uiDomain`; every link LeadLens builds into
// HubSpot goes to a checked host: one of HUBSPOT_APP_HOSTS (lib/sites.ts), else app.hubspot.com. The hosts are
// written out, not read from the list, so a wrong host in the list fails here.

describe('hubspotAppHost', () => {
  it.each([['app.hubspot.com'], ['app-eu1.hubspot.com'], ['app-na2.hubspot.com']])('keeps %s', (host) => {
    expect(hubspotAppHost(host)).toBe(host);
  });

  it.each([
    ['APP-EU1.HubSpot.com', 'app-eu1.hubspot.com'],
    [' app-na2.hubspot.com ', 'app-na2.hubspot.com'],
    [undefined, 'app.hubspot.com'],
    ['', 'app.hubspot.com'],
    ['evil.example', 'app.hubspot.com'],
    ['app.hubspot.com.evil.example', 'app.hubspot.com'],
    ['evil.example/app.hubspot.com', 'app.hubspot.com'],
    ['app.hubspot.com@evil.example', 'app.hubspot.com'],
    ['app.hubspot.com:8443', 'app.hubspot.com'],
    ['app.hubspot.com/../x', 'app.hubspot.com'],
    ['app-evil.hubspot.com.example', 'app.hubspot.com'],
    ['javascript:alert(1)//', 'app.hubspot.com'],
    ['api.hubapi.com', 'app.hubspot.com'],
    ['api-eu1.hubapi.com', 'app.hubspot.com'],
    ['app-eu2.hubspot.com', 'app.hubspot.com'],
    ['hubspot.com', 'app.hubspot.com'],
    ['mail.google.com', 'app.hubspot.com'],
  ])('turns %j into %s', (uiDomain, host) => {
    expect(hubspotAppHost(uiDomain)).toBe(host);
  });
});

describe('links into HubSpot', () => {
  it('use the checked host: overlay record links, index links and the panel’s export links', () => {
    expect(recordUrl('app-eu1.hubspot.com', 42, 'contact', '7')).toBe(
      'https://app-eu1.hubspot.com/contacts/42/record/0-1/7',
    );
    expect(recordUrl('evil.example', 42, 'deal', '7')).toBe('https://app.hubspot.com/contacts/42/record/0-3/7');
    expect(indexUrl('evil.example#', 42, 'contact')).toBe(
      'https://app.hubspot.com/contacts/42/objects/0-1/views/all/list',
    );
    expect(contactRecordUrl({ portalId: '42', uiDomain: 'evil.example' }, '7')).toBe(
      'https://app.hubspot.com/contacts/42/record/0-1/7',
    );
    expect(contactRecordUrl({ portalId: '42', uiDomain: 'app-na2.hubspot.com' }, '7')).toBe(
      'https://app-na2.hubspot.com/contacts/42/record/0-1/7',
    );
    expect(contactRecordUrl({ uiDomain: 'app.hubspot.com' }, '7')).toBeNull();
    const rows = missingRows(
      [{ id: '7', name: 'A', email: 'a@x.io', missing: [] }],
      (id) => contactRecordUrl({ portalId: '42', uiDomain: 'a.evil.example' }, id),
      (key) => key,
    );
    expect(rows.rows[0]?.[4]).toBe('https://app.hubspot.com/contacts/42/record/0-1/7');
  });

  it('encode the ids, so an id from a file cannot add path segments or a query', () => {
    expect(recordUrl('app.hubspot.com', '42/../1', 'contact', '7?x=1#y')).toBe(
      'https://app.hubspot.com/contacts/42%2F..%2F1/record/0-1/7%3Fx%3D1%23y',
    );
  });
});
