// Content scripts read no extension storage (issue #14): the background locks storage.local to its own pages, and
// everything an overlay needs comes by message. Walks the relative imports of every content script's entry and fails
// on any module that touches `storage` or imports one that does (settings storage, the old rep-marks and cache
// signal keys), so the rule is checked by a test, not by review.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  return null;
}

/**
 * Every project module a file reaches through relative imports (type-only imports included unless `valuesOnly`:
 * harmless for storage, and rare; the bundle holds only what value imports reach).
 */
function moduleGraph(entry: string, valuesOnly = false): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
      if (valuesOnly && /^(?:import|export)\s+type\b/.test(match[0])) continue;
      const target = resolveImport(file, match[1] as string);
      if (target) stack.push(target);
    }
  }
  return seen;
}

/** The code alone: comments may name storage to say why it is not used. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

const entries = readdirSync(join(ROOT, 'entrypoints'))
  .filter((name) => name.endsWith('.content'))
  .map((name) => join(ROOT, 'entrypoints', name, 'index.ts'));

describe('content scripts', () => {
  it('exist for the three sites', () => {
    expect(entries.map((entry) => relative(ROOT, entry)).sort()).toEqual([
      'entrypoints/gmail.content/index.ts',
      'entrypoints/hubspot.content/index.ts',
      'entrypoints/outlook.content/index.ts',
    ]);
  });

  for (const entry of entries) {
    it(`${relative(ROOT, entry)} reaches no module that reads or writes extension storage`, () => {
      const offenders = [...moduleGraph(entry)]
        .filter((file) => {
          const source = code(file);
          const imports = source.match(/from\s+['"][^'"]+['"]/g)?.join('\n') ?? '';
          return (
            /\bstorage\.(local|sync|session|managed|onChanged)\b/.test(source) ||
            /settings\/storage|rep-marks|cache-signal/.test(imports)
          );
        })
        .map((file) => relative(ROOT, file));
      expect(offenders).toEqual([]);
    });

    // The whole catalogues were 56 % of a content script's bytes, evaluated before the page parses (document_start).
    it(`${relative(ROOT, entry)} carries the overlays' strings only, not the catalogues of LeadLens's pages`, () => {
      const reached = [...moduleGraph(entry, true)].map((file) => relative(ROOT, file));
      expect(reached).toContain('lib/i18n/en-overlay.ts');
      expect(reached).toContain('lib/i18n/he-overlay.ts');
      expect(reached.filter((file) => /^lib\/i18n\/(en|he|index)\.ts$/.test(file))).toEqual([]);
    });
  }
});
