import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ALERTS_ALARM,
  ALERTS_STATE_KEY,
  checkAlerts,
  isBusinessTime,
  LEAD_NOTIFICATION_PREFIX,
  NOTIFIED_KEY,
  openNotified,
  registerAlerts,
  SEPARATE_NOTIFICATIONS,
  SUMMARY_NOTIFICATION_ID,
  WARNED_KEY,
  WARNING_NOTIFICATION_PREFIX,
} from '../../../lib/background/alerts-service';
import type { Connection } from '../../../lib/background/connection';
import { forgetLeadContextCache } from '../../../lib/background/lead-context';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import type { MetricSettingsInput, Touch } from '../../../lib/model';
import { metricSettings, type Weekday } from '../../../lib/model/settings';
import { formatWaiting } from '../../../lib/overlay/format';
import { deleteAllSecrets, deleteSecret, writeSecret } from '../../../lib/settings/secret-store';
import { updateSettings } from '../../../lib/settings/storage';
import { cacheRows } from '../../support/cache-rows';

// The alerts' decisions against a real (in-memory) IndexedDB and the fake browser: which leads count and notify,
// once per waiting episode, never outside business hours, and what the toolbar shows.

const MIN = 60_000;
const DAY = 86_400_000;
// A Monday, 12:00 UTC.
const monday = Date.parse('2026-11-23T12:00:00Z');
const ME = '7';

const connection: Connection = {
  token: 'pat-test',
  baseUrl: 'https://api.hubapi.com',
  portal: { portalId: 42, timeZone: 'UTC', currency: 'USD', uiDomain: 'app-eu1.hubspot.com' },
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
    ownerId: ME,
    createdAt: monday - 10 * MIN,
    lifecycleStage: 'lead',
    stageDates: {},
    source: 'organic_search',
    effectiveSource: 'organic_search',
    updatedAt: monday,
    archived: false,
    ...change,
  };
}

function touch(id: string, leadId: string, change: Partial<Touch>): Touch {
  return { id, kind: 'email', direction: 'out', at: monday, leadIds: [leadId], automated: false, ...change };
}

let db: LeadLensDb;

async function setUp(team: MetricSettingsInput = { myOwnerId: ME }) {
  await writeSecret('hubspot.connection', connection);
  await fakeBrowser.storage.local.set({ teamSettings: team });
}

const check = (at: number) => checkAlerts(() => at, db);
const badge = () => fakeBrowser.action.getBadgeText({});
const shown = async () => Object.keys(await fakeBrowser.notifications.getAll()).sort();
const leadNotification = (id: string) => `${LEAD_NOTIFICATION_PREFIX}${id}`;

beforeEach(() => {
  fakeBrowser.reset();
  // The fake browser has no UI language; the user's is English unless a test says otherwise.
  fakeBrowser.i18n.getUILanguage = () => 'en-US';
  forgetLeadContextCache();
  db = new LeadLensDb(`alerts-${Math.random()}`);
});

afterEach(async () => {
  await deleteDatabase(db);
  await deleteAllSecrets();
});

