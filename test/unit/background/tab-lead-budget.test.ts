import { describe, expect, it } from 'vitest';
import { TabLeadBudget } from '../../../lib/background/tab-lead-budget';

const ids = (from: number, count: number) => Array.from({ length: count }, (_, index) => `lead-${from + index}`);

describe('TabLeadBudget', () => {
  it('tells a tab at most `limit` new leads a window, and repeats the ones it knows for free', () => {
    let now = 0;
    const budget = new TabLeadBudget({ limit: 3, windowMs: 60_000, now: () => now });
    expect(budget.admit(1, ids(0, 2))).toEqual({ admitted: new Set(ids(0, 2)), limited: false });
    const next = budget.admit(1, ['lead-0', 'lead-5', 'lead-6', 'lead-1']);
    expect([...next.admitted]).toEqual(['lead-0', 'lead-5', 'lead-1']);
    expect(next.limited).toBe(true);
    // Another tab has its own count.
    expect(budget.admit(2, ids(10, 2)).limited).toBe(false);
    // Known leads stay free however often they are asked for (the reply still says the tab is held back).
    now = 30_000;
    expect(budget.admit(1, ['lead-0', 'lead-1', 'lead-5']).admitted).toEqual(new Set(['lead-0', 'lead-1', 'lead-5']));
    // A minute after the additions, new leads are told again.
    now = 60_000;
    expect(budget.admit(1, ['lead-6']).limited).toBe(false);
  });

  it('badges a real inbox of more leads than the bound a minute later, re-asked all the while', () => {
    let now = 0;
    const budget = new TabLeadBudget({ now: () => now });
    const inbox = ids(0, 400);
    expect(budget.admit(5, inbox).admitted.size).toBe(200);
    // The page keeps asking (every refresh, every re-render) for the whole inbox.
    for (now = 10_000; now < 60_000; now += 10_000) expect(budget.admit(5, inbox).admitted.size).toBe(200);
    now = 60_000;
    expect(budget.admit(5, inbox).admitted).toEqual(new Set(inbox));
  });

  it('says "limited" to every reply once the bound is used, so the flag cannot tell leads from strangers', () => {
    const budget = new TabLeadBudget({ limit: 2, now: () => 0 });
    budget.admit(1, ['a', 'b']);
    // A guess that is no lead and a guess that is: the same answer.
    expect(budget.admit(1, [])).toEqual({ admitted: new Set(), limited: true });
    expect(budget.admit(1, ['c'])).toEqual({ admitted: new Set(), limited: true });
  });

  it('bounds all tabs together, so opening tabs does not multiply what a script learns', () => {
    const budget = new TabLeadBudget({ limit: 200, globalLimit: 300, now: () => 0 });
    let told = 0;
    for (let tab = 1; tab <= 10; tab += 1) told += budget.admit(tab, ids(tab * 1000, 200)).admitted.size;
    expect(told).toBe(300);
  });

  it('lets a tab ask for a few CRM writes a minute, whatever its marks', () => {
    let now = 0;
    const budget = new TabLeadBudget({ writeLimit: 2, now: () => now });
    expect([budget.allowWrite(1), budget.allowWrite(1), budget.allowWrite(1)]).toEqual([true, true, false]);
    expect(budget.allowWrite(2)).toBe(true);
    now = 60_000;
    expect(budget.allowWrite(1)).toBe(true);
  });

  it('forgets what tabs were told when the portal changes', () => {
    const budget = new TabLeadBudget({ limit: 1, now: () => 0 });
    budget.admit(1, ['a']);
    budget.clear();
    expect(budget.wasAnswered(1, 'a')).toBe(false);
    expect(budget.admit(1, ['b']).admitted).toEqual(new Set(['b']));
  });

  it('accepts a mark only for a lead the tab was told about', () => {
    const budget = new TabLeadBudget({ limit: 1, now: () => 0 });
    budget.admit(7, ['a', 'b']);
    expect(budget.wasAnswered(7, 'a')).toBe(true);
    expect(budget.wasAnswered(7, 'b')).toBe(false);
    expect(budget.wasAnswered(8, 'a')).toBe(false);
  });

  it('harvesting a whole portal from one tab gets no further than the bound a minute', () => {
    const budget = new TabLeadBudget({ now: () => 0 });
    let told = 0;
    for (let batch = 0; batch < 100; batch += 1) told += budget.admit(3, ids(batch * 100, 100)).admitted.size;
    expect(told).toBe(200);
  });

  it('forgets a closed tab', () => {
    const budget = new TabLeadBudget({ limit: 1, now: () => 0 });
    budget.admit(4, ['a']);
    budget.forget(4);
    expect(budget.wasAnswered(4, 'a')).toBe(false);
    expect(budget.admit(4, ['b']).admitted).toEqual(new Set(['b']));
  });
});
