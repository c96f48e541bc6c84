import { describe, expect, it } from 'vitest';
import { metricSettings, metricSettingsSchema, orZero } from '../../../lib/model/settings.ts';
import { leadSchema, snapshotSchema } from '../../../lib/model/snapshot.ts';
import {
  parseMetricSettings,
  parseSnapshotFile,
  parseSnapshotFileText,
  toSnapshotFileJson,
} from '../../../lib/model/snapshot-file.ts';

function validFile() {
  return {
    format: 'leadlens-snapshot',
    version: 1,
    exportedAt: '2026-06-01T10:00:00Z',
    asOf: '2026-06-01T09:00:00.000Z',
    portal: { portalId: 123, uiDomain: 'app.hubspot.com', timeZone: 'Europe/Paris', currency: 'EUR' },
    settings: { slaMinutes: 10 },
    snapshot: {
      owners: [{ id: 'o1', name: 'Ann', email: 'ann@example.com' }],
      stages: [
        { pipelineId: 'p', stageId: 's', label: 'S', order: 0, probability: 0.5, isClosed: false, isWon: false },
      ],
      leads: [
        {
          id: 'l1',
          email: 'a@example.com',
          name: 'A',
          ownerId: null,
          createdAt: '2026-05-01T08:00:00+02:00',
          lifecycleStage: 'lead',
          stageDates: { marketingqualifiedlead: '2026-05-02T00:00:00Z' },
          source: 'paid_search',
          updatedAt: '2026-05-03T00:00:00Z',
          archived: false,
          someFieldWeDoNotKnow: 42,
        },
      ],
      deals: [
        {
          id: 'd1',
          amount: null,
          pipelineId: 'p',
          stageId: 's',
          createdAt: '2026-05-04T00:00:00Z',
          isClosed: false,
          isWon: false,
          leadIds: ['l1'],
        },
      ],
      touches: [
        { id: 't1', kind: 'call', direction: 'out', at: '2026-05-01T06:30:00Z', leadIds: ['l1'], automated: false },
      ],
    },
  };
}

