import { describe, expect, it } from 'vitest';
import { appendChunk, readSnapshot, SEQ_KEY } from '../../../lib/db/analytics';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import { SAME_RESPONSE_MS, withImportedFeedback } from '../../../lib/db/feedback-merge';
import {
  clearImportedFeedback,
  countImportedFeedback,
  readImportedFeedback,
  saveImportedFeedback,
} from '../../../lib/db/imported-feedback';
import type { Feedback } from '../../../lib/model';
import { type ImportedFeedbackRow, importedFeedbackId } from '../../../lib/model/imported-feedback';
import { metricSettings } from '../../../lib/model/settings';
import { parseSnapshotFileText } from '../../../lib/model/snapshot-file';
import { exportSnapshotText, importSnapshotText } from '../../../lib/panel/snapshot-transfer';
import { at, hour, lead } from '../metrics/fixtures';

const imported = (
  contact: { email: string } | { contactId: string },
  when: string,
  kind: 'nps' | 'csat',
  score: number,
): ImportedFeedbackRow => {
  const row = { ...contact, at: at(when), kind, score, importedAt: 0 };
  return { id: importedFeedbackId(row), ...row };
};
const synced = (id: string, leadId: string, when: string, kind: 'nps' | 'csat', score: number): Feedback => ({
  id,
  leadId,
  at: at(when),
  kind,
  score,
});
const leads = [
  lead('101', '2026-01-01T00:00:00Z', { email: 'Dana@Example.com' }),
  lead('102', '2026-01-01T00:00:00Z', { email: 'old@example.com', archived: true }),
];

describe('imported satisfaction read with the synced feedback', () => {
  it('names each imported row by kind, contact and instant, apart from HubSpot’s numeric ids', () => {
    const row = imported({ email: 'dana@example.com' }, '2026-11-01T22:00:00Z', 'nps', 9);
    expect(row.id).toBe('csv:nps:email:dana@example.com:2026-11-01T22:00:00.000Z');
    expect(imported({ contactId: '101' }, '2026-11-01T22:00:00Z', 'nps', 9).id).toBe(
      'csv:nps:id:101:2026-11-01T22:00:00.000Z',
    );
  });

  it('finds the lead by contact id or e-mail, ignoring case, and marks the rows imported', () => {
    const merged = withImportedFeedback([], leads, [
      imported({ email: 'dana@example.com' }, '2026-11-02T00:00:00Z', 'nps', 9),
      imported({ contactId: '101' }, '2026-11-03T00:00:00Z', 'csat', 5),
      // An unknown contact and an archived lead's address: kept, counted for the whole portal, with no lead.
      imported({ email: 'nobody@example.com' }, '2026-11-04T00:00:00Z', 'nps', 3),
      imported({ email: 'old@example.com' }, '2026-11-05T00:00:00Z', 'nps', 4),
    ]);
    expect(merged.map((row) => [row.leadId, row.kind, row.score, row.imported])).toEqual([
      ['101', 'nps', 9, true],
      ['101', 'csat', 5, true],
      [undefined, 'nps', 3, true],
      [undefined, 'nps', 4, true],
    ]);
  });

  it('never lets an imported row stand beside the same response synced from HubSpot', () => {
    const hubspot = [synced('9001', '101', '2026-11-02T14:30:00Z', 'nps', 10)];
    const merged = withImportedFeedback(hubspot, leads, [
      // Same lead and kind, within a day (the file's date is that day's midnight): the synced one stands, as it was.
      imported({ email: 'dana@example.com' }, '2026-11-02T00:00:00Z', 'nps', 6),
      // A day or more apart, another kind, another contact: other responses.
      imported({ contactId: '101' }, '2026-11-03T14:30:00Z', 'nps', 8),
      imported({ contactId: '101' }, '2026-11-02T00:00:00Z', 'csat', 4),
    ]);
    expect(merged[0]).toEqual(hubspot[0]);
    expect(merged.map((row) => [row.id, row.score])).toEqual([
      ['9001', 10],
      ['csv:nps:id:101:2026-11-03T14:30:00.000Z', 8],
      ['csv:csat:id:101:2026-11-02T00:00:00.000Z', 4],
    ]);
    expect(SAME_RESPONSE_MS).toBe(24 * hour);
  });
});

