import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { setLanguage, storeTeamSettings, waitForFigures } from './panel-data';

// Satisfaction without HubSpot surveys on the production build: a CSV of NPS and CSAT responses with one bad line is
// imported on the options page, the bad line is reported by its number, the good ones are kept beside the cache and
// leave in the exported snapshot as feedback rows marked imported.

const ADDRESS = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

async function downloadJson(page: Page, trigger: () => Promise<void>): Promise<unknown> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = join(mkdtempSync(join(tmpdir(), 'leadlens-feedback-')), file.suggestedFilename());
  await file.saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8'));
}

test('a satisfaction CSV with one bad line: the line is reported, the rest is kept and exported marked imported', async ({
  connected,
  portal,
}) => {
  test.setTimeout(180_000);
  const { options, extension } = connected;
  await storeTeamSettings(options, portal);
  await setLanguage(options, 'en');
  // A synced contact with an ordinary address, and its id: the responses name it both ways.
  const contact = portal.admin
    .records('contacts')
    .find((record) => !record.archived && ADDRESS.test(String(record.props.email ?? '')));
  if (!contact) throw new Error('no contact with an address');
  const email = String(contact.props.email);
  // Dates a week or more before the contact was created: valid on any day the portal is generated, and no response
  // synced from HubSpot (always after the contact's creation) is within a day of them to take their place.
  const day = (daysBefore: number) => new Date(contact.createdAt - daysBefore * 86_400_000).toISOString().slice(0, 10);
  const csv = [
    'date,email or contact id,kind,score',
    `${day(10)},${email.toUpperCase()},NPS,9`,
    `${day(9)},${contact.id},csat,9`,
    `${day(8)},${contact.id},csat,4`,
    `${day(7)},${email},nps,3`,
  ].join('\n');

  const setup = options.getByTestId('options-team-setup').getByTestId('setup-feedback');
  await expect(setup.getByTestId('feedback-ranges')).toContainText('NPS scores are whole numbers from 0 to 10');
  await setup.getByTestId('feedback-import').setInputFiles({
    name: 'satisfaction.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  const result = setup.getByTestId('feedback-import-result');
  await expect(result).toHaveAttribute('data-imported', '3');
  const errors = setup.getByTestId('feedback-import-errors').locator('li');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toHaveAttribute('data-line', '3');
  await expect(errors.first()).toHaveText('Line 3: a CSAT score is a whole number from 1 to 5, not “9”.');
  await expect(setup.getByTestId('feedback-kept')).toHaveAttribute('data-count', '3');

  // The same file again replaces its responses rather than adding them twice.
  await setup.getByTestId('feedback-import').setInputFiles({
    name: 'satisfaction.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(setup.getByTestId('feedback-kept')).toHaveAttribute('data-count', '3');

  // Hebrew reports the line in Hebrew.
  await setLanguage(options, 'he');
  await setup.getByTestId('feedback-import').setInputFiles({
    name: 'satisfaction.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(setup.getByTestId('feedback-import-errors').locator('li').first()).toHaveText(
    'שורה 3: ציון CSAT הוא מספר שלם מ-1 עד 5, לא „9”.',
  );
  await setLanguage(options, 'en');

  const panel = await extension.context.newPage();
  await panel.goto(extension.extensionUrl('sidepanel.html'));
  await waitForFigures(panel);
  const file = (await downloadJson(panel, () => panel.getByTestId('export-snapshot').click())) as {
    snapshot: { feedback: Array<{ leadId?: string; kind: string; score: number; imported?: boolean }> };
  };
  const imported = file.snapshot.feedback.filter((row) => row.imported === true);
  expect(imported.map((row) => [row.leadId, row.kind, row.score]).sort()).toEqual(
    [
      [String(contact.id), 'csat', 4],
      [String(contact.id), 'nps', 3],
      [String(contact.id), 'nps', 9],
    ].sort(),
  );
  // Synced responses go out unmarked beside them.
  expect(file.snapshot.feedback.filter((row) => row.imported === undefined).length).toBe(
    file.snapshot.feedback.length - 3,
  );

  // Removing them leaves the synced feedback alone.
  await setup.getByTestId('feedback-remove').click();
  await expect(setup.getByTestId('feedback-kept')).toHaveAttribute('data-count', '0');
});
