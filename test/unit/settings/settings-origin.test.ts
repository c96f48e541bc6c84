import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingOrigins } from '../../../lib/settings/settings-origin';
import { importTeamSettings, loadTeamSettings, saveTeamSettings } from '../../../lib/settings/team-settings';

beforeEach(() => fakeBrowser.reset());

describe('settingOrigins', () => {
  const imported = { importedAt: Date.UTC(2026, 10, 3), values: { slaMinutes: 7, targets: { roi: 1, cac: 2 } } };

  it('names the policy first, then the imported file while its value stands, then this browser, then the default', () => {
    const origins = settingOrigins(
      { slaMinutes: 7, licensePerMonth: 400, targets: { cac: 2, roi: 1 }, checkpoints: [3, 6] },
      ['checkpoints'],
      imported,
    );
    expect(origins.checkpoints).toEqual({ kind: 'policy' });
    expect(origins.slaMinutes).toEqual({ kind: 'file', importedAt: imported.importedAt });
    // The form writes an object's keys in its own order: still the file's value.
    expect(origins.targets).toEqual({ kind: 'file', importedAt: imported.importedAt });
    expect(origins.licensePerMonth).toEqual({ kind: 'browser' });
    expect(origins.adoptionDate).toEqual({ kind: 'default' });
  });

  it('reads a value changed since the import as this browser’s', () => {
    expect(settingOrigins({ slaMinutes: 9 }, [], imported).slaMinutes).toEqual({ kind: 'browser' });
    expect(settingOrigins({ slaMinutes: 7 }, [], null).slaMinutes).toEqual({ kind: 'browser' });
  });

  it('reads a stored value equal to its default (the form saves every setting) as the default', () => {
    const origins = settingOrigins({ slaMinutes: 5, hourlyCost: null, checkpoints: [3, 6, 12] }, [], null);
    expect(origins.slaMinutes).toEqual({ kind: 'default' });
    expect(origins.hourlyCost).toEqual({ kind: 'default' });
    expect(origins.checkpoints).toEqual({ kind: 'default' });
  });
});

describe('origins through the stored settings', () => {
  it('an imported team file names its values until one is saved again with another value', async () => {
    await importTeamSettings({ slaMinutes: 7, licensePerMonth: 300 });
    let team = await loadTeamSettings();
    expect(team.origins?.slaMinutes?.kind).toBe('file');
    expect(team.origins?.licensePerMonth?.kind).toBe('file');
    // The whole file is the file's, defaults included (an exported file holds every setting).
    expect(team.origins?.hourlyCost?.kind).toBe('file');

    team = await saveTeamSettings({ slaMinutes: 7, licensePerMonth: 350 });
    expect(team.origins?.slaMinutes?.kind).toBe('file');
    expect(team.origins?.licensePerMonth).toEqual({ kind: 'browser' });
  });

  it('without any import every saved value is this browser’s', async () => {
    const team = await saveTeamSettings({ slaMinutes: 3 });
    expect(team.origins?.slaMinutes).toEqual({ kind: 'browser' });
    expect((await loadTeamSettings()).origins?.slaMinutes).toEqual({ kind: 'browser' });
  });
});
