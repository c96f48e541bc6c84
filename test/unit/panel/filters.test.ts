import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../lib/model/snapshot';
import { translator } from '../../../lib/i18n';
import { filtersInWords, pipelineOptionLabel } from '../../../components/panel/Filters';
import { applyFilters, defaultFilters, filterChoices, pipelineChoices } from '../../../lib/panel/filters';
import { deal, lead, touch, won } from '../metrics/fixtures';

function snapshot(): Snapshot {
  return {
    owners: [
      { id: 'o1', name: 'Ann', email: 'ann@example.com' },
      { id: 'o2', name: 'Bob', email: 'bob@example.com' },
    ],
    stages: [
      { pipelineId: 'p', stageId: 'open', label: 'Open', order: 0, probability: 0.5, isClosed: false, isWon: false },
    ],
    lifecycleStages: undefined,
    leads: [
      lead('a', '2026-01-01T00:00:00Z', { source: 'paid_search', ownerId: 'o1' }),
      lead('b', '2026-01-02T00:00:00Z', { source: 'paid_search', sourceTag: 'webinar', ownerId: 'o2' }),
      lead('c', '2026-01-03T00:00:00Z', { source: 'referrals', ownerId: undefined }),
      lead('x', '2026-01-04T00:00:00Z', { source: 'referrals', archived: true }),
    ],
    deals: [
      won('d1', ['a'], '2026-01-05T00:00:00Z', '2026-02-01T00:00:00Z', 100),
      // Primary lead is the first *live* one: x is archived, so b (webinar, o2) is primary.
      won('d2', ['x', 'b'], '2026-01-05T00:00:00Z', '2026-02-01T00:00:00Z', 200),
      deal('d3', [], '2026-01-05T00:00:00Z', { pipelineId: 'q' }),
      deal('d4', ['c'], '2026-01-05T00:00:00Z', { ownerId: 'o1' }),
    ],
    touches: [touch('t1', ['a'], '2026-01-01T00:02:00Z'), touch('t2', ['b', 'c'], '2026-01-03T00:02:00Z')],
    feedback: [
      { id: 'f1', leadId: 'a', at: Date.parse('2026-02-02T00:00:00Z'), kind: 'nps', score: 9 },
      { id: 'f2', at: Date.parse('2026-02-02T00:00:00Z'), kind: 'csat', score: 5 },
    ],
  };
}

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

describe('applyFilters', () => {
  it('returns the snapshot itself when nothing narrows it (the period is the views’ window, not a filter)', () => {
    const whole = snapshot();
    expect(applyFilters(whole, { ...defaultFilters, period: '3m' })).toBe(whole);
  });

  it('keeps the leads of an effective source, their deals (by primary lead), touches and feedback', () => {
    const filtered = applyFilters(snapshot(), { ...defaultFilters, source: 'webinar' });
    expect(ids(filtered.leads)).toEqual(['b']);
    expect(ids(filtered.deals)).toEqual(['d2']);
    expect(ids(filtered.touches)).toEqual(['t2']);
    expect(ids(filtered.feedback)).toEqual([]);
  });

  it('puts deals without a lead under the unknown source', () => {
    const filtered = applyFilters(snapshot(), { ...defaultFilters, source: 'unknown' });
    expect(ids(filtered.deals)).toEqual(['d3']);
    expect(filtered.leads).toEqual([]);
  });

  it('filters deals by their own owner first, else their primary lead’s', () => {
    const filtered = applyFilters(snapshot(), { ...defaultFilters, ownerId: 'o1' });
    // The archived x stays for the engine, which removes archived leads with every reference to them.
    expect(ids(filtered.leads)).toEqual(['a', 'x']);
    // d4's lead c has no owner, but the deal's own owner is o1.
    expect(ids(filtered.deals)).toEqual(['d1', 'd4']);
    expect(ids(filtered.feedback)).toEqual(['f1']);
  });

  it('matches leads without an owner with (no owner)', () => {
    expect(ids(applyFilters(snapshot(), { ...defaultFilters, ownerId: '(no owner)' }).leads)).toEqual(['c']);
  });

  it('keeps only deals of a pipeline, and every lead', () => {
    const filtered = applyFilters(snapshot(), { ...defaultFilters, pipelineId: 'q' });
    expect(ids(filtered.deals)).toEqual(['d3']);
    expect(filtered.leads).toHaveLength(4);
  });

  it('lists the choices from live leads, reps by name', () => {
    const choices = filterChoices(snapshot());
    expect(choices.sources).toEqual(['paid_search', 'referrals', 'webinar']);
    expect(choices.owners.map((owner) => owner.name)).toEqual(['(no owner)', 'Ann', 'Bob']);
    expect(choices.pipelines.map((pipeline) => pipeline.id)).toEqual(['p', 'q']);
  });

  it('names a pipeline by the label its stage rows carry, else by its id', () => {
    const [named] = pipelineChoices({
      stages: [
        {
          pipelineId: '75',
          stageId: 'a',
          label: 'Discovery',
          order: 0,
          probability: 0.1,
          isClosed: false,
          isWon: false,
          pipelineLabel: 'Enterprise',
        },
      ],
      deals: [],
    });
    expect(named).toEqual({ id: '75', label: 'Enterprise', stages: ['Discovery'] });
  });

  it('describes each pipeline by its stages in the portal’s order (older snapshots have no pipeline names)', () => {
    const pipelines = pipelineChoices({
      stages: [
        {
          pipelineId: '753',
          stageId: 'b',
          label: 'Proposal',
          order: 1,
          probability: 0.5,
          isClosed: false,
          isWon: false,
        },
        {
          pipelineId: '753',
          stageId: 'a',
          label: 'Discovery',
          order: 0,
          probability: 0.1,
          isClosed: false,
          isWon: false,
        },
        { pipelineId: '753', stageId: 'c', label: 'Won', order: 2, probability: 1, isClosed: true, isWon: true },
        { pipelineId: 'solo', stageId: 'x', label: 'Only', order: 0, probability: 0, isClosed: false, isWon: false },
      ],
      deals: [deal('d', [], '2026-01-05T00:00:00Z', { pipelineId: 'gone' })],
    });
    expect(pipelines).toEqual([
      { id: '753', label: '753', stages: ['Discovery', 'Proposal', 'Won'] },
      { id: 'gone', label: 'gone', stages: [] },
      { id: 'solo', label: 'solo', stages: ['Only'] },
    ]);
    const t = translator('en');
    expect(pipelines.map((pipeline) => pipelineOptionLabel(pipeline, t))).toEqual([
      '753 (Discovery … Won)',
      'gone',
      'solo (Only)',
    ]);
  });

  it('says in words which filters a printed report was made with', () => {
    const t = translator('en');
    const choices = filterChoices(snapshot());
    expect(filtersInWords(defaultFilters, choices, t)).toBe(
      'Filters: Last 24 months; pipeline: All; source: All; owner: All.',
    );
    expect(filtersInWords({ period: '3m', pipelineId: 'p', source: 'webinar', ownerId: 'o2' }, choices, t)).toBe(
      'Filters: Last 3 months; pipeline: p (Open); source: webinar; owner: Bob.',
    );
    // A HubSpot source is named by its label, not its key.
    expect(filtersInWords({ ...defaultFilters, source: 'paid_search' }, choices, t)).toContain('source: Paid Search;');
  });
});
