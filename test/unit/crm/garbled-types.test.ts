import { describe, expect, it } from 'vitest';
import { shapeProblem } from '../../../lib/crm/hubspot/map';

// A property that is not text makes its record invalid, named by property; text, null and missing stay valid. The
// read against the local portal is in test/integration/crm/garbled-types.test.ts.

describe('records with a property that is not text', () => {
  it('leave text, null and missing properties alone', () => {
    const object = { id: '1', properties: { a: 'x', b: null, c: undefined } };
    expect(shapeProblem('contacts', object)).toBeUndefined();
    expect(shapeProblem('contacts', { id: '1', properties: { a: 5 } as never })).toMatchObject({
      reason: 'a: expected text, got number',
    });
    expect(shapeProblem('deals', { id: '2', properties: [] as never })).toMatchObject({
      reason: 'properties: expected an object',
    });
  });
});
