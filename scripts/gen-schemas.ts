// Writes the JSON Schemas of the report's inputs, generated from the zod schemas, to docs/schemas/.
// A unit test (test/unit/model/schemas.test.ts) fails when the committed files differ from what this generates.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { metricSettingsSchema } from '../lib/model/settings.ts';
import { snapshotFileSchema } from '../lib/model/snapshot-file.ts';

const schemas = {
  'snapshot-file.schema.json': {
    schema: snapshotFileSchema,
    title: 'LeadLens snapshot file (format "leadlens-snapshot", version 1)',
  },
  'settings.schema.json': { schema: metricSettingsSchema, title: 'LeadLens metric settings (METRICS.md, "Settings")' },
} as const;

/** File name → file text. The input side (`io: 'input'`) is what a file holds: ISO strings, optional defaults. */
export function generateSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, { schema, title }] of Object.entries(schemas)) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    files[name] = `${JSON.stringify({ title, ...json }, null, 2)}\n`;
  }
  return files;
}

export const schemasDirectory = fileURLToPath(new URL('../docs/schemas/', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, text] of Object.entries(generateSchemas())) {
    writeFileSync(`${schemasDirectory}${name}`, text);
    console.log(`wrote docs/schemas/${name}`);
  }
}
