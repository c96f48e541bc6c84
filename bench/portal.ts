// npm run bench:portal [-- --contacts N]: how long the local portal takes to generate N contacts (default 100 000)
// with their history, and the p95 time to serve a list page of 100 contacts with inline associations over loopback
// HTTP, rate limit off. Last line: `portal generate_100k_ms=<ms> list100_p95_ms=<ms>` (the label keeps "100k" for
// the form; the figure is for the N asked).
import http from 'node:http';
import { startPortal } from '../test/fake-hubspot/server.ts';

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const contacts = Number(argValue('--contacts') ?? '100000');
const requests = Number(argValue('--requests') ?? '300');

function get(agent: http.Agent, url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { Authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const started = performance.now();
  const portal = await startPortal({
    contacts,
    seed: 1,
    asOf: '2026-11-22T12:00:00.000Z',
    // Effectively no limit: this measures serving, not the limiter.
    rate: '100000000/10s',
  });
  const generateMs = performance.now() - started;
  console.log(`generated ${contacts} contacts in ${generateMs.toFixed(0)} ms:`, JSON.stringify(portal.truth.counts));

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = `${portal.httpUrl}/crm/v3/objects/contacts?limit=100&properties=email,firstname,lastname,hubspot_owner_id,lifecyclestage,hs_lead_status,hs_analytics_source&associations=companies,deals,emails,calls,meetings`;
  const timings: number[] = [];
  let after: string | undefined;
  // Warm-up: the first requests pay for JIT compilation, which a running portal has long paid.
  for (let i = 0; i < 20; i++) await get(agent, base, portal.token);
  for (let i = 0; i < requests; i++) {
    const url = after ? `${base}&after=${after}` : base;
    const t0 = performance.now();
    const response = await get(agent, url, portal.token);
    timings.push(performance.now() - t0);
    if (response.status !== 200) throw new Error(`list returned ${response.status}: ${response.body.slice(0, 200)}`);
    const parsed = JSON.parse(response.body) as { results: unknown[]; paging?: { next?: { after?: string } } };
    if (parsed.results.length === 0) throw new Error('empty page');
    after = parsed.paging?.next?.after;
  }
  agent.destroy();
  await portal.close();
  const p95 = percentile(timings, 95);
  console.log(`list100: ${requests} pages, p50 ${percentile(timings, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
  console.log(`portal generate_100k_ms=${generateMs.toFixed(0)} list100_p95_ms=${p95.toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
