import type { Anchor, SiteAdapter } from '../anchors';
import { queryAll } from '../selector';
import { hubspotPage, recordFromHref } from './page';
import { hubspotHealth, recordHeading, recordLink } from './selectors';

// HubSpot: on a contact record page, a strip under the record's name; on every page, a chip beside each link to a
// contact record (index tables, association cards) and each link to a deal (deal tables, board cards: the deal's
// primary contact's badge) — of the connected portal only. A page script can add any link it likes: links with
// another portal's id (`/contacts/999999/record/0-1/<id>`) would otherwise make the overlay reveal, badge by badge,
// which of the ids it guesses are cached leads. Until the background has said which portal is connected, nothing is
// anchored.

export const hubspotAnchors: SiteAdapter = {
  site: 'hubspot',
  health: hubspotHealth,
  anchorsIn(root, location, { portalId }) {
    if (portalId === undefined) return [];
    const ours = String(portalId);
    const anchors: Anchor[] = [];
    const page = hubspotPage(location);
    if (page.kind === 'record' && page.record.object === 'contact' && page.record.portalId === ours) {
      const heading = queryAll(root, recordHeading)[0];
      if (heading) anchors.push({ element: heading, keys: [{ contactId: page.record.id }], variant: 'strip' });
    }
    for (const link of queryAll(root, recordLink)) {
      const record = recordFromHref(link.getAttribute('href') ?? '', location.href);
      if (record?.portalId !== ours) continue;
      if (record.object === 'contact')
        anchors.push({ element: link, keys: [{ contactId: record.id }], variant: 'chip' });
      // A deal row or board card: the badge of the deal's primary contact, which the background knows from the cache.
      else if (record.object === 'deal')
        anchors.push({ element: link, keys: [{ dealId: record.id }], variant: 'chip' });
    }
    return anchors;
  },
};
