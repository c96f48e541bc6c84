import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, test } from '@playwright/test';
import { startPortal } from '../fake-hubspot/server';
import { launchWithExtension } from '../support/browser';
import { setLanguage } from './panel-data';

// Connecting with a key capped at its creator's scopes (issue #22): the local portal mints a key holding only
// contacts read, the form is filled as a user would, and what it says each feature can do is checked, in English and
// in Hebrew (right to left), with axe on the result.

const CONTACTS_ONLY = 'pat-na1-contacts-only';

/** A feature's row, and one of its parts. */
const feature = (scopes: Locator, name: string) => scopes.locator(`li[data-feature="${name}"]`);
const part = (row: Locator, name: string) => row.locator(`li[data-part="${name}"]`);

test('a key with contacts read alone connects, and the form says per feature what it can do and what it lacks', async () => {
  const portal = await startPortal({ contacts: 40, seed: 22, tokens: [`${CONTACTS_ONLY}:crm.objects.contacts.read`] });
  const extension = await launchWithExtension({ tlsPort: portal.tlsPort });
  try {
    const options = await extension.context.newPage();
    await options.goto(extension.extensionUrl('options.html'));

    // Before a key: the Service Key first, the private-app path beside it, and what each feature needs.
    await expect(options.getByTestId('service-key-intro')).toContainText('Service Key');
    await expect(options.getByTestId('service-key-intro')).toContainText('Super Admins');
    await expect(options.getByTestId('private-app-note')).toContainText('private app');
    const needed = options.getByTestId('feature-scopes');
    for (const name of ['read', 'tag', 'notALead', 'logReply']) {
      await expect(feature(needed, name)).toHaveAttribute('data-state', 'notChecked');
    }
    await expect(part(feature(needed, 'logReply'), 'emailCreate')).toContainText(
      'crm.objects.contacts.write and sales-email-read',
    );
    await expect(part(feature(needed, 'read'), 'owners')).toContainText('automation or crm.objects.owners.read');

    portal.admin.resetCounters();
    await options.getByTestId('token-input').fill(CONTACTS_ONLY);
    await options.getByTestId('connect').click();
    await expect(options.getByTestId('connect-panel')).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });

    const probed = options.getByTestId('feature-scopes');
    await expect(probed.locator('h3')).toHaveText('What this key can do');
    for (const name of ['read', 'tag', 'notALead', 'logReply']) {
      await expect(feature(probed, name)).toHaveAttribute('data-state', 'cannot');
    }
    // Reading: contacts and their engagements work; deals, owners and e-mails are named, each part on its own.
    const read = feature(probed, 'read');
    for (const name of ['contacts', 'engagements', 'pipelines', 'propertyRead']) {
      await expect(part(read, name)).toHaveAttribute('data-state', 'can');
    }
    for (const name of ['deals', 'owners', 'emails'])
      await expect(part(read, name)).toHaveAttribute('data-state', 'cannot');
    await expect(read.getByTestId('feature-lacking')).toHaveText(
      'sales-email-read, crm.objects.deals.read, and automation or crm.objects.owners.read',
    );
    await expect(feature(probed, 'notALead').getByTestId('feature-lacking')).toHaveText('crm.objects.contacts.write');
    await expect(feature(probed, 'logReply').getByTestId('feature-lacking')).toHaveText(
      'crm.objects.contacts.write and sales-email-read',
    );
    await expect(part(feature(probed, 'tag'), 'contactWrite')).toHaveAttribute('data-state', 'cannot');
    // The probes wrote nothing: every write they sent was refused (403) or aimed at nothing. (The sync that follows
    // a connect searches and reads associations by POST: those are reads.)
    const reads = /\/(search|batch\/read)(\?|$)/;
    expect(portal.admin.writeLog().filter((entry) => entry.status < 400 && !reads.test(entry.path))).toEqual([]);

    const axe = async () =>
      (await new AxeBuilder({ page: options }).include('[data-testid="connect-panel"]').analyze()).violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => violation.id);
    expect(await axe()).toEqual([]);

    // Hebrew: the same verdicts, right to left, the scope names kept left to right inside.
    await setLanguage(options, 'he');
    await expect(probed.locator('h3')).toHaveText('מה אפשר לעשות עם המפתח הזה');
    await expect(feature(probed, 'logReply')).toHaveAttribute('data-state', 'cannot');
    const lacking = feature(probed, 'logReply').getByTestId('feature-lacking');
    await expect(lacking).toHaveAttribute('dir', 'ltr');
    await expect(lacking).toContainText('crm.objects.contacts.write');
    await expect(lacking).toContainText('sales-email-read');
    expect(await axe()).toEqual([]);
  } finally {
    await extension.context.close();
    await portal.close();
  }
});
