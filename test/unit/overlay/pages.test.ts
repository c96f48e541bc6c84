import { describe, expect, it } from 'vitest';
import { recordUrl } from '../../../lib/crm/hubspot/urls';
import { gmailView } from '../../../lib/overlay/gmail/page';
import { hubspotPage, recordFromHref } from '../../../lib/overlay/hubspot/page';
import { outlookView } from '../../../lib/overlay/outlook/page';

describe('hubspotPage', () => {
  it.each([
    ['/contacts/123/record/0-1/456', { kind: 'record', record: { portalId: '123', object: 'contact', id: '456' } }],
    ['/contacts/123/record/0-3/9/activity', { kind: 'record', record: { portalId: '123', object: 'deal', id: '9' } }],
    ['/contacts/123/contact/456', { kind: 'record', record: { portalId: '123', object: 'contact', id: '456' } }],
    ['/contacts/123/company/7', { kind: 'record', record: { portalId: '123', object: 'company', id: '7' } }],
    ['/contacts/123/objects/0-1/views/all/list', { kind: 'index', portalId: '123', object: 'contact', layout: 'list' }],
    ['/contacts/123/objects/0-3/views/8812/board', { kind: 'index', portalId: '123', object: 'deal', layout: 'board' }],
    ['/contacts/123/record/0-9/1', { kind: 'other' }],
    ['/reports-dashboard/123', { kind: 'other' }],
  ])('%s', (pathname, expected) => {
    expect(hubspotPage({ pathname })).toEqual(expected);
  });

  it('reads record links, relative or absolute, and ignores others', () => {
    const base = 'https://app.hubspot.com/contacts/123/objects/0-1/views/all/list';
    expect(recordFromHref('/contacts/123/record/0-1/55', base)).toEqual({
      portalId: '123',
      object: 'contact',
      id: '55',
    });
    expect(recordFromHref('https://app-eu1.hubspot.com/contacts/9/deal/3', base)?.object).toBe('deal');
    expect(recordFromHref('/settings', base)).toBeNull();
    expect(recordFromHref('http://[bad', base)).toBeNull();
  });

  it("builds record links on the account's own app host", () => {
    expect(recordUrl('app-eu1.hubspot.com', 42, 'contact', '7')).toBe(
      'https://app-eu1.hubspot.com/contacts/42/record/0-1/7',
    );
    expect(recordUrl('app.hubspot.com', '42', 'deal', '8')).toBe('https://app.hubspot.com/contacts/42/record/0-3/8');
  });
});

describe('gmailView', () => {
  it.each([
    ['/mail/u/0/', '#inbox', { kind: 'list', box: 'inbox' }],
    ['/mail/u/0/', '', { kind: 'list', box: 'inbox' }],
    [
      '/mail/u/0/',
      '#inbox/FMfcgzQbdrKQZkfXhRvGxCPm',
      { kind: 'thread', box: 'inbox', threadId: 'FMfcgzQbdrKQZkfXhRvGxCPm' },
    ],
    ['/mail/u/1/', '#search/acme', { kind: 'list', box: 'search' }],
    [
      '/mail/u/0/',
      '#label/Leads%2FHot/FMfcgzQbdrKQZkfXhRvGxCPm',
      { kind: 'thread', box: 'label', threadId: 'FMfcgzQbdrKQZkfXhRvGxCPm' },
    ],
    ['/mail/u/0/', '#settings/general', { kind: 'list', box: 'settings' }],
    ['/intl/en/mail/help', '', { kind: 'other' }],
  ])('%s%s', (pathname, hash, expected) => {
    expect(gmailView({ pathname, hash })).toEqual(expected);
  });
});

describe('outlookView', () => {
  it.each([
    ['/mail/inbox', { kind: 'list', folder: 'inbox' }],
    ['/mail/', { kind: 'list', folder: 'inbox' }],
    ['/mail/inbox/id/AAQkAGI2%2FZ', { kind: 'message', folder: 'inbox', messageId: 'AAQkAGI2/Z' }],
    ['/mail/0/sentitems/id/AAQk', { kind: 'message', folder: 'sentitems', messageId: 'AAQk' }],
    ['/mail/deeplink/read/AAMk', { kind: 'message', folder: 'inbox', messageId: 'AAMk' }],
    ['/calendar/view/week', { kind: 'other' }],
  ])('%s', (pathname, expected) => {
    expect(outlookView({ pathname })).toEqual(expected);
  });
});
