// What the Firefox package declares to addons.mozilla.org and at install: the data that leaves the browser (all of it
// to the user's own HubSpot) and the first versions that read that declaration.
import { describe, expect, it, vi } from 'vitest';

vi.mock('wxt', () => ({ defineConfig: <T>(config: T) => config }));

interface GeckoSettings {
  gecko?: { strict_min_version?: string; data_collection_permissions?: { required?: string[]; optional?: string[] } };
  gecko_android?: { strict_min_version?: string };
}

async function manifestFor(browser: 'firefox' | 'chrome') {
  const { default: config } = await import('../../../wxt.config');
  const manifest =
    typeof config.manifest === 'function'
      ? await config.manifest({
          browser,
          manifestVersion: browser === 'firefox' ? 2 : 3,
          mode: 'production',
          command: 'build',
        })
      : await config.manifest;
  return manifest as { browser_specific_settings?: GeckoSettings } | undefined;
}

describe('the Firefox manifest', () => {
  it('declares the personal data and browsing activity sent to HubSpot, not "none"', async () => {
    const gecko = (await manifestFor('firefox'))?.browser_specific_settings?.gecko;
    expect(gecko?.data_collection_permissions?.required).toEqual(['personallyIdentifyingInfo', 'browsingActivity']);
    expect(gecko?.data_collection_permissions?.required).not.toContain('none');
  });

  it('needs Firefox 140 (Android 142), the first to read the data-collection key', async () => {
    const settings = (await manifestFor('firefox'))?.browser_specific_settings;
    expect(settings?.gecko?.strict_min_version).toBe('140.0');
    expect(settings?.gecko_android?.strict_min_version).toBe('142.0');
  });

  it('leaves Chrome without Gecko settings', async () => {
    expect((await manifestFor('chrome'))?.browser_specific_settings).toBeUndefined();
  });
});
