import { describe, expect, it } from 'vitest';
import { LeadLensDb } from '../../../lib/db/db';
import { VIEW_KEY } from '../../../lib/panel/cache-state';
import { readSetupChoices } from '../../../lib/panel/setup-choices';
import { readStoredView, STORED_VIEW_VERSION, writeStoredView } from '../../../lib/panel/view-cache';
import type { PanelView } from '../../../lib/panel/view-model';
import { META } from '../../../lib/sync/runner';
import { lead } from '../metrics/fixtures';

describe('the setup’s choices from the cache (options page, panel before its first view)', () => {
  it('lists the reps by name and every effective source once, with the portal’s zone and currency', async () => {
    const db = new LeadLensDb(`setup-choices-${Math.random()}`);
    await db.owners.bulkPut([
      { id: 'o2', name: 'Bob', email: 'bob@example.com' },
      { id: 'o1', name: '', email: 'ann@example.com' },
    ]);
    const rows = [
      lead('a', '2026-01-01T00:00:00Z', { source: 'paid_search' }),
      lead('b', '2026-01-02T00:00:00Z', { source: 'paid_search', sourceTag: 'partner-webinar' }),
      lead('c', '2026-01-03T00:00:00Z', { source: 'paid_search' }),
    ];
    // The sync writes each lead with its effective source (the tag, else the CRM's), which the index serves.
    await db.leads.bulkPut(
      rows.map((row) => ({ ...row, emails: [row.email], effectiveSource: row.sourceTag ?? row.source })),
    );
    await db.meta.put({ key: META.portal, value: { portalId: 42, timeZone: 'Asia/Jerusalem', currency: 'ILS' } });
    expect(await readSetupChoices(db)).toEqual({
      owners: [
        { id: 'o1', name: 'ann@example.com' },
        { id: 'o2', name: 'Bob' },
      ],
      sources: ['paid_search', 'partner-webinar'],
      portal: { portalId: '42', timeZone: 'Asia/Jerusalem', currency: 'ILS' },
    });
    db.close();
  });
});

describe('the stored dashboard', () => {
  it('is not shown when an older build stored it (its view may lack fields this one reads)', async () => {
    const db = new LeadLensDb(`stored-view-${Math.random()}`);
    const view = { asOf: 1 } as unknown as PanelView;
    await db.meta.put({ key: VIEW_KEY, value: { key: 'k', view } });
    expect(await readStoredView(db)).toBeUndefined();
    await writeStoredView(db, { key: 'k', view });
    expect((await db.meta.get(VIEW_KEY))?.value).toMatchObject({ version: STORED_VIEW_VERSION });
    expect(await readStoredView(db)).toEqual({ key: 'k', view });
    db.close();
  });
});
