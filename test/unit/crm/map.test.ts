import { describe, expect, it } from 'vitest';
import {
  type HubSpotObject,
  leadSourceOf,
  mapContact,
  mapDeal,
  mapEngagement,
  mapFeedback,
  mapOptions,
  mapStages,
} from '../../../lib/crm/hubspot/map';
import { CONTACT_PROPERTIES, DEFAULT_AUTOMATION_RULE, propertiesFor } from '../../../lib/crm/hubspot/properties';
import { kindOf, limitReport, missingScopesOf } from '../../../lib/crm/hubspot/transport';

const contact = (properties: HubSpotObject['properties'], id = '101'): HubSpotObject => ({
  id,
  properties: {
    createdate: '2026-03-01T10:00:00.000Z',
    lastmodifieddate: '2026-03-02T10:00:00.000Z',
    ...properties,
  },
});

describe('mapContact', () => {
  it('maps every property METRICS.md needs', () => {
    const mapped = mapContact(
      contact({
        email: 'Dana@Example.com',
        hs_additional_emails: 'dana.private@example.org;DANA@example.com',
        firstname: 'Dana',
        lastname: 'Levi',
        hubspot_owner_id: '77',
        lifecyclestage: 'marketingqualifiedlead',
        hs_lead_status: 'OPEN',
        hs_lifecyclestage_lead_date: '2026-03-01T10:00:00.000Z',
        hs_lifecyclestage_marketingqualifiedlead_date: '1772445600000',
        hs_analytics_source: 'SOCIAL_MEDIA',
        hs_analytics_source_data_1: 'linkedin',
        hubspotscore: '72',
        leadlens_source: 'partner-webinar',
        leadlens_campaign: 'spring',
        leadlens_tagged_url: 'https://example.com/x',
        leadlens_tagged_at: '2026-03-03T00:00:00Z',
      }),
    );
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.ignored).toEqual([]);
    expect(mapped.record).toMatchObject({
      id: '101',
      email: 'Dana@Example.com',
      emails: ['dana@example.com', 'dana.private@example.org'],
      name: 'Dana Levi',
      ownerId: '77',
      createdAt: Date.parse('2026-03-01T10:00:00.000Z'),
      updatedAt: Date.parse('2026-03-02T10:00:00.000Z'),
      lifecycleStage: 'marketingqualifiedlead',
      leadStatus: 'OPEN',
      stageDates: { lead: Date.parse('2026-03-01T10:00:00.000Z'), marketingqualifiedlead: 1772445600000 },
      source: 'organic_social',
      sourceDetail: 'linkedin',
      sourceTag: 'partner-webinar',
      effectiveSource: 'partner-webinar',
      campaign: 'spring',
      score: 72,
      taggedUrl: 'https://example.com/x',
      taggedAt: Date.parse('2026-03-03T00:00:00Z'),
      archived: false,
    });
  });

  it('keeps a lead with a malformed optional value, without the value, and says so', () => {
    const mapped = mapContact(contact({ email: 'jane.doe(at)example.com', hubspotscore: 'high' }, '7'));
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.record.email).toBe('');
    expect(mapped.record.score).toBeUndefined();
    expect(mapped.ignored.map((problem) => problem.reason)).toEqual([
      'email: expected an e-mail address, got "jane.doe(at)example.com" (ignored)',
      'hubspotscore: expected a number, got "high" (ignored)',
    ]);
    expect(mapped.ignored.every((problem) => problem.kept && problem.id === '7')).toBe(true);
  });

  it('reads the owner assignment date, and drops a malformed one keeping the lead', () => {
    expect(CONTACT_PROPERTIES).toContain('hubspot_owner_assigneddate');
    const assigned = mapContact(contact({ hubspot_owner_assigneddate: '2026-03-01T10:07:30.000Z' }));
    expect(assigned.ok && assigned.record.ownerAssignedAt).toBe(Date.UTC(2026, 2, 1, 10, 7, 30));
    // Older portals send datetimes as ms since epoch in digits.
    const digits = mapContact(contact({ hubspot_owner_assigneddate: '1772359650000' }));
    expect(digits.ok && digits.record.ownerAssignedAt).toBe(1772359650000);
    const none = mapContact(contact({ hubspot_owner_assigneddate: null }));
    expect(none.ok && none.record.ownerAssignedAt).toBeUndefined();
    const bad = mapContact(contact({ hubspot_owner_assigneddate: 'soon' }, '8'));
    expect(bad.ok).toBe(true);
    if (!bad.ok) return;
    expect(bad.record.ownerAssignedAt).toBeUndefined();
    expect(bad.ignored).toEqual([
      {
        type: 'contacts',
        id: '8',
        reason: 'hubspot_owner_assigneddate: expected a date, got "soon" (ignored)',
        kept: true,
      },
    ]);
  });

  it('rejects a lead whose creation date is missing or garbled, naming the field', () => {
    const garbled = mapContact(contact({ createdate: 'yesterday' }));
    expect(garbled.ok).toBe(false);
    if (!garbled.ok) expect(garbled.invalid).toMatchObject({ id: '101', kept: false, type: 'contacts' });
    if (!garbled.ok) expect(garbled.invalid.reason).toMatch(/^createdAt: .*"yesterday"/);
    const missing = mapContact({ id: '5', properties: { lastmodifieddate: '2026-01-01T00:00:00Z' } });
    expect(missing.ok).toBe(false);
  });

  it('normalises the original source', () => {
    expect(leadSourceOf('ORGANIC_SEARCH')).toBe('organic_search');
    expect(leadSourceOf('AI_REFERRALS')).toBe('ai_referrals');
    expect(leadSourceOf('SOMETHING_NEW')).toBe('unknown');
    expect(leadSourceOf(null)).toBe('unknown');
  });
});

