import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultAppSettings, SETTINGS_VERSION } from '../../../lib/settings/schema';
import { appSettingsItem, loadSettings, updateSettings, watchSettings } from '../../../lib/settings/storage';

describe('the stored app settings', () => {
  const read = appSettingsItem.parse;

  it('gives the defaults for an empty store', () => {
    expect(read(undefined)).toEqual({ value: defaultAppSettings });
  });

  it('fills a missing field with its default', () => {
    expect(read({ version: SETTINGS_VERSION }).value.language).toBe('auto');
  });

  it('migrates a record written before versions existed', () => {
    expect(read({ language: 'he' })).toEqual({ value: { version: SETTINGS_VERSION, language: 'he' } });
  });

  it('reports a damaged value instead of dropping it silently', () => {
    const result = read({ version: SETTINGS_VERSION, language: 'klingon' });
    expect(result.value).toEqual(defaultAppSettings);
    expect(result.problem).toMatch(/language/);
  });

  it('refuses settings written by a newer version', () => {
    expect(read({ version: SETTINGS_VERSION + 1, language: 'en' }).problem).toMatch(/version/);
  });
});

describe('settings storage', () => {
  it('writes, reads back and notifies watchers', async () => {
    fakeBrowser.reset();
    const seen: string[] = [];
    const controller = new AbortController();
    watchSettings((result) => seen.push(result.settings.language), controller.signal);
    await updateSettings({ language: 'he' });
    expect((await loadSettings()).settings.language).toBe('he');
    controller.abort();
    await updateSettings({ language: 'en' });
    expect(seen).toEqual(['he']);
  });

  it('never writes an invalid value', async () => {
    fakeBrowser.reset();
    await expect(updateSettings({ language: 'xx' as 'en' })).rejects.toThrow();
    expect((await loadSettings()).settings).toEqual(defaultAppSettings);
  });
});
