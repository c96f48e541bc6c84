import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describeTagging, settingsHandlers } from '../../../lib/background/settings-service';
import type { SenderInfo } from '../../../lib/messaging/sender';
import { loadTaggingSettings } from '../../../lib/settings/tagging-settings';

beforeEach(() => fakeBrowser.reset());

const page: SenderInfo = {};

const handlers = settingsHandlers();

describe('the settings messages', () => {
  it('refuse a property name HubSpot cannot have, and save nothing', async () => {
    expect(await handlers.saveTaggingSettings({ sourceProperty: 'Lead Source' }, page)).toEqual({
      sourceProperty: 'Lead Source',
      problem: 'invalidName',
    });
    expect(await loadTaggingSettings()).toEqual({});
  });

  it('keep the Not a lead status when the property is cleared, and clear the status with an empty one', async () => {
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
