// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type TeamSettingsState, useTeamSettings } from '../../../components/panel/useTeamSettings';
import { metricSettings } from '../../../lib/model/settings';
import { CONNECTION_CHANGED_KEY } from '../../../lib/settings/storage';
import { saveTeamSettings } from '../../../lib/settings/team-settings';

// A page reads the team settings from storage and hears another page's save as a storage event: the only message it
// sends is for the connected portal's time zone (the connection is the background's), once and after a change.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const background = vi.hoisted(() => ({ timeZone: 'Asia/Jerusalem', calls: [] as string[], fail: false }));
vi.mock('../../../lib/messaging/client', () => ({
  callBackground: async (type: string) => {
    background.calls.push(type);
    if (background.fail) throw new Error('no reply from the background');
    return { connected: true, timeZone: background.timeZone };
  },
}));

let root: Root;
/** What the hook returned last (a holder, so each read sees the latest render). */
const probe: { state?: TeamSettingsState } = {};
function Probe() {
  probe.state = useTeamSettings();
  return null;
}
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));
/** Something another context does, then time for the storage event to reach the page. */
const elsewhere = (write: () => Promise<unknown>) =>
  act(async () => {
    await write();
    await new Promise((resolve) => setTimeout(resolve, 20));
  });

beforeEach(async () => {
  fakeBrowser.reset();
  background.calls = [];
  background.fail = false;
  background.timeZone = 'Asia/Jerusalem';
  probe.state = undefined;
  root = createRoot(document.createElement('div'));
  await act(async () => root.render(<Probe />));
  await settle();
});
afterEach(() => act(() => root.unmount()));

describe('useTeamSettings', () => {
  it('reads the settings with the portal’s time zone as the default', () => {
    expect(probe.state?.settings).toEqual(metricSettings({ timezone: 'Asia/Jerusalem' }));
    expect(background.calls).toEqual(['connectionStatus']);
  });

  it('follows a save made on another page without asking the background', async () => {
    await elsewhere(() => saveTeamSettings({ trainingCost: 700, timezone: 'Asia/Jerusalem' }));
    expect(probe.state?.settings?.trainingCost).toBe(700);
    expect(background.calls).toEqual(['connectionStatus']);
  });

  it('saves, and shows what it saved', async () => {
    await act(async () => probe.state?.save({ slaMinutes: 12 }));
    expect(probe.state?.settings?.slaMinutes).toBe(12);
    expect(background.calls).toEqual(['connectionStatus']);
  });

  it('asks for the time zone again when the connection changes', async () => {
    background.timeZone = 'Europe/Paris';
    await elsewhere(() => fakeBrowser.storage.local.set({ [CONNECTION_CHANGED_KEY]: Date.now() }));
    expect(probe.state?.settings?.timezone).toBe('Europe/Paris');
    expect(background.calls).toEqual(['connectionStatus', 'connectionStatus']);
  });

  it('shows nothing but the failure while the background does not answer', async () => {
    act(() => root.unmount());
    background.fail = true;
    root = createRoot(document.createElement('div'));
    await act(async () => root.render(<Probe />));
    await settle();
    expect(probe.state?.settings).toBeUndefined();
    expect(probe.state?.failed).toMatch(/no reply/);
  });
});