describe('mapStages', () => {
  it('keeps the pipeline’s name on each of its stages, and leaves it out when HubSpot gives none', () => {
    const stages = mapStages([
      { id: 'p1', label: 'Sales', stages: [{ id: 's', label: 'Open', metadata: { probability: '0.3' } }] },
      { id: 'p2', stages: [{ id: 't', label: 'Open' }] },
    ]);
    expect(stages.map((stage) => [stage.pipelineId, stage.pipelineLabel])).toEqual([
      ['p1', 'Sales'],
      ['p2', undefined],
    ]);
  });
});

describe('mapDeal', () => {
  const stages = mapStages([
    {
      id: 'default',
      stages: [
        { id: 'closedwon', label: 'Won', displayOrder: 5, metadata: { isClosed: 'true', probability: '1.0' } },
        { id: 'open', label: 'Open', displayOrder: 1, metadata: { isClosed: 'false', probability: '0.2' } },
      ],
    },
  ]);
  const stageOf = (pipelineId: string, stageId: string) =>
    stages.find((stage) => stage.pipelineId === pipelineId && stage.stageId === stageId);
  const deal = (properties: HubSpotObject['properties']): HubSpotObject => ({
    id: '9',
    properties: { createdate: '2026-01-01T00:00:00Z', pipeline: 'default', dealstage: 'closedwon', ...properties },
    associations: { contacts: { results: [{ id: '1', type: 'deal_to_contact' }, { id: '1' }, { id: '2' }] } },
  });

  it('takes the home-currency amount, closed and won state, and lead links once each', () => {
    const mapped = mapDeal(
      deal({
        amount_in_home_currency: '1200.5',
        hs_is_closed: 'true',
        hs_is_closed_won: 'true',
        closedate: '2026-02-01T00:00:00Z',
      }),
      stageOf,
    );
    expect(mapped.ok && mapped.record).toMatchObject({
      amount: 1200.5,
      isClosed: true,
      isWon: true,
      leadIds: ['1', '2'],
      closeDate: Date.parse('2026-02-01T00:00:00Z'),
    });
  });

  it('falls back to the stage for closed/won and counts a missing amount as 0', () => {
    const mapped = mapDeal(deal({ amount_in_home_currency: null }), stageOf);
    expect(mapped.ok && mapped.record).toMatchObject({ amount: 0, isClosed: true, isWon: true });
  });

  it('keeps a deal whose amount is not a number, at 0, and lists it', () => {
    const mapped = mapDeal(deal({ amount: 'abc', amount_in_home_currency: null }), stageOf);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.record.amount).toBe(0);
    expect(mapped.ignored[0]?.reason).toBe('amount: expected a number, got "abc" (ignored)');
  });

  it('asks for one stage-entry date property per known stage, each once', () => {
    const names = propertiesFor('deals', DEFAULT_AUTOMATION_RULE, ['open', 'closedwon', '1234567', 'open']);
    expect(names.filter((name) => name.startsWith('hs_v2_date_entered_'))).toEqual([
      'hs_v2_date_entered_open',
      'hs_v2_date_entered_closedwon',
      'hs_v2_date_entered_1234567',
    ]);
    expect(propertiesFor('deals', DEFAULT_AUTOMATION_RULE)).not.toContain('hs_v2_date_entered_open');
  });

  it('reads the stage-entry dates by stage id; a bad date costs that stage only, the deal is kept', () => {
    const mapped = mapDeal(
      deal({
        hs_v2_date_entered_open: '2026-01-01T00:00:00Z',
        hs_v2_date_entered_1234567: '1767312000000',
        hs_v2_date_entered_closedwon: 'next week',
        // A stage the deal never entered: HubSpot sends the requested property as null.
        hs_v2_date_entered_skipped: null,
      }),
      stageOf,
    );
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.record.stageDates).toEqual({ open: Date.UTC(2026, 0, 1), '1234567': Date.UTC(2026, 0, 2) });
    expect(mapped.ignored.map((problem) => problem.reason)).toEqual([
      'hs_v2_date_entered_closedwon: expected a date, got "next week" (ignored)',
    ]);
    // A deal with no stage-entry date at all has no stageDates (METRICS.md: it counts for "reached" only).
    const none = mapDeal(deal({ hs_v2_date_entered_open: null }), stageOf);
    expect(none.ok && none.record.stageDates).toBeUndefined();
    // A stage id that is a reserved key cannot be a dictionary key: listed and left out, the deal kept.
    const reserved = mapDeal(deal({ hs_v2_date_entered___proto__: '2026-01-01T00:00:00Z' }), stageOf);
    expect(reserved.ok && reserved.record.stageDates).toBeUndefined();
    expect(reserved.ok && reserved.ignored[0]?.reason).toBe(
      'property name: expected a stage id, got "hs_v2_date_entered___proto__" (ignored)',
    );
  });

  it('maps stage metadata: probability, closed, won', () => {
    expect(stages.find((stage) => stage.stageId === 'open')).toMatchObject({
      probability: 0.2,
      isClosed: false,
      isWon: false,
    });
    expect(stages.find((stage) => stage.stageId === 'closedwon')).toMatchObject({ probability: 1, isWon: true });
  });
});

