import { translator } from '../../lib/i18n';

// The panel's hooks as the tests of the whole panel (RoiPanel) replace them: English, a connected portal in UTC, no
// stored preferences. Each function gives a module for a `vi.mock` factory. What a test varies is passed as a
// function, read on every render, so a test can change it between renders. vi.mock is hoisted above the imports, so a
// test file loads this module with `await vi.hoisted(() => import(...))`.

export function localeModule() {
  return {
    useLocale: () => ({
      language: 'en',
      dir: 'ltr',
      intlLocale: 'en-US',
      t: translator('en'),
      settings: {},
      ready: true,
    }),
    useDocumentLocale: () => undefined,
  };
}

export function connectionModule(connected: () => boolean) {
  return {
    useConnection: () => ({ connection: { connected: connected(), timeZone: 'UTC' }, failed: false }),
  };
}

export function panelPrefsModule() {
  return { usePanelPrefs: () => ({ prefs: {}, update: () => {} }) };
}

export function teamSettingsModule(settings: () => unknown) {
  return {
    useTeamSettings: () => ({ settings: settings(), managedKeys: [], save: async () => undefined }),
  };
}

export function panelDataModule(data: () => unknown) {
  return { usePanelData: () => data() };
}

/** The cache's owners and sources, read only while the setup asks for them. */
export function setupChoicesModule() {
  return {
    useSetupChoices: (enabled: boolean) => ({
      choices: enabled
        ? { owners: [{ id: 'o1', name: 'Maya Levi' }], sources: ['paid_search'], portal: { timeZone: 'UTC' } }
        : undefined,
    }),
  };
}
