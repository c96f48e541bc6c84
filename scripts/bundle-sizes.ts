// Prints the production build's size per entrypoint and, with --check, fails when a budget is exceeded.
// A page's size is its HTML's module script plus every chunk it imports statically, as the browser loads them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const BUDGETS_KB: Record<string, number> = { background: 1024, 'content-script': 350, page: 800 };

interface Entry {
  name: string;
  kind: keyof typeof BUDGETS_KB;
  bytes: number;
}

function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
    const target = match[1];
    if (target && !/^[a-z]+:/.test(target)) found.add(resolve(dirname(file), target));
  }
  return [...found];
}

function closureBytes(root: string, outDir: string): number {
  const seen = new Set<string>();
  const queue = [root];
  let total = 0;
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    total += statSync(file).size;
    for (const next of importsOf(file)) if (next.startsWith(outDir)) queue.push(next);
  }
  return total;
}

export function measure(outDir: string): Entry[] {
  const entries: Entry[] = [];
  const background = join(outDir, 'background.js');
  if (existsSync(background))
    entries.push({ name: 'background.js', kind: 'background', bytes: statSync(background).size });
  const scripts = join(outDir, 'content-scripts');
  if (existsSync(scripts)) {
    for (const file of readdirSync(scripts)
      .filter((name) => name.endsWith('.js'))
      .sort()) {
      entries.push({
        name: `content-scripts/${file}`,
        kind: 'content-script',
        bytes: statSync(join(scripts, file)).size,
      });
    }
  }
  for (const html of readdirSync(outDir)
    .filter((name) => name.endsWith('.html'))
    .sort()) {
    const source = readFileSync(join(outDir, html), 'utf8');
    const script = /<script[^>]+src="([^"]+)"/.exec(source)?.[1];
    if (!script) continue;
    const root = join(outDir, script.replace(/^\//, ''));
    entries.push({ name: html, kind: 'page', bytes: closureBytes(root, outDir) });
  }
  return entries;
}

function main(): void {
  const outDir = resolve(process.argv.find((arg) => arg.startsWith('--dir='))?.slice(6) ?? '.output/chrome-mv3');
  if (!existsSync(outDir)) {
    console.error(`No build at ${relative(process.cwd(), outDir)}: run \`npm run build\` first.`);
    process.exit(2);
  }
  const check = process.argv.includes('--check');
  const entries = measure(outDir);
  let over = 0;
  for (const entry of entries) {
    const kb = entry.bytes / 1024;
    const budget = BUDGETS_KB[entry.kind] ?? Number.POSITIVE_INFINITY;
    const flag = kb > budget ? `  OVER the ${budget} KB budget` : '';
    if (flag) over += 1;
    console.log(
      `${entry.name.padEnd(32)} ${kb.toFixed(1).padStart(8)} KB  (${entry.kind}, budget ${budget} KB)${flag}`,
    );
  }
  if (check && over > 0) {
    console.error(`${over} bundle(s) over budget`);
    process.exit(1);
  }
}

main();
