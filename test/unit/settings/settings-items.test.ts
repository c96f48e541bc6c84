import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as z from 'zod/mini';
import { metricSettings } from '../../../lib/model/settings';
import { loadPrefs, panelPrefsItem, savePrefs } from '../../../lib/settings/panel-prefs';
import { SETTINGS_VERSION } from '../../../lib/settings/schema';
import { defineSettingsItem } from '../../../lib/settings/settings-item';
import { appSettingsItem, loadSettings } from '../../../lib/settings/storage';
import { loadSyncSettings, saveSyncSettings, syncSettingsItem } from '../../../lib/settings/sync-settings';
import { loadTaggingSettings, saveTaggingSettings, taggingSettingsItem } from '../../../lib/settings/tagging-settings';
import {
  clearUnstatedAssumptions,
  loadTeamSettings,
  saveTeamSettings,
  teamSettingsItem,
  watchTeamSettings,
} from '../../../lib/settings/team-settings';

beforeEach(() => fakeBrowser.reset());

const stored = async (key: string) => (await fakeBrowser.storage.local.get(key))[key];

describe('settings items', () => {
  it('keep the storage.local keys earlier releases wrote, so an update keeps every setting', () => {
    expect(
      [appSettingsItem, teamSettingsItem, syncSettingsItem, taggingSettingsItem, panelPrefsItem].map(
        (item) => item.key,
      ),
    ).toEqual(['settings', 'teamSettings', 'syncSettings', 'taggingSettings', 'panel.prefs']);
  });

  it('read what an earlier release stored under those keys', async () => {
    await fakeBrowser.storage.local.set({
      settings: { version: 1, language: 'he' },
      teamSettings: { slaMinutes: 7, adoptionDate: '2024-03-01' },
      syncSettings: { engagementMonths: 12, automation: { property: 'hs_source', values: ['AUTOMATION'] } },
      taggingSettings: { sourceProperty: 'lead_source', notALeadStatus: 'UNQUALIFIED' },
      'panel.prefs': { kpis: ['roi', 'responseTime'], currency: 'EUR' },
    });
    expect((await loadSettings()).settings.language).toBe('he');
    const team = await loadTeamSettings('Asia/Jerusalem');
    expect(team.settings).toMatchObject({ slaMinutes: 7, adoptionDate: '2024-03-01', timezone: 'Asia/Jerusalem' });
    expect(await loadSyncSettings()).toEqual({
      engagementMonths: 12,
      automation: { property: 'hs_source', values: ['AUTOMATION'] },
      managed: false,
    });
    expect(await loadTaggingSettings()).toEqual({ sourceProperty: 'lead_source', notALeadStatus: 'UNQUALIFIED' });
    expect(await loadPrefs()).toEqual({ kpis: ['roi', 'responseTime'], currency: 'EUR' });
  });

  it('accept the older shapes: settings without a version, team settings from before timer rules', async () => {
    await fakeBrowser.storage.local.set({
      settings: { language: 'en' },
      teamSettings: { slaMinutes: 3, licensePerMonth: 50 },
      taggingSettings: { sourceProperty: 'lead_source' },
    });
    expect(await loadSettings()).toEqual({ settings: { version: SETTINGS_VERSION, language: 'en' } });
    const team = await loadTeamSettings();
    expect(team.problem).toBeUndefined();
    expect(team.settings).toEqual(metricSettings({ slaMinutes: 3, licensePerMonth: 50 }));
    expect(team.settings.timerRules).toEqual({ openWithinDays: 30, inboundWithinDays: 14 });
    expect(await loadTaggingSettings()).toEqual({ sourceProperty: 'lead_source' });
    // Read, not rewritten: an older release reading them after a downgrade finds what it wrote.
    expect(await stored('settings')).toEqual({ language: 'en' });
    expect(await stored('teamSettings$')).toBeUndefined();
  });

  it('read damaged values as their fallback, with the reason where the page shows one', async () => {
    await fakeBrowser.storage.local.set({
      settings: { version: 1, language: 'klingon' },
      syncSettings: { engagementMonths: -3 },
      taggingSettings: { sourceProperty: 'Not A Name' },
      'panel.prefs': 'corrupted',
    });
    expect((await loadSettings()).problem).toMatch(/language/);
    expect((await loadSyncSettings()).engagementMonths).toBe(24);
    expect(await loadTaggingSettings()).toEqual({});
    expect(await loadPrefs()).toEqual({});
  });

  it('refuse to write a value their schema refuses, and write nothing then', async () => {
    await expect(savePrefs({ currency: 'euro' })).rejects.toThrow();
    await expect(saveSyncSettings({ engagementMonths: 500 })).rejects.toThrow();
    await expect(saveTeamSettings({ slaMinutes: -1 })).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('store a value as given, without writing the defaults into it', async () => {
    await savePrefs({ currency: 'ILS' });
    expect(await stored('panel.prefs')).toEqual({ currency: 'ILS' });
    await saveTaggingSettings({ notALeadStatus: 'BAD_TIMING' });
    expect(await stored('taggingSettings')).toEqual({ notALeadStatus: 'BAD_TIMING' });
  });

  it('tell a watcher each new value, checked', async () => {
    const seen: unknown[] = [];
    const stop = panelPrefsItem.watch((checked) => seen.push(checked));
    await savePrefs({ kpis: ['roi'] });
    await fakeBrowser.storage.local.set({ 'panel.prefs': { currency: 'nope' } });
    stop();
    await savePrefs({ kpis: ['leads'] });
    expect(seen).toEqual([{ value: { kpis: ['roi'] } }, { value: {}, problem: expect.stringMatching(/currency/) }]);
  });
});

describe('an item whose stored shape changes', () => {
  // What a later release does when it changes a shape: a new version and the migration to it.
  const options = {
    schema: z.object({ minutes: z.number() }),
    fallback: { minutes: 5 },
    version: 2,
    migrations: { 2: (old: unknown) => ({ minutes: ((old as { hours?: number }).hours ?? 0) * 60 }) },
  };

  it('migrates a value stored by version 1 (no version kept) once, and records the version', async () => {
    await fakeBrowser.storage.local.set({ 'test.shape': { hours: 2 } });
    const item = defineSettingsItem('test.shape', options);
    expect(await item.read()).toEqual({ value: { minutes: 120 } });
    expect(await stored('test.shape$')).toEqual({ v: 2 });
    await item.migrate();
    expect(await stored('test.shape')).toEqual({ minutes: 120 });
  });

  it('leaves a value already at its version as it is', async () => {
    await fakeBrowser.storage.local.set({ 'test.current': { minutes: 9 }, 'test.current$': { v: 2 } });
    const item = defineSettingsItem('test.current', options);
    expect(await item.read()).toEqual({ value: { minutes: 9 } });
  });
});

describe('team settings', () => {
  it('take the organisation’s values over the team’s, and save only what the organisation did not set', async () => {
    await fakeBrowser.storage.managed.set({ settings: { slaMinutes: 9 } });
    const saved = await saveTeamSettings(metricSettings({ slaMinutes: 2, trainingCost: 700 }), 'Europe/Paris');
    expect(saved.settings).toMatchObject({ slaMinutes: 9, trainingCost: 700 });
    expect(saved.managedKeys).toEqual(['slaMinutes']);
    const local = (await stored('teamSettings')) as Record<string, unknown>;
    expect(local.trainingCost).toBe(700);
    expect('slaMinutes' in local).toBe(false);
  });

  it('keep the values a save does not name: choosing whose leads leaves the SLA and the spend as they were', async () => {
    await saveTeamSettings({ slaMinutes: 7, trainingCost: 300 });
    await saveTeamSettings({ cacheScope: 'mine', myOwnerId: '42' });
    const team = await loadTeamSettings('Europe/Paris');
    expect(team.settings).toMatchObject({ slaMinutes: 7, trainingCost: 300, cacheScope: 'mine', myOwnerId: '42' });
  });

  it('show a damaged stored value as a problem, with the defaults in effect', async () => {
    await fakeBrowser.storage.local.set({ teamSettings: { slaMinutes: 'soon' } });
    const team = await loadTeamSettings('Europe/Paris');
    expect(team.problem).toMatch(/slaMinutes/);
    expect(team.settings).toEqual(metricSettings({ timezone: 'Europe/Paris' }));
  });

  it('tell a watcher when the team’s values or the policy change', async () => {
    let changes = 0;
    const stop = watchTeamSettings(() => changes++);
    await saveTeamSettings({ slaMinutes: 4 });
    await fakeBrowser.storage.managed.set({ settings: { slaMinutes: 8 } });
    stop();
    await saveTeamSettings({ slaMinutes: 6 });
    expect(changes).toBe(2);
  });
});

describe('team settings stored before metrics v2', () => {
  // The old form saved 100/100 whenever nobody typed a margin or an attribution, so the pair means "never stated".
  it('read a stored 100 % margin with 100 % attribution as unset, once, and raise the note', async () => {
    await fakeBrowser.storage.local.set({
      teamSettings: { slaMinutes: 3, grossMarginPct: 100, attributionPct: 100, licensePerMonth: 0 },
    });
    await teamSettingsItem.migrate();
    expect(await stored('teamSettings')).toEqual({ slaMinutes: 3, licensePerMonth: 0 });
    expect(await stored('teamSettings$')).toEqual({ v: 2 });
    const team = await loadTeamSettings();
    expect(team.settings).toMatchObject({ grossMarginPct: null, attributionPct: null, slaMinutes: 3 });
    expect(team.assumptionsNote).toBe(true);
    // Once: the manager now states 100/100 on purpose, and a later migration run leaves it alone.
    const saved = await saveTeamSettings({ grossMarginPct: 100, attributionPct: 100 });
    expect(saved.assumptionsNote).toBeUndefined();
    expect(await stored('teamSettings.assumptionsNote')).toBeUndefined();
    await teamSettingsItem.migrate();
    expect((await loadTeamSettings()).settings).toMatchObject({ grossMarginPct: 100, attributionPct: 100 });
  });

  it('keep any other stated pair, with no note', async () => {
    await fakeBrowser.storage.local.set({ teamSettings: { grossMarginPct: 100, attributionPct: 40 } });
    await teamSettingsItem.migrate();
    const team = await loadTeamSettings();
    expect(team.settings).toMatchObject({ grossMarginPct: 100, attributionPct: 40 });
    expect(team.assumptionsNote).toBeUndefined();
  });

  it('clear only the exact pair 100/100', () => {
    expect(clearUnstatedAssumptions({ grossMarginPct: 100, attributionPct: 100, hourlyCost: 5 })).toEqual({
      value: { hourlyCost: 5 },
      cleared: true,
    });
    expect(clearUnstatedAssumptions({ grossMarginPct: 100 })).toEqual({
      value: { grossMarginPct: 100 },
      cleared: false,
    });
    expect(clearUnstatedAssumptions({ grossMarginPct: 60, attributionPct: 100 }).cleared).toBe(false);
    expect(clearUnstatedAssumptions('damaged')).toEqual({ value: 'damaged', cleared: false });
  });
});

describe('sync settings', () => {
  it('apply a valid policy over a damaged local value', async () => {
    await fakeBrowser.storage.local.set({ syncSettings: { engagementMonths: 'all' } });
    await fakeBrowser.storage.managed.set({ engagementMonths: 6 });
    expect(await loadSyncSettings()).toMatchObject({ engagementMonths: 6, managed: true });
  });
});
