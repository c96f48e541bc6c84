import { describe, expect, it } from 'vitest';
import { validateManaged } from '../../../lib/settings/team-settings';

describe('a managed policy, field by field', () => {
  it('applies every valid field', () => {
    expect(
      validateManaged({
        token: 'pat-org',
        baseUrl: 'https://api-eu1.hubapi.com/',
        engagementMonths: 12,
        settings: { slaMinutes: 10, adoptionDate: '2026-01-15' },
      }),
    ).toEqual({
      managed: {
        token: 'pat-org',
        baseUrl: 'https://api-eu1.hubapi.com',
        engagementMonths: 12,
        settings: { slaMinutes: 10, adoptionDate: '2026-01-15' },
      },
      problems: [],
    });
  });

  it('shows and ignores a wrong field, and keeps the rest of the policy', () => {
    const { managed, problems } = validateManaged({
      token: 'pat-org',
      baseUrl: 'http://collector.example',
      engagementMonths: -3,
      colour: 'blue',
      settings: { slaMinutes: 'five', adoptionDate: '2026-01-15', nonsense: 1 },
    });
    expect(managed).toEqual({ token: 'pat-org', settings: { adoptionDate: '2026-01-15' } });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/^baseUrl: only https/m);
    expect(problems.join('\n')).toMatch(/^engagementMonths: /m);
    expect(problems.join('\n')).toMatch(/^colour: not a LeadLens policy field/m);
    expect(problems.join('\n')).toMatch(/^settings\.slaMinutes: /m);
    expect(problems.join('\n')).toMatch(/^settings\.nonsense: not a team setting/m);
  });

  it('refuses prototype keys in the team settings', () => {
    const policy = JSON.parse('{"settings":{"__proto__":{"slaMinutes":1},"constructor":2,"slaMinutes":7}}');
    const { managed, problems } = validateManaged(policy);
    expect(managed.settings).toEqual({ slaMinutes: 7 });
    expect(Object.getPrototypeOf(managed.settings)).toBe(Object.prototype);
    expect(problems).toEqual(['settings.__proto__: not a team setting', 'settings.constructor: not a team setting']);
  });

  it('reads a missing policy as none, and a policy that is not an object as a problem', () => {
    expect(validateManaged(undefined)).toEqual({ managed: {}, problems: [] });
    expect(validateManaged('token')).toEqual({ managed: {}, problems: ['policy: not an object'] });
  });
});
