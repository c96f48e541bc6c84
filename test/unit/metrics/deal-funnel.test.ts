import { describe, expect, it } from 'vitest';
import { dealStageFunnel, prepareDealStages } from '../../../lib/metrics/deal-funnel.ts';
import { prepareReport } from '../../../lib/metrics/prepare.ts';
import type { Deal } from '../../../lib/model/snapshot.ts';
import { at, day, deal, settings, snapshot } from './fixtures.ts';

// METRICS.md, "Deal-stage funnel", with "Settled readings (v2)".

const asOf = at('2024-03-01T00:00:00Z');
const window = { from: at('2024-02-01T00:00:00Z'), to: at('2024-03-01T00:00:00Z') };
const day0 = at('2024-02-01T00:00:00Z');
const d = (days: number) => day0 + days * day;

const stage = (stageId: string, order: number, isClosed = false, isWon = false, pipelineId = 'p') => ({
  pipelineId,
  stageId,
  label: stageId.toUpperCase(),
  order,
  probability: 0.5,
  isClosed,
  isWon,
});
// Listed out of order on purpose: the path follows `order`. Lost is an exit, not a step.
const stages = [
  stage('s2', 1),
  stage('s1', 0),
  stage('lost', 4, true),
  stage('won', 3, true, true),
  stage('s3', 2),
  stage('q1', 0, false, false, 'q'),
];

const created = '2024-02-01T00:00:00Z';
const inPipeline = (id: string, extra: Partial<Deal>) => deal(id, [], created, extra);

const deals: Deal[] = [
  // D1: s1 day 0, s2 day 2, s3 day 5, won (closed day 9) → reached won; days s1 2, s2 3, s3 4.
  inPipeline('D1', {
    stageId: 'won',
    isClosed: true,
    isWon: true,
    closeDate: d(9),
    stageDates: { s1: d(0), s2: d(2), s3: d(5) },
  }),
  // D2: skips s2 (s1 day 0, s3 day 4), now in s3 → reached s3; days s1 = 4 (to s3, the next it entered).
  inPipeline('D2', { stageId: 's3', stageDates: { s1: d(0), s3: d(4) } }),
  // D3: lost now; reaches only through its dates: s1 day 0, s2 day 6 → reached s2; days s1 6; s2 has no next step.
  inPipeline('D3', {
    stageId: 'lost',
    isClosed: true,
    closeDate: d(8),
    stageDates: { s1: d(0), s2: d(6), lost: d(8) },
  }),
  // D4: no stage dates, now in s2 → reached s2, no days.
  inPipeline('D4', { stageId: 's2' }),
  // D5: s2's date is after asOf (dropped), now in s1 → reached s1; s1 has no next entered step.
  inPipeline('D5', { stageId: 's1', stageDates: { s1: d(0), s2: asOf + day } }),
  // D6: a date of another pipeline's stage is ignored → reached s1, no days.
  inPipeline('D6', { stageId: 's1', stageDates: { q1: d(0), s1: d(1) } }),
  // D9: dates out of order are taken as they are: s1 day 3, s2 day 1 → days s1 = 1 − 3 = −2.
  inPipeline('D9', { stageId: 's2', stageDates: { s1: d(3), s2: d(1) } }),
  // D7: won, but closed after asOf: out.
  inPipeline('D7', { stageId: 'won', isClosed: true, isWon: true, closeDate: asOf + day }),
  // D8: created before W: not in this window's funnel.
  deal('D8', [], '2024-01-15T00:00:00Z', { stageId: 'won', isClosed: true, isWon: true, closeDate: d(1) }),
];

describe('the deal-stage funnel', () => {
  const funnel = dealStageFunnel(prepareDealStages(snapshot({ stages, deals }), asOf), window);
  const p = funnel.find((pipeline) => pipeline.pipelineId === 'p');

  it('follows the open stages in order, then won', () => {
    expect(p?.steps.map((step) => step.step)).toEqual(['s1', 's2', 's3', 'won']);
    expect(p?.steps.map((step) => step.label)).toEqual(['S1', 'S2', 'S3', 'WON']);
    // D1, D2, D3, D4, D5, D6, D9 (D7 closed after asOf, D8 created before W).
    expect(p?.deals).toBe(7);
  });

  it('counts a deal at every step up to the highest it reached, and converts step to step', () => {
    // Highest: D1 won; D2 s3; D3, D4, D9 s2; D5, D6 s1.
    // reached(won) = 1, reached(s3) = 1 + 1 = 2, reached(s2) = 2 + 3 = 5, reached(s1) = 5 + 2 = 7.
    expect(p?.steps.map((step) => step.reached)).toEqual([7, 5, 2, 1]);
    // 5/7, 2/5, 1/2, and none after won.
    expect(p?.steps.map((step) => step.conversionToNext)).toEqual([5 / 7, 2 / 5, 1 / 2, null]);
  });

  it('gives the median days in each step over deals with both entries', () => {
    // s1: D1 2, D2 4, D3 6, D9 −2 → sorted −2, 2, 4, 6 → (2 + 4) / 2 = 3 over 4 deals.
    // s2: D1 3 (D3 exits lost, D9 has no later step) → 3 over 1; s3: D1 9 − 5 = 4 over 1; won: none.
    expect(p?.steps.map((step) => [step.medianDaysInStep, step.daysCount])).toEqual([
      [3, 4],
      [3, 1],
      [4, 1],
      [null, 0],
    ]);
  });

  it('lists every pipeline of the stages, empty ones included', () => {
    const q = funnel.find((pipeline) => pipeline.pipelineId === 'q');
    expect(q?.steps.map((step) => [step.step, step.reached, step.conversionToNext])).toEqual([
      ['q1', 0, null],
      ['won', 0, null],
    ]);
    // A pipeline without a won stage still ends in `won` (a deal can be won by its own flag), named so.
    expect(q?.steps.map((step) => step.label)).toEqual(['Q1', 'won']);
  });

  it('is part of the report index', () => {
    const prepared = prepareReport(snapshot({ stages, deals }), settings(), asOf);
    expect(dealStageFunnel(prepared.dealStages, window)).toEqual(funnel);
  });
});

describe('the deal-stage index', () => {
  it('is built once per deals, stages and asOf, and again when any of them changes', () => {
    const snap = snapshot({ stages, deals });
    const first = prepareDealStages(snap, asOf);
    expect(prepareDealStages(snap, asOf)).toBe(first);
    expect(prepareDealStages(snap, asOf - day)).not.toBe(first);
    expect(prepareDealStages({ ...snap, stages: [...stages] }, asOf - day)).not.toBe(first);
    // A later asOf drops no dated step the earlier one kept: the rebuilt index answers as a fresh one does.
    expect(dealStageFunnel(prepareDealStages(snap, asOf), window)).toEqual(
      dealStageFunnel(prepareDealStages(snapshot({ stages, deals }), asOf), window),
    );
  });
});
