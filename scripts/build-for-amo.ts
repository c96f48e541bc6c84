// `npm run build-for-amo`: the Firefox package and the sources package that addons.mozilla.org asks for, then the
// reviewers' rebuild done here: the sources are unpacked into an empty folder, installed with `npm ci` and built with
// `npm run build:firefox`, and every file of that build must equal the submitted one byte for byte.
// `--no-verify` skips the rebuild (a minute or two, most of it `npm ci`).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = process.cwd();
const outDir = join(root, '.output');
const built = join(outDir, 'firefox-mv2');

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
}

function filesUnder(folder: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hashes.set(relative(folder, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(folder);
  return hashes;
}

function newest(suffix: string): string {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const name = readdirSync(outDir).find((file) => file.endsWith(`-${version}-${suffix}.zip`));
  if (name === undefined) throw new Error(`build-for-amo: no *-${version}-${suffix}.zip in .output`);
  return join(outDir, name);
}

function main(): void {
  run('npx', ['wxt', 'zip', '-b', 'firefox'], root);
  const extensionZip = newest('firefox');
  const sourcesZip = newest('sources');
  console.log(`extension: ${relative(root, extensionZip)}\nsources:   ${relative(root, sourcesZip)}`);
  if (process.argv.includes('--no-verify')) return;

  const submitted = filesUnder(built);
  const rebuild = mkdtempSync(join(tmpdir(), 'leadlens-amo-'));
  try {
    run('unzip', ['-q', sourcesZip, '-d', rebuild], root);
    run('npm', ['ci', '--no-audit', '--no-fund'], rebuild);
    run('npm', ['run', 'build:firefox'], rebuild);
    const rebuilt = filesUnder(join(rebuild, '.output', 'firefox-mv2'));
    const differing = [...new Set([...submitted.keys(), ...rebuilt.keys()])]
      .filter((file) => submitted.get(file) !== rebuilt.get(file))
      .sort();
    if (differing.length > 0) {
      console.error(
        `build-for-amo: the sources rebuild differs in ${differing.length} files:\n${differing.join('\n')}`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(`build-for-amo files=${submitted.size} identical_after_rebuild=yes`);
  } finally {
    rmSync(rebuild, { recursive: true, force: true });
  }
}

main();
