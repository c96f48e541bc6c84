// npm run bench:team -- --reps 50 [--contacts 100000] [--hours 8] [--seed 1] [--tier starter]
//
// A team on one HubSpot account (issue #23): `--reps` rep-scoped sync engines, each with its own store (an in-memory
// IndexedDB) and limiter, share one token against the local portal's handlers and limits (PortalLimits, the Starter
// tier by default: 100 per 10 s per token, 250 000 a day per account, search 5 a second), in Node with the same
// lib/sync code as the extension. Time is virtual (test/support/virtual-clock.ts): every wait of the limiters, the
// portal's latency and the working day run on it, so the day takes minutes, not hours.
//
// 1. First syncs: the reps start within the first minute (a team arriving on Monday); measured: the time until all
//    are done, and the share of 429s among all requests.
// 2. A working day per rep: a HubSpot or mail tab visible all day (an incremental sync every 2 minutes, the 6-hourly
//    reconciliation), 200 badge look-ups (150 of strangers, 50 of colleagues' leads), and 10 re-assignments across
//    the team. Measured: requests per rep per day and the team's share of the daily limit.
//
// Last line: team reps=… first_sync_s=… errors_pct=… requests_per_rep_day=… daily_limit_pct=…
// Goals: errors ≤ 5 %, ≤ 2 000 requests per rep per day (look-ups included).
//
// Simplifications, said plainly: the portal's owners are spread over the reps round-robin (contacts by position,
// deals and engagements by id; a rep keeps the deals and engagements of their contacts, whoever owns them); a search
// whose window starts at a modification instant reads only the records modified since (the portal's own filter
// applies on them), which spares the bench a scan of every record per incremental search without changing answers.
import 'fake-indexeddb/auto';
import { OnDemandLookups } from '../lib/background/on-demand-lookup';
import { ClockSkew } from '../lib/crm/clock-skew';
import { HubSpotAdapter } from '../lib/crm/hubspot/client';
import { RateLimiter } from '../lib/crm/limiter';
import { LeadLensDb, type LookupRow } from '../lib/db/db';
import type { CacheScope } from '../lib/sync/cache-scope';
import { SCHEDULE } from '../lib/sync/plan';
import { runSync } from '../lib/sync/runner';
import { matchRoute } from '../test/fake-hubspot/api';
import { generatePortal } from '../test/fake-hubspot/generate';
import { type ApiResult, rateLimitError } from '../test/fake-hubspot/http';
import { isPortalTier, PORTAL_TIERS, POLICY_MESSAGES, PortalLimits, parseRate } from '../test/fake-hubspot/limits';
import { OBJECT_TYPES, type ObjectType } from '../test/fake-hubspot/objects';
import type { CrmRecord, PortalStore } from '../test/fake-hubspot/store';
import { VirtualClock } from '../test/support/virtual-clock';

