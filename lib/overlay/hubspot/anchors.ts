import type { Anchor, SiteAdapter } from '../anchors';
import { queryAll } from '../selector';
import { hubspotPage, recordFromHref } from './page';
import { recordHeading, recordLink } from './selectors';

// HubSpot: on a contact record page, a strip under the record's name; on every page, a chip beside each link to a
// contact record (index tables, board cards, association cards).

export const hubspotAnchors: SiteAdapter = {
  site: 'hubspot',
  anchorsIn(root, location) {
    const anchors: Anchor[] = [];
    const page = hubspotPage(location);
    if (page.kind === 'record' && page.record.object === 'contact') {
      const heading = queryAll(root, recordHeading)[0];
      if (heading) anchors.push({ element: heading, keys: [{ contactId: page.record.id }], variant: 'strip' });
    }
    for (const link of queryAll(root, recordLink)) {
      const record = recordFromHref(link.getAttribute('href') ?? '', location.href);
      // Deal cards carry no contact: their lead is looked up through the deal once the cache answers by deal id.
      if (record?.object === 'contact') {
        anchors.push({ element: link, keys: [{ contactId: record.id }], variant: 'chip' });
      }
    }
    return anchors;
  },
};