describe('checkAlerts', () => {
  it('counts only my live overdue leads on the toolbar and notifies each of them', async () => {
    await cacheRows(db, 'leads', [
      lead('open'), // no answer after 10 min: overdue
      lead('fresh', { createdAt: monday - 2 * MIN }), // inside the SLA
      lead('theirs', { ownerId: '8', createdAt: monday - 60 * MIN }),
      lead('gone', { archived: true, createdAt: monday - 60 * MIN }),
      lead('waiting', { createdAt: monday - 3 * DAY, name: 'Dana Levi' }),
      lead('slow-source', { effectiveSource: 'partner', createdAt: monday - 20 * MIN }), // 30-minute SLA
    ]);
    await cacheRows(db, 'touches', [
      touch('answer', 'waiting', { at: monday - 2 * DAY }),
      touch('question', 'waiting', { direction: 'in', at: monday - 45 * MIN }),
    ]);
    await setUp({ myOwnerId: ME, slaBySource: { partner: 30 } });

    const outcome = await check(monday);

    expect(outcome?.badgeText).toBe('2');
    expect(await badge()).toBe('2');
    expect(await fakeBrowser.action.getTitle({})).toBe('LeadLens: 2 of your leads are overdue');
    expect(await shown()).toEqual([leadNotification('open'), leadNotification('waiting')]);
    const notifications = await fakeBrowser.notifications.getAll();
    expect(notifications[leadNotification('waiting')]).toMatchObject({
      title: 'Dana Levi is waiting for an answer',
      // The badge's own time text.
      message: `Their message has waited ${formatWaiting(45 * MIN, 'en')} (SLA 5 min). Click to open the lead in HubSpot.`,
    });
    expect(notifications[leadNotification('open')]).toMatchObject({
      message: expect.stringContaining(`No answer yet after ${formatWaiting(10 * MIN, 'en')} (SLA 5 min)`),
    });
  });

  it('notifies a waiting episode once; a new unanswered message is a new episode', async () => {
    await setUp();
    await cacheRows(db, 'leads', [lead('a')]);
    expect((await check(monday))?.notified).toEqual(['a']);
    await fakeBrowser.notifications.clear(leadNotification('a')); // the rep dismissed it
    expect((await check(monday + MIN))?.notified).toEqual([]);
    expect((await check(monday + 30 * MIN))?.notified).toEqual([]);
    expect(await badge()).toBe('1');

    // Answered: the episode is over, forgotten, and its notification (shown again meanwhile) is withdrawn.
    await fakeBrowser.notifications.create(leadNotification('a'), {
      type: 'basic',
      title: 'x',
      message: 'y',
      iconUrl: '',
    });
    await cacheRows(db, 'touches', [touch('reply', 'a', { at: monday + 31 * MIN })]);
    expect((await check(monday + 32 * MIN))?.badgeText).toBe('');
    expect(await shown()).toEqual([]);
    expect((await fakeBrowser.storage.local.get(NOTIFIED_KEY))[NOTIFIED_KEY]).toEqual([]);

    // The lead writes again and waits past the SLA: told again.
    await cacheRows(db, 'touches', [touch('again', 'a', { direction: 'in', at: monday + 40 * MIN })]);
    expect((await check(monday + 42 * MIN))?.notified).toEqual([]);
    expect((await check(monday + 46 * MIN))?.notified).toEqual(['a']);
  });

  it('counts business minutes like the badges and the panel: a weekend lead is overdue 5 minutes into Monday', async () => {
    const hours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, start: '09:00', end: '17:00' };
    await setUp({ myOwnerId: ME, timezone: 'Asia/Jerusalem', businessHours: { ...hours, days: [...hours.days] } });
    const saturday = Date.parse('2026-11-21T10:00:00Z');
    await cacheRows(db, 'leads', [lead('weekend', { createdAt: saturday - 30 * MIN })]);

    // 30 wall-clock minutes, none of them business time: not overdue, not counted (it was, before one clock).
    expect(await check(saturday)).toEqual({ badgeText: '', notified: [], summarized: 0, warned: [] });
    expect(await shown()).toEqual([]);
    // Monday 09:04 in Jerusalem (07:04 UTC): 4 business minutes.
    expect((await check(Date.parse('2026-11-23T07:04:00Z')))?.badgeText).toBe('');
    // 09:05 there: the SLA is reached, counted and told.
    expect(await check(Date.parse('2026-11-23T07:05:00Z'))).toEqual({
      badgeText: '1',
      notified: ['weekend'],
      summarized: 0,
      warned: [],
    });
    expect((await fakeBrowser.notifications.getAll())[leadNotification('weekend')]).toMatchObject({
      message: expect.stringContaining(`No answer yet after ${formatWaiting(5 * MIN, 'en')} (SLA 5 min)`),
    });
  });

  it('counts a holiday as no business time', async () => {
    const hours = {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Weekday[],
      start: '09:00',
      end: '17:00',
      holidays: ['2026-11-23'],
    };
    await setUp({ myOwnerId: ME, timezone: 'UTC', businessHours: hours });
    await cacheRows(db, 'leads', [lead('holiday', { createdAt: monday - 60 * MIN })]);
    expect((await check(monday))?.badgeText).toBe('');
    // Tuesday 09:05: 5 business minutes.
    expect((await check(Date.parse('2026-11-24T09:05:00Z')))?.badgeText).toBe('1');
  });

  it('warns early once per episode at the share set, keeps the state for the popup and tests, and clears on overdue', async () => {
    await setUp({ myOwnerId: ME, slaMinutes: 10, earlyWarning: { enabled: true, sharePct: 50 } });
    await cacheRows(db, 'leads', [lead('soon', { createdAt: monday - 4 * MIN, name: 'Dana Levi' })]);
    // 4 of 10 minutes: below half.
    expect((await check(monday))?.warned).toEqual([]);
    // 5 of 10: the badge turns amber, and the warning comes.
    expect(await check(monday + MIN)).toEqual({ badgeText: '', notified: [], summarized: 0, warned: ['soon'] });
    expect((await fakeBrowser.notifications.getAll())[`${WARNING_NOTIFICATION_PREFIX}soon`]).toMatchObject({
      title: 'Answer soon: Dana Levi',
      message: expect.stringContaining(`No answer yet after ${formatWaiting(5 * MIN, 'en')} (SLA 10 min)`),
    });
    const state = async () => (await fakeBrowser.storage.local.get(ALERTS_STATE_KEY))[ALERTS_STATE_KEY];
    expect(await state()).toEqual({
      overdue: [],
      warning: ['soon'],
      warned: [`soon:open:${monday - 4 * MIN}`],
      earlyWarning: { enabled: true, sharePct: 50 },
      businessTime: false,
    });
    // Once per episode.
    expect((await check(monday + 2 * MIN))?.warned).toEqual([]);
    // Overdue: the overdue notification takes the warning's place.
    expect(await check(monday + 6 * MIN)).toEqual({ badgeText: '1', notified: ['soon'], summarized: 0, warned: [] });
    expect(await shown()).toEqual([leadNotification('soon')]);
    expect(await state()).toMatchObject({ overdue: ['soon'], warning: [] });
  });

  it('warns at the share the rep set, and not at all when it is off', async () => {
    await setUp({ myOwnerId: ME, slaMinutes: 10, earlyWarning: { enabled: true, sharePct: 80 } });
    await cacheRows(db, 'leads', [lead('a', { createdAt: monday - 7 * MIN })]);
    expect((await check(monday))?.warned).toEqual([]);
    expect((await check(monday + MIN))?.warned).toEqual(['a']);
    await fakeBrowser.storage.local.remove(WARNED_KEY);
    await setUp({ myOwnerId: ME, slaMinutes: 10 });
    expect((await check(monday + 90_000))?.warned).toEqual([]);
  });

  it('leaves out snoozed leads and leads marked "not a lead", as the badges do', async () => {
    await setUp();
    await cacheRows(db, 'leads', [lead('snoozed'), lead('nope'), lead('loud')]);
    await fakeBrowser.storage.local.set({
      'marks.42': { snoozes: { snoozed: monday + 60 * MIN, loud: monday - MIN }, notALead: ['nope'] },
    });
    expect(await check(monday)).toEqual({ badgeText: '1', notified: ['loud'], summarized: 0, warned: [] });
    // The snooze ends: now it counts and is told.
    expect(await check(monday + 61 * MIN)).toEqual({
      badgeText: '2',
      notified: ['snoozed'],
      summarized: 0,
      warned: [],
    });
  });

  it('follows the team’s timer rules: old leads show no timer unless the rules reach back that far', async () => {
    await setUp();
    await cacheRows(db, 'leads', [lead('old', { createdAt: monday - 40 * DAY })]);
    expect((await check(monday))?.badgeText).toBe('');
    await setUp({ myOwnerId: ME, timerRules: { openWithinDays: 60 } });
    expect((await check(monday))?.badgeText).toBe('1');
  });

  it('counts and tells nothing without my owner id or without a connection', async () => {
    await setUp({});
    await cacheRows(db, 'leads', [lead('a')]);
    expect(await check(monday)).toEqual({ badgeText: '', notified: [], summarized: 0, warned: [] });
    await setUp();
    await deleteSecret('hubspot.connection');
    expect(await check(monday)).toEqual({ badgeText: '', notified: [], summarized: 0, warned: [] });
    expect(await shown()).toEqual([]);
  });

  it('tells a burst of new overdue leads in a few notifications and one summary', async () => {
    await setUp();
    const count = SEPARATE_NOTIFICATIONS + 4;
    await cacheRows(
      db,
      'leads',
      Array.from({ length: count }, (_, index) => lead(`l${index}`, { createdAt: monday - (10 + index) * MIN })),
    );
    const outcome = await check(monday);
    // The longest waits get their own notification.
    expect(outcome).toEqual({ badgeText: String(count), notified: ['l6', 'l5', 'l4'], summarized: 4, warned: [] });
    expect((await fakeBrowser.notifications.getAll())[SUMMARY_NOTIFICATION_ID]).toMatchObject({
      title: '4 more of your leads are overdue',
    });
    // Each episode was told once, by name or in the summary.
    expect(await check(monday + MIN)).toEqual({ badgeText: String(count), notified: [], summarized: 0, warned: [] });
  });

  it('writes the notification in the user’s language', async () => {
    await setUp();
    await updateSettings({ language: 'he' });
    await cacheRows(db, 'leads', [lead('a', { name: 'דנה' })]);
    await check(monday);
    expect((await fakeBrowser.notifications.getAll())[leadNotification('a')]).toMatchObject({
      title: 'ליד ממתין לתשובה: דנה',
    });
  });

  it('shows a count over 99 as 99+', async () => {
    await setUp();
    await cacheRows(
      db,
      'leads',
      Array.from({ length: 120 }, (_, index) => lead(`m${index}`)),
    );
    expect((await check(monday))?.badgeText).toBe('99+');
  });
});