function arg(name: string, fallback: string): string {
  const inline = process.argv.find((value) => value.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const reps = Number(arg('reps', '50'));
const contacts = Number(arg('contacts', '100000'));
const hours = Number(arg('hours', '8'));
const seed = Number(arg('seed', '1'));
const tierName = arg('tier', 'starter');
if (!isPortalTier(tierName)) throw new Error(`--tier is one of ${Object.keys(PORTAL_TIERS).join(', ')}`);
const tier = PORTAL_TIERS[tierName];
const LOOKUPS_PER_DAY = 200;
const STRANGERS_PER_DAY = 150;
const REASSIGNMENTS = 10;
/** One way to the portal and back, as from a browser in Europe to HubSpot's US data centre. */
const LATENCY_MS = 120;
const TOKEN = 'pat-na1-team';
const log = (...parts: unknown[]) => console.error('[bench:team]', ...parts);

let randomState = seed * 7919 + 17;
function random(): number {
  randomState = (randomState * 1_103_515_245 + 12_345) % 2 ** 31;
  return randomState / 2 ** 31;
}

// ---- The portal ------------------------------------------------------------------------------------------------

const started = Date.now();
const asOf = new Date('2026-12-07T08:00:00Z').toISOString();
const generated = generatePortal({ seed, contacts, asOf });
const store: PortalStore = generated.store;
log(`portal of ${contacts} contacts generated in ${Date.now() - started} ms`);

// Owners enough for the team, copied from a generated one.
const template = store.owners.find((owner) => owner.type === 'PERSON');
if (!template) throw new Error('the generated portal has no owner');
const ownerIds: string[] = [];
for (let index = 0; index < reps; index++) {
  const existing = store.owners.filter((owner) => owner.type === 'PERSON')[index];
  if (existing) ownerIds.push(existing.id);
  else {
    const id = String(90_000_000 + index);
    store.owners.push({
      ...template,
      id,
      email: `rep${index}@team.example`,
      firstName: 'Rep',
      lastName: String(index),
      userId: 9_000_000 + index,
      userIdIncludingInactive: 9_000_000 + index,
    });
    ownerIds.push(id);
  }
}
const OWNED: ObjectType[] = ['contacts', 'deals', 'emails', 'calls', 'meetings', 'notes', 'tasks'];
for (const type of OWNED) {
  store.list(type).forEach((record, index) => {
    record.props.hubspot_owner_id = ownerIds[(type === 'contacts' ? index : record.id) % reps] ?? '';
  });
}

/** Each type's records by modification instant, so a search window starting late reads only its tail. */
const byModified = new Map<ObjectType, CrmRecord[]>();
const changedSince = new Map<ObjectType, CrmRecord[]>();
for (const type of OBJECT_TYPES) {
  byModified.set(
    type,
    [...store.list(type)].sort((a, b) => a.updatedAt - b.updatedAt),
  );
  changedSince.set(type, []);
}

function searchFrom(body: unknown): number | undefined {
  const groups = (
    body as { filterGroups?: { filters?: { operator?: string; value?: string; propertyName?: string }[] }[] }
  )?.filterGroups;
  if (groups?.length !== 1) return undefined;
  const window = groups[0]?.filters?.find(
    (filter) =>
      /lastmodifieddate$/.test(filter.propertyName ?? '') && (filter.operator === 'GTE' || filter.operator === 'EQ'),
  );
  const from = Number(window?.value);
  return Number.isFinite(from) ? from : undefined;
}

/** The store as one search sees it: for a window from `from`, only the records modified since. */
function storeFor(type: ObjectType | undefined, from: number | undefined): PortalStore {
  if (type === undefined || from === undefined) return store;
  const sorted = byModified.get(type) ?? [];
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle]?.updatedAt ?? 0) < from) low = middle + 1;
    else high = middle;
  }
  const tail = [...new Set([...sorted.slice(low), ...(changedSince.get(type) ?? [])])];
  const view = Object.create(store) as PortalStore;
  view.list = (asked: ObjectType) => (asked === type ? tail : store.list(asked));
  return view;
}

const clock = new VirtualClock(Date.parse(asOf));
const limits = new PortalLimits(
  { rate: parseRate(tier.rate), searchRate: parseRate(tier.searchRate), daily: tier.daily },
  store.account.timeZone,
);
const sent = { requests: 0, refused: 0 };
/** Requests and refusals by what they were for, so a run says where its 429s come from (logged, not the last line). */
const byPurpose = new Map<string, { requests: number; refused: number }>();

/** What a request was for: a search's census (one record, newest first), look-up (by address) or page; else its path. */
function purposeOf(method: string, path: string, body: unknown): string {
  if (!path.endsWith('/search'))
    return `${method} ${path.replace(/\/\d+/g, '/:id').replace(/^\/crm\/v\d+\/objects\//, '')}`;
  const request = body as { limit?: number; filterGroups?: { filters?: { operator?: string }[] }[] } | undefined;
  if (request?.limit === 1) return 'search: census';
  const lookup = request?.filterGroups?.some((group) => group.filters?.some((filter) => filter.operator === 'IN'));
  return lookup ? 'search: look-up' : 'search: page';
}

