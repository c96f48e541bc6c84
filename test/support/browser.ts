import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';

/** Host names the extension knows, all pointed at the local portal's TLS port so real match patterns apply. */
export const MAPPED_HOSTS = [
  'app.hubspot.com',
  'app-eu1.hubspot.com',
  'app-na2.hubspot.com',
  'api.hubapi.com',
  'mail.google.com',
  'outlook.office.com',
  'outlook.office365.com',
  'outlook.live.com',
  'www.example-partner.com',
] as const;

/** Flags that keep Chromium quiet on a closed network and usable as root in a container. */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
];

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/**
 * Which Chromium to drive: `CHROME_PATH` wins; then the distribution's Chromium; then Playwright's own download where
 * one is installed (as on a developer's machine). Branded Google Chrome ≥ 137 ignores --load-extension, so it is
 * only used when named explicitly.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.CHROME_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROME_PATH points to ${named}, which does not exist`);
    return named;
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return system;
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    'No Chromium found. Install one (Debian/Ubuntu: apt-get install -y chromium) or set CHROME_PATH to a Chromium binary.',
  );
}

export interface LaunchOptions {
  /** The built extension folder; default `.output/chrome-mv3`. */
  extensionPath?: string;
  /** TLS port of the local portal; every mapped host resolves to it. */
  tlsPort?: number;
  /** Headed under a display (e.g. xvfb-run) when true; default from HEADED=1. */
  headed?: boolean;
  locale?: string;
  userDataDir?: string;
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  extensionUrl(path: string): string;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  // LEADLENS_EXTENSION_PATH runs the suite against another build, e.g. an older commit's, to see a test fail there.
  const extensionPath = resolve(options.extensionPath ?? process.env.LEADLENS_EXTENSION_PATH ?? '.output/chrome-mv3');
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run \`npm run build\` first`);
  }
  const args = [...QUIET_FLAGS, `--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`];
  if (options.tlsPort !== undefined) {
    const rules = MAPPED_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${options.tlsPort}`).join(', ');
    args.push(`--host-resolver-rules=${rules}`, '--ignore-certificate-errors');
  }
  if (options.locale) args.push(`--lang=${options.locale}`);
  // A profile made here is removed with its browser: a synced 100 000-contact cache is 150 MB, and every test and
  // benchmark run made one that stayed behind.
  const made = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'leadlens-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: !(options.headed ?? process.env.HEADED === '1'),
    ignoreHTTPSErrors: true,
    args,
    locale: options.locale ?? 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  // Chromium may still be writing as it goes, so the removal retries and never fails a test.
  if (made)
    context.on('close', () => {
      rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined);
    });
  const serviceWorker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
  };
}