describe('mapEngagement', () => {
  const email = (properties: HubSpotObject['properties']): HubSpotObject => ({
    id: '30',
    properties: { hs_timestamp: '2026-04-01T08:00:00Z', ...properties },
    associations: { contacts: { results: [{ id: '101' }] } },
  });

  it.each([
    ['EMAIL', 'out'],
    ['INCOMING_EMAIL', 'in'],
    ['FORWARDED_EMAIL', 'none'],
  ])('e-mail direction %s is %s', (raw, direction) => {
    const mapped = mapEngagement('emails', email({ hs_email_direction: raw }), DEFAULT_AUTOMATION_RULE);
    expect(mapped.ok && mapped.record).toMatchObject({ kind: 'email', direction, leadIds: ['101'] });
  });

  it('marks sequence and workflow sends as automated, by the configured property', () => {
    const automated = (source: string) => {
      const mapped = mapEngagement(
        'emails',
        email({ hs_email_direction: 'EMAIL', hs_engagement_source: source }),
        DEFAULT_AUTOMATION_RULE,
      );
      return mapped.ok && mapped.record.automated;
    };
    expect(automated('SEQUENCES')).toBe(true);
    expect(automated('AUTOMATION_PLATFORM')).toBe(true);
    expect(automated('CRM_UI')).toBe(false);
    const custom = mapEngagement(
      'calls',
      { id: '1', properties: { hs_timestamp: '2026-04-01T08:00:00Z', hs_call_direction: 'OUTBOUND', x_bot: 'yes' } },
      { property: 'x_bot', values: ['yes'] },
    );
    expect(custom.ok && custom.record).toMatchObject({ kind: 'call', direction: 'out', automated: true });
  });

  it('rejects an unknown direction or a garbled timestamp instead of guessing', () => {
    expect(mapEngagement('emails', email({ hs_email_direction: 'SIDEWAYS' }), DEFAULT_AUTOMATION_RULE).ok).toBe(false);
    expect(mapEngagement('notes', email({ hs_timestamp: 'soon' }), DEFAULT_AUTOMATION_RULE).ok).toBe(false);
  });

  it('keeps a call with a malformed duration and lists it', () => {
    const mapped = mapEngagement(
      'calls',
      {
        id: '31',
        properties: { hs_timestamp: '2026-04-01T08:00:00Z', hs_call_direction: 'INBOUND', hs_call_duration: 'n/a' },
      },
      DEFAULT_AUTOMATION_RULE,
    );
    expect(mapped.ok && mapped.record.direction).toBe('in');
    expect(mapped.ok && mapped.ignored.length).toBe(1);
  });
});

