import { describe, expect, it } from 'vitest';
import { mergeRefused, refusal } from '../../../lib/sync/refused';

// What a refused scope leaves in the sync's list; a sync against the local portal with refused scopes is in
// test/integration/sync/refused-scopes.test.ts.

describe('refusal entries', () => {
  it('keep one entry per part, and bound what HubSpot names', () => {
    const first = refusal('emails', [], 1);
    expect(first.scopes).toEqual(['sales-email-read']);
    const hostile = refusal('deals', ['<img src=x onerror=alert(1)>', 'crm.objects.deals.read'], 2);
    expect(hostile.scopes).toEqual(['crm.objects.deals.read']);
    expect(mergeRefused([first], [refusal('emails', ['sales-email-read'], 3), hostile]).map((e) => e.at)).toEqual([
      2, 3,
    ]);
  });
});
