import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCheck } from '../../../lib/crm/adapter';
import { HubSpotAdapter } from '../../../lib/crm/hubspot/client';
import { FEATURES, judgeFeatures, SCOPE } from '../../../lib/crm/hubspot/feature-scopes';
import { HubSpotTagWriter } from '../../../lib/crm/hubspot/tag-writer';
import { RateLimiter } from '../../../lib/crm/limiter';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server';

// The connect-time probe against the local portal, whose scope rules follow HubSpot's specs: each part is asked on
// its own, so a key capped at its creator's scopes is told what works, part by part, and nothing is written.

const KEYS: Record<string, readonly string[]> = {
  'pat-na1-contacts-read': [SCOPE.contactsRead],
  'pat-na1-rep': [SCOPE.contactsRead, SCOPE.contactsWrite, SCOPE.salesEmailRead],
  'pat-na1-owners-automation': [SCOPE.contactsRead, SCOPE.dealsRead, SCOPE.automation, SCOPE.salesEmailRead],
  'pat-na1-schemas': [SCOPE.contactsRead, SCOPE.contactsWrite, SCOPE.schemasContactsWrite],
};
const FULL = 'pat-na1-full';

let portal: RunningPortal;

function adapter(token: string): HubSpotAdapter {
  return new HubSpotAdapter({
    token,
    baseUrl: portal.httpUrl,
    limiter: new RateLimiter({ max: 400, intervalMs: 1000, searchPerSecond: 100, searchStartPerSecond: 100 }),
    timeoutMs: 2000,
  });
}

const states = (checks: FeatureCheck[]) => Object.fromEntries(checks.map((check) => [check.feature, check.state]));

beforeAll(async () => {
  portal = await startPortal({
    contacts: 30,
    seed: 22,
    rate: '10000/1s',
    tokens: [FULL, ...Object.entries(KEYS).map(([token, scopes]) => `${token}:${scopes.join(',')}`)],
  });
});
afterAll(async () => {
  await portal?.close();
});

describe('probeScopes', () => {
  it('a key with contacts read alone: reading contacts and engagements works, every feature says what it lacks', async () => {
    portal.admin.resetCounters();
    const checks = await adapter('pat-na1-contacts-read').probeScopes();
    expect(states(checks)).toEqual({ read: 'cannot', tag: 'cannot', notALead: 'cannot', logReply: 'cannot' });
    const read = checks.find((check) => check.feature === 'read');
    const partStates = Object.fromEntries((read?.parts ?? []).map((part) => [part.part, part.state]));
    // A 403 on deals did not spill over to contacts, engagements or the pipelines (which contacts read opens).
    expect(partStates).toMatchObject({
      contacts: 'can',
      engagements: 'can',
      pipelines: 'can',
      propertyRead: 'can',
      deals: 'cannot',
      owners: 'cannot',
      emails: 'cannot',
      feedback: 'cannot',
    });
    expect(checks.find((check) => check.feature === 'logReply')?.lacking).toEqual([
      { part: 'emailCreate', lacking: [['crm.objects.contacts.write', 'sales-email-read']] },
    ]);
    // The probes changed nothing.
    expect(portal.admin.writeLog().filter((entry) => entry.status < 400)).toEqual([]);
  });

  it('agrees with what the key’s scopes say, for each key', async () => {
    for (const [token, scopes] of Object.entries(KEYS)) {
      const probed = await adapter(token).probeScopes();
      // The LeadLens properties do not exist in a fresh portal, so tagging needs the schema write scope.
      const expected = judgeFeatures({ scopes, tagPropertiesExist: false });
      expect(states(probed), token).toEqual(states(expected));
    }
  });

  it('a rep’s key logs replies and marks leads; tagging waits for the properties, then works without the schema scope', async () => {
    const before = await adapter('pat-na1-rep').probeScopes();
    expect(states(before)).toMatchObject({ notALead: 'can', logReply: 'can', tag: 'cannot' });
    expect(before.find((check) => check.feature === 'tag')?.lacking).toEqual([
      { part: 'propertyCreate', lacking: [['crm.schemas.contacts.write']] },
    ]);
    await new HubSpotTagWriter(adapter(FULL)).ensureTagProperties();
    const after = await adapter('pat-na1-rep').probeScopes();
    expect(states(after)).toMatchObject({ tag: 'can' });
  });

  it('a full key can do everything', async () => {
    expect(states(await adapter(FULL).probeScopes())).toEqual(
      Object.fromEntries(FEATURES.map((feature) => [feature, 'can'])),
    );
  });

  it('owners through automation count as readable', async () => {
    const read = (await adapter('pat-na1-owners-automation').probeScopes()).find((check) => check.feature === 'read');
    expect(read?.parts.find((part) => part.part === 'owners')?.state).toBe('can');
    expect(read?.state).toBe('can');
  });
});
