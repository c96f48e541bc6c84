// `npm run portal -- [--port 4010] [--tls-port 4443] [--seed 1] [--contacts 2000] [--as-of ISO] [--token T]...
// [--tier starter|professional|enterprise|enterprise-capacity-pack] [--rate 100/10s] [--search-rate 5/1s] [--daily 250000] [--faults 0.1] [--latency 20-80] [--truth file.json]`
// Prints one line when ready and runs until stopped.
import { writeFileSync } from 'node:fs';
import { isPortalTier, PORTAL_TIERS } from './limits.ts';
import { type PortalOptions, startPortal } from './server.ts';

function parseArgs(argv: string[]): { options: PortalOptions; truthFile: string | null } {
  const options: PortalOptions = { port: 4010, tlsPort: 4443 };
  let truthFile: string | null = null;
  const tokens: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const [name, inline] = flag.includes('=')
      ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
      : [flag, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${name} needs a value`);
      return next;
    };
    const number = (): number => {
      const text = value();
      const parsed = Number(text);
      if (!Number.isFinite(parsed)) throw new Error(`${name} needs a number, got ${text}`);
      return parsed;
    };
    switch (name) {
      case '--port':
        options.port = number();
        break;
      case '--tls-port':
        options.tlsPort = number();
        break;
      case '--seed':
        options.seed = number();
        break;
      case '--contacts':
        options.contacts = number();
        break;
      case '--as-of':
        options.asOf = value();
        break;
      case '--token':
        tokens.push(value());
        break;
      case '--tier': {
        const tier = value();
        if (!isPortalTier(tier)) throw new Error(`--tier is one of ${Object.keys(PORTAL_TIERS).join(', ')}`);
        options.tier = tier;
        break;
      }
      case '--rate':
        options.rate = value();
        break;
      case '--search-rate':
        options.searchRate = value();
        break;
      case '--daily':
        options.daily = number();
        break;
      case '--faults':
        options.faults = number();
        break;
      case '--latency':
        options.latency = value();
        break;
      case '--truth':
        truthFile = value();
        break;
      default:
        throw new Error(`unknown flag ${flag}`);
    }
  }
  if (tokens.length > 0) options.tokens = tokens;
  return { options, truthFile };
}

async function main(): Promise<void> {
  const { options, truthFile } = parseArgs(process.argv.slice(2));
  const portal = await startPortal(options);
  if (truthFile) writeFileSync(truthFile, `${JSON.stringify(portal.truth, null, 2)}\n`);
  process.stdout.write(`portal listening http=${portal.httpUrl} https=${portal.httpsUrl} token=${portal.token}\n`);
  const stop = () => {
    void portal.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`portal: ${(error as Error).message}\n`);
  process.exit(1);
});