async function portalFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);
  const method = init?.method ?? 'GET';
  const text = typeof init?.body === 'string' ? init.body : '';
  const body: unknown = text ? JSON.parse(text) : undefined;
  await clock.sleep(LATENCY_MS / 2);
  sent.requests++;
  const purpose = purposeOf(method, url.pathname, body);
  const counted = byPurpose.get(purpose) ?? { requests: 0, refused: 0 };
  byPurpose.set(purpose, counted);
  counted.requests++;
  const matched = matchRoute(method, url.pathname);
  let result: ApiResult;
  let headers: Record<string, string> = {};
  if (matched === null) result = { status: 404, body: { status: 'error', message: 'no route' } };
  else {
    const admission = limits.admit(TOKEN, 'key' in matched && matched.search, clock.now(), clock.now());
    headers = admission.headers;
    if (!admission.allowed) {
      sent.refused++;
      counted.refused++;
      result = rateLimitError(admission.policy, POLICY_MESSAGES[admission.policy]);
    } else if (!('key' in matched)) result = matched;
    else {
      const segment = url.pathname.split('/').find((part) => (OBJECT_TYPES as readonly string[]).includes(part)) as
        | ObjectType
        | undefined;
      const view = matched.search ? storeFor(segment, searchFrom(body)) : store;
      result = matched.handle({ method, url, body, origin: url.origin }, { store: view, now: clock.now });
    }
  }
  await clock.sleep(LATENCY_MS / 2);
  const payload = result.body === undefined ? null : JSON.stringify(result.body);
  return new Response(payload, {
    status: result.status,
    // Dated on the virtual clock, as HubSpot dates its answers: the browsers read the CRM's clock from it.
    headers: {
      'content-type': 'application/json;charset=utf-8',
      date: new Date(clock.now()).toUTCString(),
      ...headers,
      ...result.headers,
    },
  });
}

// ---- The team --------------------------------------------------------------------------------------------------

interface Rep {
  index: number;
  db: LeadLensDb;
  limiter: RateLimiter;
  crm: HubSpotAdapter;
  scope: Extract<CacheScope, { kind: 'mine' }>;
  lookups: OnDemandLookups;
}

function rep(index: number): Rep {
  const db = new LeadLensDb(`bench-team-${index}`);
  const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep, random });
  const crm = new HubSpotAdapter({
    token: TOKEN,
    // The portal dates its answers on the virtual clock, and the browser times its requests on it too.
    clock: new ClockSkew(clock.now),
    baseUrl: 'https://api.hubapi.com',
    limiter,
    fetch: portalFetch,
    timeoutMs: 10 * 60_000,
    random,
  });
  const kept = new Map<string, LookupRow>();
  const lookups = new OnDemandLookups({
    search: (emails, ids) => crm.contactsByKeys(emails, ids),
    read: async (keys, now) =>
      new Map(
        keys.flatMap((key) => {
          const row = kept.get(key);
          return row && row.expiresAt > now ? [[key, row] as const] : [];
        }),
      ),
    write: async (rows) => {
      for (const row of rows) kept.set(row.key, row);
    },
    purge: async () => 0,
    now: clock.now,
    later: (run, ms) => {
      void clock.sleep(ms).then(run);
    },
  });
  return { index, db, limiter, crm, scope: { kind: 'mine', ownerId: ownerIds[index] ?? '' }, lookups };
}

const team = Array.from({ length: reps }, (_, index) => rep(index));
const syncOptions = (member: Rep) => ({
  db: member.db,
  crm: member.crm,
  now: clock.now,
  cacheScope: member.scope,
  engagementMonths: 36,
});
const requestsOf = (member: Rep) => member.limiter.counts.standard + member.limiter.counts.search;

const firstStart = clock.now();
let lastDone = firstStart;
const wall = Date.now();
await clock.run(
  Promise.all(
    team.map(async (member) => {
      await clock.sleep((60_000 * member.index) / reps);
      await runSync('full', syncOptions(member));
      lastDone = Math.max(lastDone, clock.now());
    }),
  ),
  3,
);
const firstSyncS = (lastDone - firstStart) / 1000;
const errorsPct = (100 * sent.refused) / Math.max(1, sent.requests);
const cached = await Promise.all(team.map((member) => member.db.leads.count()));
const logPurposes = () =>
  log(
    [...byPurpose]
      .sort(([, a], [, b]) => b.requests - a.requests)
      .map(([purpose, { requests, refused }]) => `${purpose}: ${requests} (${refused} refused)`)
      .join('; '),
  );
