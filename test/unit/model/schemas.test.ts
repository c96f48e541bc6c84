import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchemas, schemasDirectory } from '../../../scripts/gen-schemas.ts';

describe('docs/schemas', () => {
  it('match the zod schemas (run `npx tsx scripts/gen-schemas.ts` after changing lib/model)', () => {
    const generated = generateSchemas();
    expect(Object.keys(generated).length).toBeGreaterThan(0);
    for (const [name, text] of Object.entries(generated)) {
      let committed = '';
      try {
        committed = readFileSync(`${schemasDirectory}${name}`, 'utf8');
      } catch {
        // A missing file is stale too; the comparison below says which.
      }
      expect(committed, `docs/schemas/${name} is stale`).toBe(text);
    }
  });
});
