// The one list of sites (lib/sites.ts) is the only place a host is written: the manifest's host permissions, each
// content script's matches, the background's sender and work-tab checks derive from it. The hosts are written out
// here once more, on purpose: a typo in the list must fail a test, not travel everywhere at once. And a scan of the
// product's string literals keeps a second copy of any host from creeping back in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { WORK_TAB_PATTERNS } from '../../../lib/background/work-tabs';
import { DEFAULT_APP_HOST, DEFAULT_BASE_URL } from '../../../lib/crm/hubspot/urls';
import {
  contentScriptMatches,
  HOST_PERMISSIONS,
  HUBSPOT_API_HOSTS,
  HUBSPOT_APP_HOSTS,
  matchPatterns,
  type OverlayAdapter,
  PAGE_HOSTS,
  SITES,
} from '../../../lib/sites';

// The config and the entry files are read for their declarations only: WXT's own build tools and the overlay's
// runtime are not needed to know which hosts they name.
vi.mock('wxt', () => ({ defineConfig: <T>(config: T) => config }));
vi.mock('../../../components/overlay/mountOverlay', () => ({ mountOverlay: () => undefined }));

const ROOT = resolve(__dirname, '../../..');

const EXPECTED_SITES: Record<OverlayAdapter, string[]> = {
  hubspot: ['app.hubspot.com', 'app-eu1.hubspot.com', 'app-na2.hubspot.com'],
  gmail: ['mail.google.com'],
  outlook: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'],
};
const EXPECTED_API = ['api.hubapi.com', 'api-eu1.hubapi.com', 'api-na2.hubapi.com'];

/** The manifest's host permissions before the list moved to lib/sites.ts (order kept). */
const EXPECTED_HOST_PERMISSIONS = [
  'https://api.hubapi.com/*',
  'https://api-eu1.hubapi.com/*',
  'https://api-na2.hubapi.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app-na2.hubspot.com/*',
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
];

describe('the list of sites', () => {
  it('names each site’s hosts and the adapter that serves it', () => {
    expect(Object.fromEntries(SITES.map((site) => [site.adapter, [...site.hosts]]))).toEqual(EXPECTED_SITES);
    expect([...HUBSPOT_APP_HOSTS]).toEqual(EXPECTED_SITES.hubspot);
    expect([...HUBSPOT_API_HOSTS]).toEqual(EXPECTED_API);
    expect(PAGE_HOSTS).toEqual(Object.values(EXPECTED_SITES).flat());
  });

  it('gives the defaults of the sync and of links into HubSpot', () => {
    expect(DEFAULT_BASE_URL).toBe('https://api.hubapi.com');
    expect(DEFAULT_APP_HOST).toBe('app.hubspot.com');
  });

  it('is what the background checks: message senders, open overlays, work tabs', () => {
    expect(PAGE_HOSTS).toEqual(Object.values(EXPECTED_SITES).flat());
    expect(WORK_TAB_PATTERNS).toEqual(matchPatterns(Object.values(EXPECTED_SITES).flat()));
  });
});

describe('the manifest', () => {
  it.each(['chrome', 'firefox'] as const)('asks %s for the API and page hosts of the list', async (browser) => {
    const { default: config } = await import('../../../wxt.config');
    const manifest =
      typeof config.manifest === 'function'
        ? await config.manifest({ browser, manifestVersion: 3, mode: 'production', command: 'build' })
        : await config.manifest;
    expect(manifest?.host_permissions).toEqual(EXPECTED_HOST_PERMISSIONS);
    expect(manifest?.host_permissions).toEqual(HOST_PERMISSIONS);
  });

  const contentScripts = readdirSync(join(ROOT, 'entrypoints'))
    .filter((name) => name.endsWith('.content'))
    .map((name) => name.replace(/\.content$/, ''))
    .sort();

  it('has one content script per overlay adapter of the list', () => {
    expect(contentScripts).toEqual([...new Set(SITES.map((site) => site.adapter))].sort());
  });

  it.each(Object.entries(EXPECTED_SITES))('runs the %s content script on its hosts only', async (adapter, hosts) => {
    const { default: script } = (await import(`../../../entrypoints/${adapter}.content/index.ts`)) as {
      default: { matches?: string[] };
    };
    expect(script.matches).toEqual(matchPatterns(hosts));
    expect(script.matches).toEqual(contentScriptMatches(adapter as OverlayAdapter));
  });
});

/** The product's sources: what ships, and the config that builds it. */
function productFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return /\.tsx?$/.test(name) ? [path] : [];
    });
  return [...['lib', 'components', 'entrypoints'].flatMap((dir) => walk(join(ROOT, dir))), join(ROOT, 'wxt.config.ts')];
}

/** Every string, template and regular-expression literal of a file; comments are not code and may name a host. */
function literalsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isRegularExpressionLiteral(node)
    )
      found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no other copy of a host', () => {
  it('is written anywhere in the product but lib/sites.ts', () => {
    // Every host of the list, and HubSpot's own domains (a new data centre's host written elsewhere is a copy too).
    // Not the mail sites' domains: `live.com` or `google.com` also end users' addresses, which the product may name.
    const hubspotDomains = [...HUBSPOT_APP_HOSTS, ...HUBSPOT_API_HOSTS].map((host) =>
      host.split('.').slice(-2).join('.'),
    );
    const names = [...new Set([...PAGE_HOSTS, ...HUBSPOT_API_HOSTS, ...hubspotDomains])];
    const pattern = new RegExp(names.map((name) => name.replace(/\./g, '\\.')).join('|'), 'i');
    const copies = productFiles()
      .filter((file) => relative(ROOT, file) !== join('lib', 'sites.ts'))
      // Parsed only where the text names a host at all (a comment may), which keeps the scan fast.
      .filter((file) => pattern.test(readFileSync(file, 'utf8')))
      .flatMap((file) =>
        literalsOf(file)
          .filter((text) => pattern.test(text))
          .map((text) => `${relative(ROOT, file)}: ${text}`),
      );
    expect(copies).toEqual([]);
  });

  it('finds a copy when there is one (so the scan above checks something)', () => {
    expect(literalsOf(join(ROOT, 'lib', 'sites.ts')).filter((text) => text.includes('hubspot.com'))).toEqual(
      EXPECTED_SITES.hubspot,
    );
  });
});
