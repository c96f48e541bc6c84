import { describe, expect, it } from 'vitest';
import { judgeFeature } from '../../../lib/crm/hubspot/feature-scopes';
import { outcomeOf, PROBE_REQUESTS, ProbeUnauthorizedError, probeParts } from '../../../lib/crm/hubspot/scope-probe';

const read = PROBE_REQUESTS.find((request) => request.part === 'deals');
const write = PROBE_REQUESTS.find((request) => request.part === 'emailCreate');
const forbidden = (body: unknown) => ({ status: 403, text: JSON.stringify(body) });

describe('scope probe', () => {
  it('reads a 403 for its own part: scopes named, or a refusal that is not about scopes', () => {
    if (!read || !write) throw new Error('probe list changed');
    const missing = forbidden({
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredGranularScopes: ['crm.objects.deals.read'] } }],
    });
    expect(outcomeOf(read, missing)).toEqual({ state: 'refused', named: ['crm.objects.deals.read'] });
    expect(outcomeOf(read, forbidden({ category: 'USER_DOES_NOT_HAVE_PERMISSIONS', message: 'no' }))).toEqual({
      state: 'refused',
      reason: 'USER_DOES_NOT_HAVE_PERMISSIONS',
    });
    expect(outcomeOf(read, { status: 403, text: 'not json' })).toEqual({ state: 'refused', reason: 'FORBIDDEN' });
    expect(outcomeOf(read, { status: 200, text: '{}' })).toEqual({ state: 'allowed' });
    expect(outcomeOf(read, { status: 404, text: '{}' })).toEqual({ state: 'unknown' });
    // A write probe targets record 0: its 404 means the scope check passed.
    expect(outcomeOf(write, { status: 404, text: '{}' })).toEqual({ state: 'allowed' });
    expect(outcomeOf(write, { status: 500, text: '' })).toEqual({ state: 'unknown' });
  });

  it('a refusal for a subscription shows as such, not as a missing scope', async () => {
    const evidence = await probeParts(async (request) =>
      request.part === 'feedback'
        ? forbidden({ category: 'MISSING_SUBSCRIPTION', message: 'Service Hub Professional' })
        : { status: request.method === 'GET' ? 200 : 404, text: '{}' },
    );
    const part = judgeFeature('read', evidence).parts.find((candidate) => candidate.part === 'feedback');
    expect(part).toMatchObject({ state: 'cannot', reason: 'MISSING_SUBSCRIPTION', lacking: [] });
    expect(evidence.tagPropertiesExist).toBe(true);
  });

  it('sends only reads and writes that cannot change anything, and stops on a refused key', async () => {
    for (const request of PROBE_REQUESTS) {
      if (request.method === 'GET') continue;
      // An update of record 0 (which never exists) or a property with no fields.
      expect(request.path.endsWith('/0') || JSON.stringify(request.body) === '{}', request.path).toBe(true);
    }
    await expect(probeParts(async () => ({ status: 401, text: '' }))).rejects.toThrow(ProbeUnauthorizedError);
  });
});