describe('mapFeedback', () => {
  it('maps NPS and CSAT and rejects scores off the scale', () => {
    const nps = mapFeedback({
      id: '77',
      properties: { hs_survey_type: 'NPS', hs_value: '9', hs_submission_timestamp: '2026-05-01T00:00:00Z' },
      associations: { contacts: { results: [{ id: '101' }] } },
    });
    expect(nps.ok && nps.record).toMatchObject({ kind: 'nps', score: 9, leadId: '101' });
    const csat = mapFeedback({
      id: '78',
      properties: { hs_survey_type: 'CSAT', hs_value: '9', hs_createdate: '2026-05-01T00:00:00Z' },
    });
    expect(csat.ok).toBe(false);
  });
});

describe('options', () => {
  it('keeps the portal order of lifecycle stages, custom ones included, hidden ones out', () => {
    expect(
      mapOptions({
        name: 'lifecyclestage',
        options: [
          { value: 'customer', label: 'Customer', displayOrder: 5 },
          { value: 'lead', label: 'Lead', displayOrder: 1 },
          { value: 'demo_booked', label: 'Demo booked', displayOrder: 3 },
          { value: 'old', label: 'Old', displayOrder: 2, hidden: true },
        ],
      }),
    ).toEqual([
      { value: 'lead', label: 'Lead', order: 0 },
      { value: 'demo_booked', label: 'Demo booked', order: 1 },
      { value: 'customer', label: 'Customer', order: 2 },
    ]);
  });
});

describe('transport helpers', () => {
  it('reads the rate-limit headers', () => {
    expect(
      limitReport({
        'x-hubspot-ratelimit-max': '190',
        'x-hubspot-ratelimit-remaining': '12',
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
        'x-hubspot-ratelimit-daily': '650000',
        'x-hubspot-ratelimit-daily-remaining': '649000',
      }),
    ).toEqual({ max: 190, remaining: 12, intervalMs: 10000, daily: 650000, dailyRemaining: 649000 });
    expect(limitReport({})).toEqual({});
  });

  it('finds the missing scopes in a 403 body', () => {
    const body = JSON.stringify({
      status: 'error',
      category: 'MISSING_SCOPES',
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: ['sales-email-read'] },
        },
      ],
    });
    expect(missingScopesOf(body)).toEqual(['sales-email-read']);
    expect(missingScopesOf('not json')).toEqual([]);
  });

  it('tells search requests apart', () => {
    expect(kindOf('https://api.hubapi.com/crm/v3/objects/contacts/search')).toBe('search');
    expect(kindOf('https://api.hubapi.com/crm/v3/objects/contacts?limit=100')).toBe('standard');
  });
});
