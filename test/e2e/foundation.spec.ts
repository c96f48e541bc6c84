import type { Page } from '@playwright/test';
import { launchWithExtension } from '../support/browser';
import { expect, test } from './fixtures';
import { OverlayDom } from './overlay-dom';
import { screenshot } from './screenshot';

/** The status pill's attribute, read through the DevTools protocol (its shadow root is closed). */
const pillAttribute = async (dom: OverlayDom, name: string) => (await dom.pill())?.attributes[name];
const pillText = async (dom: OverlayDom) => (await dom.pill())?.text ?? '';

async function chooseLanguage(page: Page, language: 'auto' | 'en' | 'he'): Promise<void> {
  await page.getByTestId('language-select').selectOption(language);
}

test.describe('the production build in Chromium', () => {
  test('service worker starts, answers a page, and reaches the HubSpot API host', async ({ extension, portal }) => {
    expect(extension.serviceWorker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
    const account = await extension.serviceWorker.evaluate(async (token) => {
      const response = await fetch('https://api.hubapi.com/account-info/v3/details', {
        headers: { Authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as { portalId?: number } };
    }, portal.token);
    expect(account).toEqual({ status: 200, body: expect.objectContaining({ portalId: portal.portalId }) });
  });

  for (const language of ['en', 'he'] as const) {
    test(`popup, options and side panel render in ${language}`, async ({ openExtensionPage }) => {
      const options = await openExtensionPage('options.html');
      await chooseLanguage(options, language);
      const dir = language === 'he' ? 'rtl' : 'ltr';
      const expected = {
        en: {
          options: 'LeadLens settings',
          popup: 'Is our lead handling making money?',
          panel: 'ROI of lead handling',
        },
        he: {
          options: 'הגדרות LeadLens',
          popup: 'האם הטיפול שלנו בלידים מכניס כסף?',
          panel: 'החזר ההשקעה בטיפול בלידים',
        },
      }[language];

      await expect(options.locator('html')).toHaveAttribute('dir', dir);
      await expect(options.getByRole('heading', { level: 1 })).toHaveText(expected.options);
      await expect(options.getByTestId('background-status')).toBeVisible();
      await screenshot(options, `options-${language}`);

      const popup = await openExtensionPage('popup.html');
      await expect(popup.locator('html')).toHaveAttribute('dir', dir);
      await expect(popup.getByText(expected.popup)).toBeVisible();
      // The popup's status line is the page → background round trip.
      await expect(popup.getByTestId('background-status')).toHaveAttribute('data-connected', 'false');
      await screenshot(popup, `popup-${language}`);

      // The privacy policy ships in the package, in the page's language (the stores link to it).
      const policy = {
        en: { link: 'Privacy policy', heading: 'LeadLens privacy policy', text: 'There is no LeadLens server.' },
        he: { link: 'מדיניות הפרטיות', heading: 'מדיניות הפרטיות של LeadLens', text: 'אין שרת של LeadLens.' },
      }[language];
      const href = await popup.getByRole('link', { name: policy.link }).getAttribute('href');
      expect(href).toMatch(/^chrome-extension:\/\/[a-p]{32}\/privacy\.html$/);
      const privacy = await openExtensionPage('privacy.html');
      await expect(privacy.locator('html')).toHaveAttribute('dir', dir);
      await expect(privacy.getByRole('heading', { level: 1 })).toHaveText(policy.heading);
      await expect(privacy.getByText(policy.text)).toBeVisible();
      await expect(options.getByRole('link', { name: policy.link })).toHaveAttribute('href', href ?? '');

      const panel = await openExtensionPage('sidepanel.html');
      await expect(panel.locator('html')).toHaveAttribute('dir', dir);
      await expect(panel.getByRole('heading', { level: 1 })).toHaveText(expected.panel);
      await screenshot(panel, `panel-${language}`);
    });
  }

  test('a language change switches every open LeadLens view at once', async ({ openExtensionPage, extension }) => {
    const popup = await openExtensionPage('popup.html');
    const hubspot = await extension.context.newPage();
    await hubspot.goto('https://app.hubspot.com/contacts/1/objects/0-1/views/all/list');
    const overlay = await OverlayDom.open(hubspot);
    await expect.poll(() => pillAttribute(overlay, 'dir')).toBe('ltr');
    await expect(popup.locator('html')).toHaveAttribute('dir', 'ltr');

    const options = await openExtensionPage('options.html');
    await chooseLanguage(options, 'he');

    // No reload: the popup and the content script follow the stored setting live.
    await expect(popup.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(popup.getByText('האם הטיפול שלנו בלידים מכניס כסף?')).toBeVisible();
    await expect.poll(() => pillAttribute(overlay, 'dir')).toBe('rtl');
    await expect.poll(() => pillText(overlay)).toContain('LeadLens אינו מחובר ל-HubSpot');

    await chooseLanguage(options, 'en');
    await expect(popup.locator('html')).toHaveAttribute('dir', 'ltr');
  });

  const sites = [
    {
      site: 'hubspot',
      url: (portalId: number) => `https://app.hubspot.com/contacts/${portalId}/objects/0-1/views/all/list`,
      en: 'LeadLens is not connected to HubSpot',
      he: 'LeadLens אינו מחובר ל-HubSpot',
    },
    {
      site: 'hubspot',
      url: (portalId: number) => `https://app-eu1.hubspot.com/contacts/${portalId}/objects/0-1/views/all/list`,
      en: 'LeadLens is not connected to HubSpot',
      he: 'LeadLens אינו מחובר ל-HubSpot',
    },
    {
      site: 'gmail',
      url: () => 'https://mail.google.com/mail/u/0/#inbox',
      en: 'LeadLens is not connected to HubSpot',
      he: 'LeadLens אינו מחובר ל-HubSpot',
    },
    {
      site: 'outlook',
      url: () => 'https://outlook.office.com/mail/inbox',
      en: 'LeadLens is not connected to HubSpot',
      he: 'LeadLens אינו מחובר ל-HubSpot',
    },
    {
      site: 'outlook',
      url: () => 'https://outlook.live.com/mail/inbox',
      en: 'LeadLens is not connected to HubSpot',
      he: 'LeadLens אינו מחובר ל-HubSpot',
    },
  ];

  for (const { site, url, en, he } of sites) {
    test(`content script mounts its shadow-root UI on ${new URL(url(1)).host}`, async ({
      extension,
      portal,
      openExtensionPage,
    }) => {
      const page = await extension.context.newPage();
      await page.goto(url(portal.portalId));
      const overlay = await OverlayDom.open(page);
      await expect.poll(() => pillAttribute(overlay, 'data-site')).toBe(site);
      await expect.poll(() => pillText(overlay)).toMatch(new RegExp(en));
      // Rendered inside a closed shadow root, so the page's own styles and scripts cannot reach it.
      expect((await overlay.pill())?.shadowMode).toBe('closed');
      const reachable = await page.evaluate(
        () => document.querySelector('[data-leadlens="overlay"]')?.shadowRoot ?? null,
      );
      expect(reachable).toBeNull();
      // The background answered the content script (not connected yet).
      await expect.poll(() => pillAttribute(overlay, 'data-connected')).toBe('false');

      const options = await openExtensionPage('options.html');
      await chooseLanguage(options, 'he');
      await expect.poll(() => pillAttribute(overlay, 'dir')).toBe('rtl');
      await expect.poll(() => pillText(overlay)).toMatch(new RegExp(he));
    });
  }

  test('a page LeadLens does not overlay gets no content script', async ({ extension }) => {
    const partner = await extension.context.newPage();
    await partner.goto('https://www.example-partner.com/webinar?utm_source=partner');
    // A page opened after it gets its overlay; by then the partner page would have had one too, were it matched.
    const gmail = await extension.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
    const overlay = await OverlayDom.open(gmail);
    // Not connected: the pill shows (it hides only when LeadLens has nothing to say).
    await expect.poll(async () => (await overlay.pill())?.hidden).toBe(false);
    expect(await partner.locator('[data-leadlens]').count()).toBe(0);
  });

  test('Auto follows the browser language', async ({ portal }) => {
    const hebrew = await launchWithExtension({ tlsPort: portal.tlsPort, locale: 'he' });
    try {
      const popup = await hebrew.context.newPage();
      await popup.goto(hebrew.extensionUrl('popup.html'));
      await expect(popup.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(popup.locator('html')).toHaveAttribute('lang', 'he');
    } finally {
      await hebrew.context.close();
    }
  });
});
