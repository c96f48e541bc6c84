import { describe, expect, it } from 'vitest';
import {
  FEATURE_REQUIREMENTS,
  FEATURES,
  judgeFeature,
  judgeFeatures,
  lackingScopes,
  type Part,
  SCOPE,
  scopesNamed,
} from '../../../lib/crm/hubspot/feature-scopes';
import {
  checkScopes,
  objectRead,
  objectWrite,
  ownersRead,
  type ScopeRequirement,
  schemaRead,
  schemaWrite,
} from '../../fake-hubspot/scopes';

const ALL = Object.values(SCOPE);

function stateOf(verdicts: ReturnType<typeof judgeFeatures>) {
  return Object.fromEntries(verdicts.map((verdict) => [verdict.feature, verdict.state]));
}

describe('feature scopes', () => {
  it('a key holding only contacts read can read contacts but no feature as a whole; each says what it lacks', () => {
    const verdicts = judgeFeatures({ scopes: [SCOPE.contactsRead] });
    expect(stateOf(verdicts)).toEqual({ read: 'cannot', tag: 'cannot', notALead: 'cannot', logReply: 'cannot' });
    const read = judgeFeature('read', { scopes: [SCOPE.contactsRead] });
    expect(read.parts.find((p) => p.part === 'contacts')?.state).toBe('can');
    expect(read.parts.find((p) => p.part === 'engagements')?.state).toBe('can');
    expect(read.lacking).toEqual([
      { part: 'emails', lacking: [['sales-email-read']] },
      { part: 'deals', lacking: [['crm.objects.deals.read']] },
      { part: 'owners', lacking: [['automation'], ['crm.objects.owners.read']] },
    ]);
    expect(judgeFeature('notALead', { scopes: [SCOPE.contactsRead] }).lacking).toEqual([
      { part: 'contactWrite', lacking: [['crm.objects.contacts.write']] },
    ]);
    expect(judgeFeature('logReply', { scopes: [SCOPE.contactsRead] }).lacking).toEqual([
      { part: 'emailCreate', lacking: [['crm.objects.contacts.write', 'sales-email-read']] },
    ]);
  });

  it('owners take either scope; the optional parts do not decide reading', () => {
    const base = [SCOPE.contactsRead, SCOPE.dealsRead, SCOPE.salesEmailRead];
    expect(judgeFeature('read', { scopes: [...base, SCOPE.automation] }).state).toBe('can');
    expect(judgeFeature('read', { scopes: [...base, SCOPE.ownersRead] }).state).toBe('can');
    const verdict = judgeFeature('read', { scopes: [...base, SCOPE.ownersRead] });
    expect(verdict.parts.find((p) => p.part === 'feedback')).toMatchObject({
      state: 'cannot',
      optional: true,
      lacking: [['crm.objects.feedback_submissions.read']],
    });
  });

  it('tagging needs the schema write scope only until its properties exist', () => {
    const scopes = [SCOPE.contactsRead, SCOPE.contactsWrite];
    expect(judgeFeature('tag', { scopes }).lacking).toEqual([
      { part: 'propertyCreate', lacking: [['crm.schemas.contacts.write']] },
    ]);
    expect(judgeFeature('tag', { scopes, tagPropertiesExist: true }).state).toBe('can');
  });

  it('logging a reply needs contacts write and the sales e-mail scope together (2026-09)', () => {
    expect(judgeFeature('logReply', { scopes: [SCOPE.contactsWrite] }).state).toBe('cannot');
    expect(judgeFeature('logReply', { scopes: [SCOPE.salesEmailRead] }).state).toBe('cannot');
    expect(judgeFeature('logReply', { scopes: [SCOPE.contactsWrite, SCOPE.salesEmailRead] }).state).toBe('can');
  });

  it('without scopes or probes every feature is unknown; probes decide the parts they cover', () => {
    expect(stateOf(judgeFeatures({}))).toEqual({
      read: 'unknown',
      tag: 'unknown',
      notALead: 'unknown',
      logReply: 'unknown',
    });
    const probed = judgeFeatures({
      probes: {
        propertyRead: { state: 'allowed' },
        contactWrite: { state: 'refused' },
        emailCreate: { state: 'unknown' },
      },
    });
    expect(stateOf(probed)).toMatchObject({ notALead: 'cannot', logReply: 'unknown', read: 'unknown' });
    expect(probed.find((v) => v.feature === 'notALead')?.lacking).toEqual([
      { part: 'contactWrite', lacking: [['crm.objects.contacts.write']] },
    ]);
  });

  it('a probe outranks the scope list; a refusal with the scopes held names what HubSpot named', () => {
    const scopes = [SCOPE.contactsRead, SCOPE.feedbackRead];
    const refused = judgeFeature('read', {
      scopes,
      probes: { feedback: { state: 'refused', named: ['service-hub-professional'] } },
    });
    expect(refused.parts.find((p) => p.part === 'feedback')).toMatchObject({
      state: 'cannot',
      lacking: [['service-hub-professional']],
    });
    const allowed = judgeFeature('logReply', {
      scopes: [SCOPE.contactsRead],
      probes: { emailCreate: { state: 'allowed' } },
    });
    expect(allowed.state).toBe('can');
  });

  it('with the scope list unknown, a refused part names only what the allowed parts do not prove held', () => {
    const verdict = judgeFeature('read', {
      probes: { contacts: { state: 'allowed' }, emails: { state: 'refused' }, owners: { state: 'refused' } },
    });
    expect(verdict.lacking).toEqual([
      { part: 'emails', lacking: [['sales-email-read']] },
      { part: 'owners', lacking: [['automation'], ['crm.objects.owners.read']] },
    ]);
  });

  it('lists the lacking scopes fewest first', () => {
    expect(lackingScopes([['a', 'b'], ['c']], new Set(['a']))).toEqual([['b'], ['c']]);
    expect(lackingScopes([['a', 'b', 'd'], ['c']], new Set())).toEqual([['c'], ['a', 'b', 'd']]);
  });

  it('names each feature’s scopes once', () => {
    expect(scopesNamed('logReply')).toEqual(['crm.objects.contacts.write', 'sales-email-read']);
    expect(new Set(scopesNamed('read')).size).toBe(scopesNamed('read').length);
    expect(FEATURES).toEqual(Object.keys(FEATURE_REQUIREMENTS));
  });

  // The local portal enforces HubSpot's specs (test/fake-hubspot/scopes.ts, itself checked against them); on every
  // combination of the scopes LeadLens asks for, the product must judge each part as the portal's dated route would.
  const portalRule: Record<Part, ScopeRequirement> = {
    contacts: objectRead('contacts', true),
    engagements: objectRead('calls', true),
    emails: objectRead('emails', true),
    deals: objectRead('deals', true),
    owners: ownersRead,
    pipelines: schemaRead,
    propertyRead: schemaRead,
    feedback: objectRead('feedback_submissions', true),
    contactWrite: objectWrite('contacts', true),
    propertyCreate: schemaWrite,
    emailCreate: objectWrite('emails', true),
  };

  it('agrees with the local portal on every subset of the scopes LeadLens names', () => {
    const disagreements: string[] = [];
    for (let mask = 0; mask < 1 << ALL.length; mask++) {
      const held = ALL.filter((_, i) => mask & (1 << i));
      const heldSet = new Set<string>(held);
      for (const feature of FEATURES) {
        for (const verdict of judgeFeature(feature, { scopes: held }).parts) {
          const portal = checkScopes(portalRule[verdict.part], heldSet).ok;
          if (portal !== (verdict.state === 'can')) disagreements.push(`${verdict.part} with [${held.join(' ')}]`);
        }
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});