describe('isBusinessTime', () => {
  it('is always true without business hours, and follows the team’s zone with them', () => {
    expect(isBusinessTime(metricSettings(), monday)).toBe(true);
    const settings = metricSettings({
      timezone: 'America/New_York',
      businessHours: { days: ['mon'], start: '09:00', end: '17:00' },
    });
    expect(isBusinessTime(settings, Date.parse('2026-11-23T13:59:00Z'))).toBe(false); // 08:59 in New York
    expect(isBusinessTime(settings, Date.parse('2026-11-23T14:00:00Z'))).toBe(true);
    expect(isBusinessTime(settings, Date.parse('2026-11-23T22:00:00Z'))).toBe(false); // 17:00, the end is excluded
  });
});

describe('notification clicks and registration', () => {
  it('a click opens the lead’s record in the account’s own HubSpot host', async () => {
    await setUp();
    await fakeBrowser.notifications.create(leadNotification('123'), {
      type: 'basic',
      title: 't',
      message: 'm',
      iconUrl: '',
    });
    await openNotified(leadNotification('123'));
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain('https://app-eu1.hubspot.com/contacts/42/record/0-1/123');
    expect(await shown()).toEqual([]);
    await openNotified('someone-else');
    expect((await fakeBrowser.tabs.query({})).length).toBe(tabs.length);
  });

  it('registers a one-minute alarm whose firing runs a check', async () => {
    registerAlerts();
    await expect.poll(() => fakeBrowser.alarms.get(ALERTS_ALARM)).toMatchObject({ periodInMinutes: 1 });
    await writeSecret('hubspot.connection', connection);
    await fakeBrowser.storage.local.set({ teamSettings: { myOwnerId: ME } });
    await checkAlerts(); // the checks started by registration and by the writes above
    await fakeBrowser.action.setBadgeText({ text: 'stale' });
    // Nothing else rewrites the badge…
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await badge()).toBe('stale');
    // …until the alarm fires.
    await fakeBrowser.alarms.onAlarm.trigger({ name: ALERTS_ALARM, scheduledTime: Date.now() });
    await expect.poll(() => badge()).toBe('');
  });
});
