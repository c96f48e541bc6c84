// The first look-up of a stopped worker (the first badge after MV3 stopped it): it answers a lead's open deals from
// the deals' own index instead of waiting for the scan of every open deal, which it starts behind its answer. That it
// is faster is the overlay bench's `cold_first_badge_ms`; here, that the kept copy is not waited for, and that the
// deals read instead are the lead's open ones only.
import { describe, expect, it } from 'vitest';
import { KeptCopy } from '../../../lib/background/kept-copy';
import { forgetLeadContextCache, leadContext } from '../../../lib/background/lead-context';
import type { LeadRecord } from '../../../lib/crm/adapter';
import { deleteDatabase, LeadLensDb } from '../../../lib/db/db';
import type { Deal } from '../../../lib/model';
import { cacheRows } from '../../support/cache-rows';

describe('KeptCopy.ifRead', () => {
  it('gives nothing until the first read has landed, starting it; then the kept value', async () => {
    const db = new LeadLensDb(`kept-${Math.random()}`);
    let reads = 0;
    let release: (value: number) => void = () => undefined;
    const kept = new KeptCopy<number>(() => {
      reads += 1;
      return new Promise((resolve) => {
        release = resolve;
      });
    });
    expect(kept.ifRead(db)).toBeUndefined();
    expect(kept.ifRead(db)).toBeUndefined();
    expect(reads).toBe(1);
    release(7);
    await kept.get(db);
    expect(kept.ifRead(db)).toBe(7);
    expect(reads).toBe(1);
  });
});

describe('a cold look-up', () => {
  it("answers with the lead's open deals before the kept copy of all open deals exists", async () => {
    forgetLeadContextCache();
    const asOf = Date.parse('2026-06-10T12:00:00Z');
    const db = new LeadLensDb(`cold-${Math.random()}`);
    const lead: LeadRecord = {
      id: '1',
      email: 'dana@example.com',
      emails: ['dana@example.com'],
      name: 'Dana',
      createdAt: asOf - 3_600_000,
      lifecycleStage: 'lead',
      stageDates: {},
      source: 'organic_search',
      effectiveSource: 'organic_search',
      updatedAt: asOf,
      archived: false,
    };
    const deal = (id: string, amount: number, isClosed: boolean, leadIds = ['1']): Deal => ({
      id,
      amount,
      pipelineId: 'p',
      stageId: 's',
      createdAt: 0,
      isClosed,
      isWon: false,
      leadIds,
    });
    await cacheRows(db, 'leads', [lead]);
    await cacheRows(db, 'deals', [deal('a', 30, false), deal('b', 500, true), deal('c', 900, false, ['2'])]);
    const [view] = await leadContext({ emails: ['dana@example.com'] }, { slaMinutes: 5, slaBySource: {} }, asOf, db);
    expect(view?.openDealValue).toBe(30);
    await deleteDatabase(db);
  });
});