describe('parseSnapshotFile', () => {
  it('converts ISO instants to ms, fills defaults and ignores unknown fields', () => {
    const result = parseSnapshotFile(validFile());
    if (!result.ok) throw new Error(result.error);
    const { value } = result;
    expect(value.asOf).toBe(Date.UTC(2026, 5, 1, 9));
    // 08:00 at +02:00 is 06:00 UTC.
    expect(value.snapshot.leads[0]?.createdAt).toBe(Date.UTC(2026, 4, 1, 6));
    expect(value.snapshot.leads[0]?.stageDates.marketingqualifiedlead).toBe(Date.UTC(2026, 4, 2));
    expect(value.snapshot.leads[0]?.ownerId).toBeUndefined();
    expect(value.snapshot.leads[0]).not.toHaveProperty('someFieldWeDoNotKnow');
    // A missing amount is 0 (METRICS.md: "0 when missing").
    expect(value.snapshot.deals[0]?.amount).toBe(0);
    // `feedback` is an optional table: missing means empty; `lifecycleStages` absent means the standard list.
    expect(value.snapshot.feedback).toEqual([]);
    expect(value.snapshot.lifecycleStages).toBeUndefined();
    expect(value.portal.portalId).toBe('123');
  });

  it('takes the portal time zone when the settings name none, and UTC when neither does', () => {
    const fromPortal = parseSnapshotFile(validFile());
    expect(fromPortal.ok && fromPortal.value.settings.timezone).toBe('Europe/Paris');
    const file = validFile();
    const withoutZone = { ...file, portal: { portalId: '1' } };
    const utc = parseSnapshotFile(withoutZone);
    expect(utc.ok && utc.value.settings.timezone).toBe('UTC');
    const explicit = parseSnapshotFile({ ...file, settings: { timezone: 'Asia/Tokyo' } });
    expect(explicit.ok && explicit.value.settings.timezone).toBe('Asia/Tokyo');
  });

  it('names the first offending path in one line', () => {
    const file = validFile();
    const leads = [
      file.snapshot.leads[0],
      file.snapshot.leads[0],
      file.snapshot.leads[0],
      { ...file.snapshot.leads[0], createdAt: 'yesterday' },
    ];
    const result = parseSnapshotFile({ ...file, snapshot: { ...file.snapshot, leads } });
    expect(result).toEqual({ ok: false, error: 'snapshot.leads[3].createdAt: expected ISO date' });
  });

  it('reports a wrong type, a missing field and a bad enum value by path', () => {
    const file = validFile();
    const wrongType = parseSnapshotFile({ ...file, settings: { slaMinutes: 'five' } });
    expect(wrongType).toEqual({ ok: false, error: 'settings.slaMinutes: expected number, got string' });
    const { id: _dropped, ...noId } = file.snapshot.touches[0] as Record<string, unknown>;
    const missing = parseSnapshotFile({ ...file, snapshot: { ...file.snapshot, touches: [noId] } });
    expect(missing).toEqual({ ok: false, error: 'snapshot.touches[0].id: required (expected string)' });
    const badSource = parseSnapshotFile({
      ...file,
      snapshot: { ...file.snapshot, leads: [{ ...file.snapshot.leads[0], source: 'google' }] },
    });
    expect(badSource.ok).toBe(false);
    expect(!badSource.ok && badSource.error).toMatch(/^snapshot\.leads\[0\]\.source: expected "organic_search" or /);
  });

  it('refuses another format and a newer version with a clear message', () => {
    expect(parseSnapshotFile({ ...validFile(), format: 'something-else' })).toEqual({
      ok: false,
      error: 'format: expected "leadlens-snapshot", got "something-else" — not a LeadLens snapshot file',
    });
    const newer = parseSnapshotFile({ ...validFile(), version: 2 });
    expect(!newer.ok && newer.error).toBe(
      'version: the file is version 2, newer than this LeadLens reads (1); update LeadLens',
    );
    expect(parseSnapshotFile([1, 2]).ok).toBe(false);
    expect(parseSnapshotFileText('{not json').ok).toBe(false);
  });

  it('checks feedback scores against their scale', () => {
    const file = validFile();
    const result = parseSnapshotFile({
      ...file,
      snapshot: { ...file.snapshot, feedback: [{ id: 'f', at: '2026-05-01T00:00:00Z', kind: 'csat', score: 9 }] },
    });
    expect(result).toEqual({ ok: false, error: 'snapshot.feedback[0].score: expected a CSAT score from 1 to 5' });
  });

  it('reads an older version-1 file without the owner assignment and deal stage dates, and a newer one with them', () => {
    // validFile() is a file written before these fields existed: both stay absent (not 0, not {}).
    const older = parseSnapshotFile(validFile());
    if (!older.ok) throw new Error(older.error);
    expect(older.value.snapshot.leads[0]?.ownerAssignedAt).toBeUndefined();
    expect(older.value.snapshot.deals[0]?.stageDates).toBeUndefined();

    const file = validFile();
    const [lead] = file.snapshot.leads;
    const [deal] = file.snapshot.deals;
    const newer = parseSnapshotFile({
      ...file,
      snapshot: {
        ...file.snapshot,
        leads: [{ ...lead, ownerAssignedAt: '2026-05-01T09:30:00+02:00' }],
        deals: [{ ...deal, stageDates: { s: '2026-05-04T00:00:00Z', other: '2026-05-06T12:00:00Z' } }],
      },
    });
    if (!newer.ok) throw new Error(newer.error);
    expect(newer.value.version).toBe(1);
    // 09:30 at +02:00 is 07:30 UTC.
    expect(newer.value.snapshot.leads[0]?.ownerAssignedAt).toBe(Date.UTC(2026, 4, 1, 7, 30));
    expect(newer.value.snapshot.deals[0]?.stageDates).toEqual({
      s: Date.UTC(2026, 4, 4),
      other: Date.UTC(2026, 4, 6, 12),
    });
    const again = parseSnapshotFile(JSON.parse(JSON.stringify(toSnapshotFileJson(newer.value))));
    if (!again.ok) throw new Error(again.error);
    expect(again.value.snapshot).toEqual(newer.value.snapshot);
  });

  it('refuses a bad stage date and a reserved stage key in a file, naming the path', () => {
    const file = validFile();
    const [deal] = file.snapshot.deals;
    const bad = parseSnapshotFile({
      ...file,
      snapshot: { ...file.snapshot, deals: [{ ...deal, stageDates: { s: 'yesterday' } }] },
    });
    expect(bad).toEqual({ ok: false, error: 'snapshot.deals[0].stageDates.s: expected ISO date' });
    const reserved = parseSnapshotFile(
      JSON.parse(
        `{"format":"leadlens-snapshot","version":1,"exportedAt":"2026-06-01T10:00:00Z","asOf":"2026-06-01T10:00:00Z","snapshot":{"owners":[],"stages":[],"leads":[],"deals":[{"id":"d","createdAt":"2026-05-01T00:00:00Z","isClosed":false,"isWon":false,"stageDates":{"__proto__":"2026-05-01T00:00:00Z"}}],"touches":[]}}`,
      ),
    );
    expect(reserved.ok).toBe(false);
    expect(!reserved.ok && reserved.error).toMatch(/^snapshot\.deals\[0\]\.stageDates\.__proto__: the key "__proto__"/);
  });

  it('round-trips through its file form', () => {
    const first = parseSnapshotFile(validFile());
    if (!first.ok) throw new Error(first.error);
    const again = parseSnapshotFile(JSON.parse(JSON.stringify(toSnapshotFileJson(first.value))));
    if (!again.ok) throw new Error(again.error);
    expect(again.value.snapshot).toEqual(first.value.snapshot);
    expect(again.value.settings).toEqual(first.value.settings);
    expect(again.value.asOf).toBe(first.value.asOf);
  });
});

