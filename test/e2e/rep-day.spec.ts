import type { Page } from '@playwright/test';
import type { RunningPortal } from '../fake-hubspot/server';
import { connectAndSync } from './connect';
import { expect, test } from './fixtures';
import { type BadgeModel, OverlayDom } from './overlay-dom';

// Issue #20 on the production build: the badge, its card and the alerts count business time as the metrics do, at
// night and on a holiday; and the early warning, read through the alerts service's state (Playwright cannot see or
// click a system notification; the notification's id is read through the API the service uses to show it).
//
// The clock: the API cannot backdate a creation (neither can HubSpot's), so the portal's record is moved back before
// LeadLens connects and reads the portal, as the alerts spec does before its sync. Night and holiday are made by the team's time zone: an `Etc/GMT±N` zone is
// chosen in which the machine's "now" is 03:xx (night) or 14:xx (a holiday's afternoon), so the test reads the same
// whenever it runs.

const MIN = 60_000;
const HOUR = 3_600_000;
const ALL_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

type ChromeForPage = {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  notifications: { getAll(): Promise<Record<string, unknown>> };
};

/** A fixed-offset zone where the local time now is `hour`:xx, its offset in hours, and today's local date there. */
function zoneWhereItIs(hour: number): { zone: string; localDate: string } {
  const utcHour = new Date().getUTCHours();
  const offset = ((((hour - utcHour + 12) % 24) + 24) % 24) - 12; // −12 … 11: every one has an Etc zone
  // Etc/GMT signs are inverted (POSIX): Etc/GMT-3 is UTC+3.
  const zone = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  return { zone, localDate: new Date(Date.now() + offset * HOUR).toISOString().slice(0, 10) };
}

/** The team settings as stored, changed by `patch` (the background and every page follow the stored item). */
async function patchTeamSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (change) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeForPage };
    const stored = await chrome.storage.local.get('teamSettings');
    const meta = await chrome.storage.local.get('teamSettings$');
    await chrome.storage.local.set({
      teamSettings: { ...((stored.teamSettings as object | undefined) ?? {}), ...change },
      teamSettings$: meta.teamSettings$ ?? { v: 2 },
    });
  }, patch);
}

interface AlertsState {
  overdue: string[];
  warning: string[];
  warned: string[];
  businessTime: boolean;
}

const alertsState = (page: Page) =>
  page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: ChromeForPage };
    return ((await chrome.storage.local.get('alerts.state'))['alerts.state'] ?? null) as AlertsState | null;
  });
const notificationIds = (page: Page) =>
  page.evaluate(async () =>
    Object.keys(await (globalThis as unknown as { chrome: ChromeForPage }).chrome.notifications.getAll()),
  );

/** A lead of `ownerId` created `ago` ms back (its record moved back, as HubSpot's form submissions cannot be). */
async function leadCreatedAgo(portal: RunningPortal, ownerId: string, ago: number, tag: string) {
  const createdAt = Date.now() - ago;
  const created = portal.admin.createLead({
    ownerId,
    firstname: 'Clock',
    lastname: tag,
    email: `clock.${tag}.${createdAt}@fresh-lead.example`,
  });
  const record = portal.admin.record('contacts', created.id);
  if (!record) throw new Error('the portal lost the lead it created');
  record.createdAt = createdAt;
  // Assigned ten minutes after it came in (HubSpot stamps the date itself): the card's routing delay and its clock
  // from assignment.
  record.props.hubspot_owner_assigneddate = new Date(createdAt + 10 * MIN).toISOString();
  return { id: created.id, name: `Clock ${tag}`, createdAt };
}

/** The record page's strip for the lead, as it is now. */
async function stripNow(dom: OverlayDom): Promise<BadgeModel | undefined> {
  return (await dom.badges()).find((badge) => badge.variant === 'strip');
}

/** An owner of the portal, to own the test's leads. */
function someOwner(portal: RunningPortal): string {
  const owner = portal.admin.store.owners[0];
  if (!owner) throw new Error('the portal has no owners');
  return String(owner.id);
}

