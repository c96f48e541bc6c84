import type { RunningPortal } from '../fake-hubspot/server';

// Owners and re-assignments on the local portal, for the tests of whose leads a browser keeps (issue #23): the
// integration tests of the sync and the end-to-end tests of the built extension pick and move leads the same way.

/** The owner of most live contacts, and the owner of the next most. */
export function busiestOwners(portal: RunningPortal): { me: string; colleague: string } {
  const counts = new Map<string, number>();
  for (const contact of portal.admin.records('contacts')) {
    const owner = contact.props.hubspot_owner_id;
    if (!contact.archived && typeof owner === 'string' && owner) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  return { me: ranked[0] ?? '', colleague: ranked[1] ?? '' };
}

/** Gives a contact to another owner through the portal's API, as a re-assignment in HubSpot would; throws if refused. */
export async function reassignContact(
  portal: RunningPortal,
  contactId: number | string,
  ownerId: string,
): Promise<void> {
  await reassign(portal, 'contacts', contactId, ownerId);
}

/** Gives any record (a contact, a deal, a call) to another owner through the portal's API; throws if refused. */
export async function reassign(
  portal: RunningPortal,
  type: string,
  id: number | string,
  ownerId: string,
): Promise<void> {
  const response = await fetch(`${portal.httpUrl}/crm/objects/2026-09/${type}/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${portal.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ properties: { hubspot_owner_id: ownerId } }),
  });
  if (response.status !== 200) throw new Error(`re-assigning ${type} ${id} was refused: ${response.status}`);
}