describe('metric settings', () => {
  it('has the defaults of METRICS.md', () => {
    const defaults = metricSettings();
    expect(defaults).toMatchObject({
      timezone: 'UTC',
      slaMinutes: 5,
      slaBySource: {},
      businessHours: null,
      checkpoints: [3, 6, 12],
      clvHorizonMonths: 12,
      // Money and hours are unset (null), not 0; margin and attribution have no default (METRICS.md, "Settings").
      licensePerMonth: null,
      maintenancePerMonth: null,
      implementationCost: null,
      trainingCost: null,
      hourlyCost: null,
      minutesSavedPerAutomatedTouch: null,
      manualHoursSavedPerMonth: null,
      grossMarginPct: null,
      attributionPct: null,
      salesCostPerMonth: null,
      marketingSpend: {},
      controlSegment: null,
      targets: {},
    });
    expect(defaults.adoptionDate).toBeUndefined();
  });

  it('rejects impossible dates, unknown zones and bad month keys', () => {
    expect(metricSettingsSchema.safeParse({ adoptionDate: '2025-02-30' }).success).toBe(false);
    expect(parseMetricSettings({ timezone: 'Mars/Olympus' })).toEqual({
      ok: false,
      error: 'settings.timezone: expected an IANA time zone (e.g. Europe/Paris)',
    });
    expect(parseMetricSettings({ marketingSpend: { paid_search: { '2025-13': 10 } } }).ok).toBe(false);
    expect(parseMetricSettings({ businessHours: { days: ['mon'], start: '9:00', end: '17:00' } }).ok).toBe(false);
    expect(parseMetricSettings({ businessHours: { days: ['mon'], start: '09:00', end: '24:00' } }).ok).toBe(true);
  });

  it('reads holidays as local dates that exist, and targets by KPI key', () => {
    const parsed = metricSettingsSchema.parse({
      businessHours: { days: ['mon'], start: '09:00', end: '17:00', holidays: ['2025-12-25'] },
      targets: { roi: 0.5, medianResponseMinutes: 10, leadToCustomerRate: 0.2 },
      grossMarginPct: 40,
      hourlyCost: null,
    });
    expect(parsed.businessHours?.holidays).toEqual(['2025-12-25']);
    expect(parsed.targets).toEqual({ roi: 0.5, medianResponseMinutes: 10, leadToCustomerRate: 0.2 });
    expect(parsed.grossMarginPct).toBe(40);
    expect(parsed.hourlyCost).toBeNull();
    expect(orZero(parsed.hourlyCost)).toBe(0);
    expect(orZero(12)).toBe(12);
    const feb30 = { businessHours: { days: ['mon'], start: '09:00', end: '17:00', holidays: ['2025-02-30'] } };
    expect(parseMetricSettings(feb30).ok).toBe(false);
    expect(parseMetricSettings({ targets: { roi: Number.NaN } }).ok).toBe(false);
  });
});

describe('in-memory schemas', () => {
  it('use ms since epoch and accept what the model builds', () => {
    const lead = leadSchema.parse({ id: 'l', createdAt: 1, updatedAt: 2 });
    expect(lead).toMatchObject({ source: 'unknown', archived: false, stageDates: {}, email: '' });
    expect(leadSchema.safeParse({ id: 'l', createdAt: '2026-01-01T00:00:00Z', updatedAt: 2 }).success).toBe(false);
    expect(snapshotSchema.parse({ owners: [], stages: [], leads: [], deals: [], touches: [] }).feedback).toEqual([]);
  });
});
