import { describe, expect, it } from 'vitest';
import { existingIdOf } from '../../../lib/crm/hubspot/tag-writer';

// The tag writer's pure parts; its writes against the local portal are in test/integration/tagging/tag-writer.test.ts.

describe('HubSpotTagWriter', () => {
  it('existingIdOf reads the id from HubSpot’s conflict message', () => {
    expect(existingIdOf('Contact already exists. Existing ID: 12345')).toBe('12345');
    expect(existingIdOf('Property values were not valid')).toBeUndefined();
  });
});
