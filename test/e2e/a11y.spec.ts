import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cluesFrom, readPageForTagger } from '../../lib/tagging/read-page';
import type { LaunchedExtension } from '../support/browser';
import { expect, test } from './fixtures';
import { expandAll, setLanguage, storeTeamSettings, waitForFigures } from './panel-data';

// axe-core, the standard accessibility engine, on every LeadLens page a person uses: the options page, the popup, the
// ROI panel (with figures, every folded section open, and its setup) and the tagger, in English and in Hebrew. No
// serious or critical violation is allowed; each one found is listed with its rule and the elements it names.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const LANDING = 'https://www.example-partner.com/webinar?utm_source=partner&utm_medium=webinar&utm_campaign=q4-launch';

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Rules that must have checked something on the panel (and passed): they caught its two known faults. */
const PANEL_RULES = ['scrollable-region-focusable', 'target-size'];

async function seriousFindings(page: Page, name: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  if (name === 'panel') {
    const checked = new Set([...results.passes, ...results.violations].map((rule) => rule.id));
    expect(
      PANEL_RULES.filter((rule) => !checked.has(rule)),
      'rules that found nothing to check',
    ).toEqual([]);
  }
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      page: name,
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      nodes: violation.nodes.slice(0, 6).map((node) => node.target.join(' ')),
    }));
}

/** The tagger as the context menu opens it: on the clues of a partner's landing page (see tagging.spec.ts). */
async function openTagger(extension: LaunchedExtension): Promise<Page> {
  const landing = await extension.context.newPage();
  await landing.goto(LANDING);
  const raw = await landing.evaluate(readPageForTagger);
  const clues = cluesFrom(raw, { url: landing.url(), title: await landing.title() });
  const tagger = await extension.context.newPage();
  await tagger.goto(extension.extensionUrl('options.html'));
  await tagger.evaluate(async (value) => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
    };
    await chrome.storage.local.set({ 'tagger.clues': { 'from-a11y': { clues: value, at: Date.now() } } });
  }, clues);
  await tagger.goto(extension.extensionUrl('tagger.html#from-a11y'));
  await expect(tagger.getByTestId('tagger')).toHaveAttribute('data-ready', 'true');
  return tagger;
}

for (const language of ['en', 'he'] as const) {
  test(`axe finds no serious or critical violation on the options page, popup, panel and tagger (${language})`, async ({
    connected,
    portal,
  }) => {
    test.setTimeout(180_000);
    const { extension, options } = connected;
    await storeTeamSettings(options, portal);
    await setLanguage(options, language);
    const findings: Finding[] = [];

    await expect(options.getByTestId('options-team-setup')).toBeVisible({ timeout: 30_000 });
    await expect(options.getByTestId('setting-origin').first()).toBeVisible();
    findings.push(...(await seriousFindings(options, 'options')));

    const popup = await extension.context.newPage();
    await popup.goto(extension.extensionUrl('popup.html'));
    await expect(popup.getByTestId('background-status')).toHaveAttribute('data-connected', 'true');
    findings.push(...(await seriousFindings(popup, 'popup')));

    const panel = await extension.context.newPage();
    await panel.goto(extension.extensionUrl('sidepanel.html'));
    await expect(panel.locator('html')).toHaveAttribute('dir', language === 'he' ? 'rtl' : 'ltr');
    await waitForFigures(panel);
    await expandAll(panel);
    findings.push(...(await seriousFindings(panel, 'panel')));
    await panel.getByTestId('toggle-setup').click();
    await expect(panel.getByTestId('team-setup')).toBeVisible();
    findings.push(...(await seriousFindings(panel, 'panel setup')));

    const tagger = await openTagger(extension);
    await expect(tagger.locator('html')).toHaveAttribute('dir', language === 'he' ? 'rtl' : 'ltr');
    findings.push(...(await seriousFindings(tagger, 'tagger')));

    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
  });
}