for (const when of ['night', 'holiday'] as const) {
  test(`business-time timers on a HubSpot record ${when === 'night' ? 'at night' : 'on a holiday'}`, async ({
    extension,
    portal,
  }) => {
    test.setTimeout(180_000);
    const ownerId = someOwner(portal);
    // Night: 03:xx there, business hours 09:00–17:00 every day; the lead came in 90 minutes ago, at night too.
    // Holiday: 14:xx there, business hours all day every day but today; the lead came in an hour ago.
    const { zone, localDate } = zoneWhereItIs(when === 'night' ? 3 : 14);
    const hours =
      when === 'night'
        ? { days: ALL_DAYS, start: '09:00', end: '17:00' }
        : { days: ALL_DAYS, start: '00:00', end: '24:00', holidays: [localDate] };
    const lead = await leadCreatedAgo(portal, ownerId, when === 'night' ? 90 * MIN : HOUR, `${when}${Date.now()}`);
    try {
      const options = await connectAndSync(extension, portal);
      await patchTeamSettings(options, { timezone: zone, businessHours: hours, slaMinutes: 5, myOwnerId: ownerId });
      const page = await extension.context.newPage();
      await page.goto(`https://app.hubspot.com/contacts/${portal.portalId}/record/0-1/${lead.id}`);
      const dom = await OverlayDom.open(page);

      // On the wall clock the lead has waited past its 5-minute SLA; on the team's clock not a minute.
      await expect.poll(async () => (await stripNow(dom))?.timer.state, { timeout: 15_000 }).toBe('ok');
      const strip = await stripNow(dom);
      expect(strip?.label).toContain(`Lead ${lead.name}, `);
      expect(strip?.label).toContain('waiting for a first answer, within SLA');
      expect(strip?.timer.text).toBe('0s');

      // The card says it counts business time, and shows the time in all beside it.
      if (!strip) throw new Error('no strip');
      await dom.focus(strip.button);
      await expect.poll(async () => (await dom.card())?.visible).toBe(true);
      const card = await dom.card();
      expect(card?.text).toContain(`Timers count business hours only (${zone})`);
      expect(card?.rows.Timer).toMatch(/^waiting for a first answer for 0s — within SLA\n.+ in all$/);
      expect(card?.rows['Routing delay']).toBe('0s');
      expect(card?.rows['From assignment']).toBe('waiting 0s');
      expect(card?.rows.Temperature).toMatch(/^(Hot|Warm|Cold)$/);
      expect(card?.rows['Lead status']).toBe('New');
      // The card is a dialog with a heading, not a second banner landmark.
      expect(card?.tags).not.toContain('header');

      // The alerts count the same minutes: not overdue, no notification.
      await expect.poll(async () => (await alertsState(options))?.businessTime).toBe(true);
      expect((await alertsState(options))?.overdue).not.toContain(lead.id);
      expect(await notificationIds(options)).not.toContain(`leadlens-lead:${lead.id}`);

      // Without business hours every minute counts again: the same lead is overdue on the badge and in the alerts.
      await patchTeamSettings(options, { businessHours: null });
      await expect.poll(async () => (await stripNow(dom))?.timer.state, { timeout: 15_000 }).toBe('overdue');
      await expect.poll(async () => (await alertsState(options))?.overdue, { timeout: 15_000 }).toContain(lead.id);
    } finally {
      // The portal is shared by the worker's other tests.
      portal.admin.archive('contacts', lead.id);
    }
  });
}

test('the early warning comes at the share of the SLA set in the options, once, before the overdue one', async ({
  extension,
  portal,
}) => {
  test.setTimeout(180_000);
  const ownerId = someOwner(portal);
  const soon = await leadCreatedAgo(portal, ownerId, 7 * MIN, `soon${Date.now()}`); // 70 %: amber, warned
  const late = await leadCreatedAgo(portal, ownerId, 20 * MIN, `late${Date.now()}`); // overdue: not warned
  const options = await connectAndSync(extension, portal);
  // Set as a rep does, in "Alerts and timers": me, a 10-minute SLA, the early warning at the default half.
  const alerts = options.getByTestId('alert-settings');
  await alerts.getByTestId('alerts-myOwner').selectOption(ownerId);
  await alerts.getByTestId('alerts-slaMinutes').fill('10');
  if (await alerts.getByTestId('alerts-businessHoursOn').isChecked())
    await alerts.getByTestId('alerts-businessHoursOn').uncheck();
  await alerts.getByTestId('alerts-earlyWarningOn').check();
  await expect(alerts.getByTestId('alerts-earlyWarningPct')).toHaveValue('50');
  await alerts.getByTestId('alerts-save').click();
  await expect(alerts.getByTestId('alerts-status')).toHaveText('Saved.');

  try {
    // Saving the settings runs a check (as every sync does).
    await expect.poll(async () => (await alertsState(options))?.warning ?? [], { timeout: 15_000 }).toContain(soon.id);
    const state = await alertsState(options);
    expect(state?.warned.filter((episode) => episode.startsWith(`${soon.id}:open:`))).toHaveLength(1);
    expect(state?.warning).not.toContain(late.id);
    expect(state?.overdue).toContain(late.id);
    expect(state?.overdue).not.toContain(soon.id);
    const shown = await notificationIds(options);
    expect(shown).toContain(`leadlens-warn:${soon.id}`);
    expect(shown).not.toContain(`leadlens-warn:${late.id}`);
    expect(shown).toContain(`leadlens-lead:${late.id}`);

    // Once per waiting episode: the next check (any settings change runs one) warns of nothing new.
    await alerts.getByTestId('alerts-openWithinDays').fill('29');
    await alerts.getByTestId('alerts-save').click();
    await expect(alerts.getByTestId('alerts-status')).toHaveText('Saved.');
    await options.waitForTimeout(1_500);
    expect((await alertsState(options))?.warned.filter((e) => e.startsWith(`${soon.id}:`))).toHaveLength(1);

    // The popup's "My week" counts my overdue leads as the toolbar does, with the team's figures beside mine (this
    // cache holds every owner's leads).
    const popup = await extension.context.newPage();
    await popup.goto(extension.extensionUrl('popup.html'));
    const week = popup.getByTestId('popup-my-week');
    const overdueNow = (await alertsState(options))?.overdue.length ?? -1;
    await expect(week.getByTestId('my-week-overdue').getByTestId('mine')).toHaveText(String(overdueNow));
    await expect(week.getByTestId('my-week-share').getByTestId('team')).toHaveText(/^\d+%$/);
    await expect(week.getByTestId('my-week-leads').getByTestId('mine')).toHaveText(/^[1-9]\d*$/);
  } finally {
    portal.admin.archive('contacts', soon.id);
    portal.admin.archive('contacts', late.id);
  }
});
