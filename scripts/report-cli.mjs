// `npm run report` starts here. Loading scripts/report.ts through tsx costs about 1.3 s of TypeScript transforms on
// every run, more than the report itself on a small file, so the CLI runs a bundle of it made by esbuild instead. The
// bundle is a build artefact (node_modules/.cache, not committed): it is made when missing, and made again when any
// file it was made from (our sources and the packages they import, as esbuild's metafile lists them) is newer than
// it, so a fresh clone, a pull or an edit needs no step of its own. Plain JavaScript: this file runs without tsx.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = 'scripts/report.ts';
const bundle = join(root, 'node_modules/.cache/leadlens/report.mjs');
const inputsFile = `${bundle}.inputs.json`;

/** True when the bundle exists and none of the files it was made from changed after it. */
function bundleIsFresh() {
  try {
    const builtAt = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    return inputs.every((path) => statSync(join(root, path)).mtimeMs <= builtAt);
  } catch {
    // Missing bundle, a list from another layout, or a source that was removed: build again.
    return false;
  }
}

async function buildBundle() {
  const { build } = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  // Written beside and renamed into place: two reports started at once never run half a file.
  const temporary = `${bundle}.${process.pid}.tmp`;
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
  });
  // npm unpacks packages with a fixed old mtime, so an upgraded package looks older than the bundle: the lock files,
  // which every install rewrites, stand for them.
  const inputs = [
    ...Object.keys(result.metafile.inputs),
    'package.json',
    'package-lock.json',
    'node_modules/.package-lock.json',
  ];
  writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(temporary, bundle);
  renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
}

if (!bundleIsFresh()) await buildBundle();
await import(pathToFileURL(bundle).href);