logPurposes();
byPurpose.clear();
log(
  `first syncs: ${firstSyncS.toFixed(0)} s virtual (${((Date.now() - wall) / 1000).toFixed(0)} s real), ` +
    `${sent.requests} requests, ${sent.refused} refused (${JSON.stringify(limits.refused)}); leads per rep ${Math.min(...cached)}–${Math.max(...cached)}`,
);

// ---- The working day -------------------------------------------------------------------------------------------

const dayStart = clock.now();
const dayMs = hours * 60 * 60_000;
const beforeDay = team.map(requestsOf);
const dayRequestsBefore = sent.requests;
const dayRefusedBefore = sent.refused;
const strangers = (member: Rep, n: number) => `stranger${member.index}-${n}@elsewhere.example`;
const colleaguesLead = (member: Rep) => {
  const all = store.list('contacts');
  for (;;) {
    const contact = all[Math.floor(random() * all.length)];
    const email = contact?.props.email;
    if (contact && contact.props.hubspot_owner_id !== member.scope.ownerId && typeof email === 'string' && email)
      return email;
  }
};

async function workingDay(member: Rep): Promise<void> {
  // Spread over the day: each rep's own rhythm, so the team's polls do not all fall in the same second.
  const lookupTimes = Array.from({ length: LOOKUPS_PER_DAY }, () => dayStart + random() * dayMs).sort((a, b) => a - b);
  let nextLookup = 0;
  let lastReconcile = clock.now();
  await clock.sleep(random() * SCHEDULE.activeIntervalMs);
  while (clock.now() < dayStart + dayMs) {
    const due = clock.now() - lastReconcile >= SCHEDULE.reconcileIntervalMs ? 'reconcile' : 'incremental';
    if (due === 'reconcile') lastReconcile = clock.now();
    await runSync(due, syncOptions(member));
    while (nextLookup < lookupTimes.length && (lookupTimes[nextLookup] ?? Infinity) <= clock.now()) {
      const stranger = nextLookup < STRANGERS_PER_DAY;
      await member.lookups.find(
        { emails: [stranger ? strangers(member, nextLookup) : colleaguesLead(member)], ids: [] },
        24,
      );
      nextLookup++;
    }
    await clock.sleep(SCHEDULE.activeIntervalMs);
  }
}

async function reassignments(): Promise<void> {
  const all = store.list('contacts');
  for (let n = 0; n < REASSIGNMENTS; n++) {
    await clock.sleep(dayMs / (REASSIGNMENTS + 1));
    const contact = all[Math.floor(random() * all.length)];
    if (!contact) continue;
    const to = ownerIds[Math.floor(random() * reps)] ?? '';
    store.update(contact, { hubspot_owner_id: to }, clock.now(), 'CRM_UI');
    changedSince.get('contacts')?.push(contact);
  }
}

const dayWall = Date.now();
await clock.run(Promise.all([...team.map(workingDay), reassignments()]), 3);
const dayRequests = team.map((member, index) => requestsOf(member) - (beforeDay[index] ?? 0));
const perRepDay = dayRequests.reduce((sum, count) => sum + count, 0) / reps;
const teamDay = sent.requests - dayRequestsBefore;
const dailyPct = (100 * teamDay) / tier.daily;
log(
  `day: ${hours} h virtual (${((Date.now() - dayWall) / 1000).toFixed(0)} s real), ${teamDay} requests, ` +
    `${sent.refused - dayRefusedBefore} refused (${JSON.stringify(limits.refused)} in all); per rep ${Math.min(...dayRequests)}–${Math.max(...dayRequests)}; ` +
    `look-up searches ${team.reduce((sum, member) => sum + member.lookups.searches, 0)}`,
);
logPurposes();
console.log(
  `team reps=${reps} first_sync_s=${firstSyncS.toFixed(0)} errors_pct=${errorsPct.toFixed(2)} ` +
    `requests_per_rep_day=${Math.round(perRepDay)} daily_limit_pct=${dailyPct.toFixed(1)}`,
);
