// The generator: deterministic from the seed, realistic in proportion, messy where real portals are messy, and
// its ground truth agrees with what the API serves (test/integration/portal/generator.test.ts).
import { describe, expect, it } from 'vitest';
import { generatePortal } from '../../fake-hubspot/generate.ts';
import { computeGroundTruth, hashStore } from '../../fake-hubspot/truth.ts';

const AS_OF = '2026-11-22T12:00:00.000Z';

describe('generator', () => {
  it('gives a byte-identical portal for the same seed and a different one for another seed', () => {
    const a = hashStore(generatePortal({ seed: 5, contacts: 300, asOf: AS_OF }).store);
    const b = hashStore(generatePortal({ seed: 5, contacts: 300, asOf: AS_OF }).store);
    const c = hashStore(generatePortal({ seed: 6, contacts: 300, asOf: AS_OF }).store);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('has about 0.2 deals and 3 engagements per contact, 30 months of history and adoption 10 months back', () => {
    const generated = generatePortal({ seed: 2, contacts: 3000, asOf: AS_OF });
    const truth = computeGroundTruth(generated, 2);
    const { counts } = truth;
    const engagements = counts.emails + counts.calls + counts.meetings + counts.notes + counts.tasks;
    expect(counts.deals / 3000).toBeGreaterThan(0.15);
    expect(counts.deals / 3000).toBeLessThan(0.26);
    expect(engagements / 3000).toBeGreaterThan(2.6);
    expect(engagements / 3000).toBeLessThan(3.6);
    expect(truth.leadsPerMonth.length).toBeGreaterThanOrEqual(30);
    expect(truth.leadsPerMonth.reduce((sum, m) => sum + m.leads, 0)).toBe(counts.contacts);
    const monthsBack = (Date.parse(AS_OF) - Date.parse(truth.adoptionAt)) / (30.44 * 86_400_000);
    expect(monthsBack).toBeGreaterThan(9.5);
    expect(monthsBack).toBeLessThan(10.5);
    // The 12-month baseline before adoption has leads and revenue in it.
    const adoptionMonth = truth.adoptionDate.slice(0, 7);
    const before = truth.wonRevenuePerMonth.filter((m) => m.month < adoptionMonth).slice(-12);
    expect(before.reduce((sum, m) => sum + m.revenue, 0)).toBeGreaterThan(0);
    // The documented effect: faster answers and better conversion after adoption.
    const { response, conversion } = truth;
    expect(response.after.medianMinutes ?? Infinity).toBeLessThan((response.before.medianMinutes ?? 0) / 4);
    expect(conversion.after.rate ?? 0).toBeGreaterThan(conversion.before.rate ?? 1);
    const sources = new Set(generated.store.list('contacts').map((c) => c.props.hs_analytics_source));
    for (const source of [
      'ORGANIC_SEARCH',
      'PAID_SEARCH',
      'EMAIL_MARKETING',
      'SOCIAL_MEDIA',
      'REFERRALS',
      'OTHER_CAMPAIGNS',
      'DIRECT_TRAFFIC',
      'OFFLINE',
      'PAID_SOCIAL',
      'AI_REFERRALS',
      null,
    ]) {
      expect(sources.has(source), String(source)).toBe(true);
    }
  });

  it('carries the mess of real portals and lists the malformed records', () => {
    const generated = generatePortal({ seed: 9, contacts: 2000, asOf: AS_OF });
    const { store, mess, malformed } = generated;
    const contact = (id: string) => store.get('contacts', Number(id));
    expect(mess.hebrewNameIds.length).toBeGreaterThan(0);
    expect(contact(mess.hebrewNameIds[0] ?? '')?.props.firstname).toMatch(/[\u0590-\u05FF]/);
    expect(contact(mess.htmlNameIds[0] ?? '')?.props.firstname).toBe('<img src=x onerror=alert(1)>');
    expect(contact(mess.rtlOverrideNameIds[0] ?? '')?.props.firstname).toContain('\u202E');
    expect(contact(mess.longNameId)?.props.lastname).toHaveLength(5000);
    expect(mess.caseDuplicateEmails.length).toBeGreaterThan(0);
    for (const [a, b] of mess.caseDuplicateEmails) {
      const first = contact(a)?.props.email ?? '';
      const second = contact(b)?.props.email ?? '';
      expect(second).not.toBe(first);
      expect(second.toLowerCase()).toBe(first.toLowerCase());
    }
    expect(mess.noOwnerContactIds).toBeGreaterThan(0);
    expect(mess.noSourceContactIds).toBeGreaterThan(0);
    expect(mess.dealsWithoutAmountIds.length).toBeGreaterThan(0);
    const amount = malformed.find((m) => m.objectType === 'deals');
    expect(amount?.value).toBe('abc');
    expect(store.get('deals', Number(amount?.id))?.props.amount).toBe('abc');
    // Automated sends are marked the way HubSpot marks them.
    const sources = new Set(store.list('emails').map((e) => e.props.hs_engagement_source));
    expect(sources.has('SEQUENCES')).toBe(true);
    expect(sources.has('AUTOMATION_PLATFORM')).toBe(true);
    const calls = store.list('calls');
    expect(
      calls.every((c) => c.props.hs_call_direction === 'INBOUND' || c.props.hs_call_direction === 'OUTBOUND'),
    ).toBe(true);
    const feedback = store.list('feedback_submissions').map((f) => f.props.hs_survey_type);
    expect(feedback).toContain('NPS');
    expect(feedback).toContain('CSAT');
  });
});
