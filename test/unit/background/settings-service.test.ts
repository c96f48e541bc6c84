import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describeTagging, settingsHandlers } from '../../../lib/background/settings-service';
import { routes } from '../../../lib/messaging/protocol';
import type { SenderInfo } from '../../../lib/messaging/sender';
import { metricSettings } from '../../../lib/model/settings';
import { loadTaggingSettings } from '../../../lib/settings/tagging-settings';
import { type EffectiveTeamSettings, loadTeamSettings } from '../../../lib/settings/team-settings';

beforeEach(() => fakeBrowser.reset());

const page: SenderInfo = {};

function slice() {
  let kept: Promise<EffectiveTeamSettings> | undefined;
  let forgotten = 0;
  const handlers = settingsHandlers({
    teamSettings: () => {
      kept ??= loadTeamSettings();
      return kept;
    },
    forgetTeamSettings: () => {
      kept = undefined;
      forgotten++;
    },
  });
  return { handlers, forgotten: () => forgotten };
}

describe('the settings messages', () => {
  it('answer team settings in the protocol’s shape, and a save drops the kept copy', async () => {
    const { handlers, forgotten } = slice();
    const before = await handlers.teamSettings({}, page);
    expect(routes.teamSettings.response.parse(before)).toEqual(before);
    const saved = await handlers.saveTeamSettings({ settings: { trainingCost: 700 } }, page);
    expect(forgotten()).toBe(1);
    expect(saved.settings).toEqual(metricSettings({ trainingCost: 700 }));
    expect((await handlers.teamSettings({}, page)).settings.trainingCost).toBe(700);
  });

  it('save the sync scope and answer what is in effect', async () => {
    const { handlers } = slice();
    expect(await handlers.saveSyncSettings({ engagementMonths: 6 }, page)).toMatchObject({
      engagementMonths: 6,
      managed: false,
    });
    expect((await handlers.syncSettings({}, page)).engagementMonths).toBe(6);
  });

  it('refuse a property name HubSpot cannot have, and save nothing', async () => {
    const { handlers } = slice();
    expect(await handlers.saveTaggingSettings({ sourceProperty: 'Lead Source' }, page)).toEqual({
      sourceProperty: 'Lead Source',
      problem: 'invalidName',
    });
    expect(await loadTaggingSettings()).toEqual({});
  });

  it('keep the Not a lead status when the property is cleared, and clear the status with an empty one', async () => {
    const { handlers } = slice();
    expect(await handlers.saveNotALeadStatus({ status: ' UNQUALIFIED ' }, page)).toEqual({
      notALeadStatus: 'UNQUALIFIED',
    });
    expect(await handlers.saveTaggingSettings({ sourceProperty: '' }, page)).toEqual({ notALeadStatus: 'UNQUALIFIED' });
    expect(await handlers.saveNotALeadStatus({ status: '' }, page)).toEqual({});
    expect(await loadTaggingSettings()).toEqual({});
  });

  it('say a named property cannot be checked while nothing is connected', async () => {
    expect(await describeTagging({ sourceProperty: 'lead_source' })).toEqual({
      sourceProperty: 'lead_source',
      problem: 'notConnected',
    });
  });
});
