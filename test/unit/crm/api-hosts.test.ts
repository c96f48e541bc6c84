import { describe, expect, it } from 'vitest';
import { checkApiBase, isAllowedApiUrl } from '../../../lib/crm/hubspot/api-hosts';

describe('the token goes only to HubSpot', () => {
  it.each([
    ['https://api.hubapi.com', 'https://api.hubapi.com'],
    ['https://api.hubapi.com/', 'https://api.hubapi.com'],
    ['  https://api-eu1.hubapi.com ', 'https://api-eu1.hubapi.com'],
    ['https://API-NA2.hubapi.com', 'https://api-na2.hubapi.com'],
    ['https://api-na2.hubapi.com', 'https://api-na2.hubapi.com'],
  ])('accepts %s', (value, canonical) => {
    expect(checkApiBase(value)).toEqual({ ok: true, baseUrl: canonical });
  });

  it.each([
    ['http://api.hubapi.com', /only https/],
    ['https://evil.example', /not a HubSpot API host/],
    ['https://api.hubapi.com.evil.example', /not a HubSpot API host/],
    ['https://evilapi.hubapi.com', /not a HubSpot API host/],
    ['https://api-eu2.hubapi.com', /not a HubSpot API host/],
    ['https://hubapi.com', /not a HubSpot API host/],
    ['https://app.hubspot.com', /not a HubSpot API host/],
    ['https://mail.google.com', /not a HubSpot API host/],
    ['https://user:pw@api.hubapi.com', /user name or password/],
    ['https://api.hubapi.com:8443', /port/],
    ['https://api.hubapi.com/crm/v3', /no path/],
    ['https://api.hubapi.com/?x=1', /no path/],
    ['javascript:alert(1)', /only https/],
    ['127.0.0.1:8080', /not a URL|only https/],
    ['not a url', /not a URL/],
  ])('refuses %s with a clear message', (value, problem) => {
    const checked = checkApiBase(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(problem);
  });

  it('checks each request URL, not only the base', () => {
    expect(isAllowedApiUrl('https://api.hubapi.com/crm/v3/objects/contacts?limit=100')).toBe(true);
    expect(isAllowedApiUrl('https://api-eu1.hubapi.com/crm/v3/owners')).toBe(true);
    expect(isAllowedApiUrl('https://api-na2.hubapi.com/account-info/v3/details')).toBe(true);
    expect(isAllowedApiUrl('https://app.hubspot.com/contacts/1')).toBe(false);
    expect(isAllowedApiUrl('http://api.hubapi.com/crm/v3/objects/contacts')).toBe(false);
    expect(isAllowedApiUrl('https://127.0.0.1:4443/crm/v3/objects/contacts')).toBe(false);
    expect(isAllowedApiUrl('https://attacker.example/collect')).toBe(false);
    expect(isAllowedApiUrl('::')).toBe(false);
  });
});
