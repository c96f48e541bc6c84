import { type TeamQueueEntry, teamQueue } from '../alerts/team-queue';
import { database, type LeadLensDb } from '../db/db';
import type { Handlers } from '../messaging/server';
import { clockSkewMs } from '../crm/clock-skew';
import { leadClockFor } from '../overlay/lead-clock';
import { loadTeamSettings } from '../settings/team-settings';
import { storedConnection } from './connection';
import { leadContext } from './lead-context';
import { loadRepMarks } from './rep-marks-store';

// The team queue's reads (issue #20), for the side panel and the popup, and for the SLA-multiple notifications
// (team-queue-alerts.ts): the followed reps' leads through the overlays' own `leadContext`, this browser's marks, and
// the team's one clock (lib/overlay/lead-clock.ts: the metrics' business minutes when business hours are set,
// holidays included), so the queue, the badges and the panel agree about a lead that came in at night.

export interface TeamQueueRead {
  connected: boolean;
  entries: TeamQueueEntry[];
  /** The reps followed. */
  ownerIds: string[];
  notify: boolean;
  /** Every owner the cache knows, for choosing whom to follow. */
  owners: { id: string; name: string }[];
  /** The team's time zone when business hours are set (the view says waits are business time). */
  businessZone?: string;
}

/** HubSpot's clock, as the alerts and the badges count (the API's `Date` header against ours). */
export function hubspotNow(): number {
  return Date.now() + clockSkewMs();
}

export async function readTeamQueue(now = hubspotNow(), db: LeadLensDb = database()): Promise<TeamQueueRead> {
  const connection = await storedConnection();
  const { settings } = await loadTeamSettings(connection?.portal.timeZone);
  const ownerIds = settings.teamQueue?.ownerIds ?? [];
  const notify = settings.teamQueue?.notify ?? false;
  if (!db.isOpen()) await db.open();
  const owners = (await db.owners.toArray())
    .map((owner) => ({ id: owner.id, name: owner.name || owner.email || owner.id }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const base = {
    connected: connection !== undefined,
    ownerIds,
    notify,
    owners,
    ...(settings.businessHours ? { businessZone: settings.timezone } : {}),
  };
  if (!connection || ownerIds.length === 0) return { ...base, entries: [] };
  const contactIds = await db.leads.where('ownerId').anyOf(ownerIds).primaryKeys();
  const leads = contactIds.length === 0 ? [] : await leadContext({ contactIds }, settings, now, db);
  const marks = await loadRepMarks(connection.portal.portalId);
  const entries = teamQueue({
    leads,
    ownerIds: new Set(ownerIds),
    now,
    // The one clock of issue #20 (lib/overlay/lead-clock.ts), as the badges and the rep's alerts count.
    minutesBetween: leadClockFor(settings).minutesBetween,
    rules: settings.timerRules,
    ...marks,
  });
  return { ...base, entries };
}

export function teamQueueHandlers(): Pick<Handlers, 'teamQueue'> {
  return {
    teamQueue: async () => {
      const read = await readTeamQueue();
      const connection = read.connected ? await storedConnection() : undefined;
      return {
        ...read,
        ...(connection
          ? { portal: { portalId: connection.portal.portalId, uiDomain: connection.portal.uiDomain ?? '' } }
          : {}),
      };
    },
  };
}