describe('the imported-feedback store', () => {
  it('replaces a response imported again, moves the store’s sequence, and is read into the snapshot', async () => {
    const db = new LeadLensDb(`imported-feedback-${Math.random()}`);
    await db.transaction('rw', db.analytics, db.meta, () => appendChunk(db, 'leads', leads));
    const before = (await db.meta.get(SEQ_KEY))?.value as number;
    await saveImportedFeedback(db, [imported({ email: 'dana@example.com' }, '2026-11-02T00:00:00Z', 'nps', 6)]);
    await saveImportedFeedback(db, [imported({ email: 'dana@example.com' }, '2026-11-02T00:00:00Z', 'nps', 7)]);
    expect((await db.meta.get(SEQ_KEY))?.value).toBe(before + 2);
    expect((await readImportedFeedback(db)).map((row) => row.score)).toEqual([7]);
    expect((await readSnapshot(db)).feedback).toEqual([
      {
        id: 'csv:nps:email:dana@example.com:2026-11-02T00:00:00.000Z',
        leadId: '101',
        at: at('2026-11-02T00:00:00Z'),
        kind: 'nps',
        score: 7,
        imported: true,
      },
    ]);
    await clearImportedFeedback(db);
    expect(await countImportedFeedback(db)).toBe(0);
    await deleteDatabase(db);
  });

  it('is deleted with the rest by “Disconnect and forget all data”', async () => {
    const name = `imported-feedback-${Math.random()}`;
    const db = new LeadLensDb(name);
    await saveImportedFeedback(db, [imported({ contactId: '101' }, '2026-11-02T00:00:00Z', 'csat', 5)]);
    expect(await countImportedFeedback(db)).toBe(1);
    await deleteDatabase(db);
    const reopened = new LeadLensDb(name);
    expect(await countImportedFeedback(reopened)).toBe(0);
    await deleteDatabase(reopened);
  });

  it('goes out in a snapshot file as feedback rows marked imported, and comes back apart from the synced ones', async () => {
    const db = new LeadLensDb(`imported-feedback-${Math.random()}`);
    await db.transaction('rw', db.analytics, db.meta, async () => {
      await appendChunk(db, 'leads', leads);
      await appendChunk(db, 'feedback', [synced('9001', '101', '2026-10-02T14:30:00Z', 'nps', 10)]);
    });
    await saveImportedFeedback(db, [imported({ email: 'dana@example.com' }, '2026-11-02T00:00:00Z', 'nps', 6)]);
    const state = { asOf: at('2026-12-01T00:00:00Z'), portal: { portalId: '42' }, seq: 1, origin: 'sync' as const };
    const text = await exportSnapshotText(db, metricSettings({ timezone: 'UTC' }), state, 'USD');
    const file = parseSnapshotFileText(text);
    if (!file.ok) throw new Error(file.error);
    expect(file.value.snapshot.feedback.map((row) => [row.id, row.imported])).toEqual([
      ['9001', undefined],
      ['csv:nps:email:dana@example.com:2026-11-02T00:00:00.000Z', true],
    ]);
    // A reader that predates the mark ignores it: the raw JSON row is an ordinary feedback row with one more field.
    expect(JSON.parse(text).snapshot.feedback[1]).toMatchObject({
      leadId: '101',
      kind: 'nps',
      score: 6,
      imported: true,
    });

    const copy = new LeadLensDb(`imported-feedback-${Math.random()}`);
    expect((await importSnapshotText(copy, text)).ok).toBe(true);
    expect((await readImportedFeedback(copy)).map((row) => [row.contactId, row.kind, row.score])).toEqual([
      ['101', 'nps', 6],
    ]);
    const again = (await readSnapshot(copy)).feedback;
    expect(again.map((row) => [row.leadId, row.score, row.imported])).toEqual([
      ['101', 10, undefined],
      ['101', 6, true],
    ]);
    await deleteDatabase(db);
    await deleteDatabase(copy);
  });
});
