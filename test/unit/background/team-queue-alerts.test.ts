import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connection } from '../../../lib/background/connection';
import { forgetLeadContextCache } from '../../../lib/background/lead-context';
import {
  checkTeamQueueAlerts,
  TEAM_NOTIFICATION_PREFIX,
  TEAM_TOLD_KEY,
} from '../../../lib/background/team-queue-alerts';
import { readTeamQueue } from '../../../lib/background/team-queue-service';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import type { MetricSettingsInput } from '../../../lib/model';
import { deleteAllSecrets, writeSecret } from '../../../lib/settings/secret-store';
import { cacheRows } from '../../support/cache-rows';

// The team queue's reads and its SLA-multiple notifications (issue #20) against an in-memory IndexedDB and the fake
// browser: the followed reps' overdue leads only, on the team's clock, told once per multiple, in business hours.

const MIN = 60_000;
// Thursday 3 December 2026, 12:00 UTC.
const noon = Date.parse('2026-12-03T12:00:00Z');

const connection: Connection = {
  token: 'pat-test',
  baseUrl: 'https://api.hubapi.com',
  portal: { portalId: 42, timeZone: 'UTC', currency: 'USD', uiDomain: 'app.hubspot.com' },
  features: [],
  connectedAt: 0,
  managed: false,
};

function lead(id: string, change: Partial<LeadRecord> = {}): LeadRecord {
  return {
    id,
    email: `${id}@example.com`,
    emails: [`${id}@example.com`],
    name: `Lead ${id}`,
    ownerId: 'rep-a',
    createdAt: noon - 12 * MIN,
    lifecycleStage: 'lead',
    stageDates: {},
    source: 'organic_search',
    effectiveSource: 'organic_search',
    updatedAt: noon,
    archived: false,
    ...change,
  };
}

let db: LeadLensDb;

async function setUp(team: MetricSettingsInput) {
  await writeSecret('hubspot.connection', connection);
  await fakeBrowser.storage.local.set({ teamSettings: team });
}

const shown = async () => Object.keys(await fakeBrowser.notifications.getAll()).sort();

beforeEach(async () => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getUILanguage = () => 'en-US';
  forgetLeadContextCache();
  db = new LeadLensDb(`team-queue-${Math.random()}`);
  await db.owners.bulkPut([
    { id: 'rep-a', name: 'Avi Cohen', email: 'avi@example.com' },
    { id: 'rep-b', name: 'Bina Levi', email: 'bina@example.com' },
  ]);
  await cacheRows(db, 'leads', [
    lead('a-overdue'), // 12 min on a 5-minute SLA: 2×
    lead('a-fresh', { createdAt: noon - 2 * MIN }),
    lead('b-overdue', { ownerId: 'rep-b', createdAt: noon - 30 * MIN }),
  ]);
});

afterEach(async () => {
  await deleteDatabase(db);
  await deleteAllSecrets();
});

describe('readTeamQueue', () => {
  it('lists the followed reps’ overdue leads with their owners, and every owner to choose from', async () => {
    await setUp({ teamQueue: { ownerIds: ['rep-a'], notify: false } });
    const read = await readTeamQueue(noon, db);
    expect(read.owners.map((owner) => owner.name)).toEqual(['Avi Cohen', 'Bina Levi']);
    expect(read.entries.map((entry) => [entry.leadId, entry.ownerName, entry.waitedMinutes, entry.multiple])).toEqual([
      ['a-overdue', 'Avi Cohen', 12, 2],
    ]);
    await setUp({ teamQueue: { ownerIds: [], notify: false } });
    expect((await readTeamQueue(noon, db)).entries).toEqual([]);
  });

  it('counts business minutes: before the day starts nothing is overdue', async () => {
    // Business hours from 11:50 UTC: a lead created at 11:48 has waited 10 business minutes by noon.
    await setUp({
      timezone: 'UTC',
      businessHours: { days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '11:50', end: '18:00' },
      teamQueue: { ownerIds: ['rep-a', 'rep-b'], notify: false },
    });
    const read = await readTeamQueue(noon, db);
    expect(read.businessZone).toBe('UTC');
    // Equal shares of the SLA: by id.
    expect(read.entries.map((entry) => [entry.leadId, entry.waitedMinutes])).toEqual([
      ['a-overdue', 10],
      ['b-overdue', 10],
    ]);
    // At 11:52 only two business minutes have passed: nothing is overdue.
    expect((await readTeamQueue(noon - 8 * MIN, db)).entries).toEqual([]);
  });
});

describe('checkTeamQueueAlerts', () => {
  it('is off unless the manager turned it on', async () => {
    await setUp({ teamQueue: { ownerIds: ['rep-a'], notify: false } });
    expect(await checkTeamQueueAlerts(noon, db, async () => true)).toEqual({ told: [] });
    expect(await shown()).toEqual([]);
  });

  it('tells each lead once per multiple of its SLA it passes, only in business hours', async () => {
    await setUp({ teamQueue: { ownerIds: ['rep-a', 'rep-b'], notify: true } });
    expect(await checkTeamQueueAlerts(noon, db, async () => false)).toEqual({ told: [] });
    const first = await checkTeamQueueAlerts(noon, db, async () => true);
    expect(first?.told).toEqual([
      { leadId: 'b-overdue', multiple: 6 },
      { leadId: 'a-overdue', multiple: 2 },
    ]);
    expect(await shown()).toEqual([`${TEAM_NOTIFICATION_PREFIX}a-overdue`, `${TEAM_NOTIFICATION_PREFIX}b-overdue`]);
    const notifications = await fakeBrowser.notifications.getAll();
    expect(notifications[`${TEAM_NOTIFICATION_PREFIX}a-overdue`]).toMatchObject({
      title: 'Lead a-overdue has waited 2 times the SLA',
      message: expect.stringContaining('Owner Avi Cohen'),
    });
    // A minute later: nothing new. Three minutes later lead a passes 3× its SLA and is told again, and the fresh
    // lead, now overdue, for the first time.
    expect((await checkTeamQueueAlerts(noon + MIN, db, async () => true))?.told).toEqual([]);
    expect((await checkTeamQueueAlerts(noon + 3 * MIN, db, async () => true))?.told).toEqual([
      { leadId: 'a-overdue', multiple: 3 },
      { leadId: 'a-fresh', multiple: 1 },
    ]);
    expect(Object.keys((await fakeBrowser.storage.local.get(TEAM_TOLD_KEY))[TEAM_TOLD_KEY] ?? {})).toHaveLength(3);
  });
});
