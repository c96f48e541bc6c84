import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** Screenshots for the README, written only when asked for (SCREENSHOTS=1) so a normal run leaves the tree clean. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}
