// The seeded portal generator: 30 months of a B2B sales team's CRM ending at `asOf`, with an adoption date about
// 10 months before it after which reps answer faster and more leads convert. Every number that shapes the data is a
// named constant below; the README explains them. Same seed and asOf → the same portal, byte for byte.
import { TZDate } from '@date-fns/tz';
import {
  CITIES,
  COMPANY_WORDS_A,
  COMPANY_WORDS_B,
  FIRST_NAMES,
  FREE_MAIL,
  HEBREW_FIRST_NAMES,
  HEBREW_LAST_NAMES,
  HEBREW_LATIN,
  INDUSTRIES,
  JOB_TITLES,
  LAST_NAMES,
  PRODUCTS,
} from './names.ts';
import type { ObjectType } from './objects.ts';
import { createRng, deriveSeed, type Rng } from './prng.ts';
import { type CrmRecord, iso, type Owner, type Pipeline, PortalStore, type PropertyValue } from './store.ts';

export interface GenerateOptions {
  seed: number;
  contacts: number;
  /** The end of the generated history (ISO); nothing generated is later, except open deals' expected close dates
   * and tasks due in the future, as in a real portal. */
  asOf: string;
}

export interface MalformedValue {
  objectType: ObjectType;
  id: string;
  property: string;
  value: string;
}

export interface GeneratedPortal {
  store: PortalStore;
  asOf: number;
  adoptionAt: number;
  adoptionDate: string;
  historyStart: number;
  malformed: MalformedValue[];
  mess: {
    caseDuplicateEmails: [string, string][];
    /** Contacts with a second address in \`hs_additional_emails\` (id, address): the look-ups must find them by it. */
    additionalEmails: [string, string][];
    hebrewNameIds: string[];
    htmlNameIds: string[];
    rtlOverrideNameIds: string[];
    longNameId: string;
    noOwnerContactIds: number;
    noSourceContactIds: number;
    noEmailContactIds: string[];
    dealsWithoutAmountIds: string[];
    archivedContactIds: string[];
  };
  demo: { openTimerLeadIds: string[]; inboundTimerLeadIds: string[] };
}

export const PORTAL_ID = 48151623;
export const PORTAL_TIME_ZONE = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The shape of the before/after effect. Response delays are log-normal in minutes; an adopting rep's median falls
 * from `before` to `after` at the adoption date; one rep (the control) keeps answering as before. The chance that a
 * lead qualifies is its source's base rate × a speed factor (faster answers qualify more) × `qualifyUplift` after
 * adoption for adopting reps. The realised figures are in the ground truth.
 */
export const ADOPTION_EFFECT = {
  responseMedianMinutes: { before: 210, after: 11 },
  responseSigma: { before: 1.25, after: 1.0 },
  noResponseShare: { before: 0.14, after: 0.05, unowned: 0.45 },
  automatedShare: { before: 0.3, after: 0.6 },
  qualifyUplift: 1.15,
  speedFactor: { under5: 1.6, under30: 1.3, under60: 1.1, under1440: 1.0, over1440: 0.7, never: 0.35 },
} as const;

/** Base chance a lead of each source qualifies, and a multiplier on winning: sources differ in quality. */
const SOURCE_QUALITY: Record<string, { qualify: number; win: number; weight: number }> = {
  ORGANIC_SEARCH: { qualify: 0.3, win: 1.0, weight: 24 },
  PAID_SEARCH: { qualify: 0.22, win: 0.9, weight: 16 },
  EMAIL_MARKETING: { qualify: 0.25, win: 0.95, weight: 10 },
  SOCIAL_MEDIA: { qualify: 0.12, win: 0.8, weight: 7 },
  REFERRALS: { qualify: 0.45, win: 1.3, weight: 9 },
  OTHER_CAMPAIGNS: { qualify: 0.18, win: 0.85, weight: 6 },
  DIRECT_TRAFFIC: { qualify: 0.28, win: 1.0, weight: 12 },
  OFFLINE: { qualify: 0.4, win: 1.2, weight: 5 },
  PAID_SOCIAL: { qualify: 0.1, win: 0.75, weight: 6 },
  AI_REFERRALS: { qualify: 0.32, win: 1.1, weight: 3 },
  NONE: { qualify: 0.15, win: 0.9, weight: 4 },
};

const SOURCE_DETAIL: Record<string, readonly (readonly [string, string])[]> = {
  ORGANIC_SEARCH: [
    ['google', 'Unknown keywords (SSL)'],
    ['bing', 'crm response time'],
  ],
  PAID_SEARCH: [
    ['google', 'lead response software'],
    ['bing', 'sales crm'],
  ],
  EMAIL_MARKETING: [
    ['newsletter', 'October product update'],
    ['nurture', 'Trial follow-up'],
  ],
  SOCIAL_MEDIA: [
    ['linkedin.com', 'organic post'],
    ['x.com', 'thread'],
  ],
  REFERRALS: [
    ['www.example-partner.com', 'webinar'],
    ['g2.com', 'reviews'],
  ],
  OTHER_CAMPAIGNS: [
    ['q4-launch', 'partner'],
    ['webinar', 'spring'],
  ],
  DIRECT_TRAFFIC: [['', '']],
  OFFLINE: [
    ['IMPORT', 'trade-show-2024.csv'],
    ['CRM_UI', ''],
  ],
  PAID_SOCIAL: [
    ['facebook', 'lookalike'],
    ['linkedin', 'sponsored'],
  ],
  AI_REFERRALS: [
    ['chatgpt.com', ''],
    ['perplexity.ai', ''],
  ],
};

export const SEQUENCE_IDS = ['1402311', '1402377', '1409950'] as const;
export const WORKFLOW_IDS = ['58113020', '58113188'] as const;

// HubSpot's default call outcome GUIDs (developers.hubspot.com, calls API: "hs_call_disposition").
const CALL_CONNECTED = 'f240bbac-87c9-4f6e-bf70-924b57d47db7';
const CALL_NO_ANSWER = '73a0d17f-1163-4015-bdd5-ec830791da20';
const CALL_VOICEMAIL = 'b2cf5968-551e-4856-9783-52b3da59a7d0';

const PIPELINE_DEFINED_AT = '2022-01-10T09:00:00.000Z';

function stage(id: string, label: string, order: number, probability: string, isClosed: boolean) {
  return {
    id,
    label,
    displayOrder: order,
    // HubSpot sends stage metadata as strings.
    metadata: { isClosed: String(isClosed), probability },
    createdAt: PIPELINE_DEFINED_AT,
    updatedAt: PIPELINE_DEFINED_AT,
    archived: false,
    writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
  };
}

/** The default sales pipeline with HubSpot's default stage ids, and a second pipeline with numeric custom ids. */
export function buildPipelines(): Pipeline[] {
  return [
    {
      id: 'default',
      label: 'Sales Pipeline',
      displayOrder: 0,
      createdAt: PIPELINE_DEFINED_AT,
      updatedAt: PIPELINE_DEFINED_AT,
      archived: false,
      stages: [
        stage('appointmentscheduled', 'Appointment Scheduled', 0, '0.2', false),
        stage('qualifiedtobuy', 'Qualified To Buy', 1, '0.4', false),
        stage('presentationscheduled', 'Presentation Scheduled', 2, '0.6', false),
        stage('decisionmakerboughtin', 'Decision Maker Bought-In', 3, '0.8', false),
        stage('contractsent', 'Contract Sent', 4, '0.9', false),
        stage('closedwon', 'Closed Won', 5, '1.0', true),
        stage('closedlost', 'Closed Lost', 6, '0.0', true),
      ],
    },
    {
      id: '75302881',
      label: 'Expansion & Renewals',
      displayOrder: 1,
      createdAt: PIPELINE_DEFINED_AT,
      updatedAt: PIPELINE_DEFINED_AT,
      archived: false,
      stages: [
        stage('139874512', 'Discovery', 0, '0.1', false),
        stage('139874513', 'Proposal', 1, '0.5', false),
        stage('139874514', 'Verbal Yes', 2, '0.85', false),
        stage('139874515', 'Won', 3, '1.0', true),
        stage('139874516', 'Lost', 4, '0.0', true),
      ],
    },
  ];
}

const OWNER_SPECS: readonly (readonly [string, string, boolean])[] = [
  ['Maya', 'Levi', true],
  ['James', 'Carter', true],
  ['Sofia', 'Rossi', true],
  ['Daniel', 'Kim', true],
  ['Priya', 'Shah', true],
  // The control: this rep never adopts LeadLens, so a control segment has something to show.
  ['Tom', 'Becker', false],
];

export function buildOwners(): Owner[] {
  const owners: Owner[] = OWNER_SPECS.map(([firstName, lastName, adopts], index) => ({
    id: String(61_234_501 + index * 7),
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@northwind-demo.com`,
    firstName,
    lastName,
    userId: 9_100_200 + index * 13,
    userIdIncludingInactive: 9_100_200 + index * 13,
    createdAt: '2022-01-10T09:00:00.000Z',
    updatedAt: '2024-03-02T11:15:00.000Z',
    archived: false,
    type: 'PERSON',
    teams: [{ id: '4411', name: index < 3 ? 'Inbound' : 'Outbound', primary: true }],
    adopts,
  }));
  owners.push({
    id: '61234599',
    email: 'leads-queue@northwind-demo.com',
    firstName: 'Inbound',
    lastName: 'Queue',
    userId: 9_100_999,
    userIdIncludingInactive: 9_100_999,
    createdAt: '2022-01-10T09:00:00.000Z',
    updatedAt: '2022-01-10T09:00:00.000Z',
    archived: false,
    type: 'QUEUE',
    teams: [],
    adopts: true,
  });
  return owners;
}

/** Local midnight in the portal's zone of the date `months` calendar months before `at` (day clamped to 28). */
function localMidnightMonthsBefore(at: number, months: number): TZDate {
  const local = new TZDate(at, PORTAL_TIME_ZONE);
  const result = new TZDate(
    local.getFullYear(),
    local.getMonth() - months,
    Math.min(local.getDate(), 28),
    PORTAL_TIME_ZONE,
  );
  return result;
}

function localDateString(date: TZDate): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

interface PendingEngagement {
  type: ObjectType;
  at: number;
  createdAt: number;
  contactId: number;
  companyId: number | null;
  dealKey: number | null;
  props: Record<string, PropertyValue>;
  sourceType: string;
}

interface PendingDeal {
  key: number;
  contactId: number | null;
  companyId: number | null;
  createdAt: number;
  updatedAt: number;
  props: Record<string, PropertyValue>;
  stagePath: [string, number][];
}

interface PendingFeedback {
  at: number;
  contactId: number;
  props: Record<string, PropertyValue>;
}

/** Creation instants with a growing trend and fewer leads at weekends and at night (portal time, roughly). */
function creationTimes(rng: Rng, count: number, start: number, end: number): Float64Array {
  const times = new Float64Array(count);
  const growth = 0.6;
  const span = end - start;
  for (let i = 0; i < count; i++) {
    let at = 0;
    for (let attempt = 0; attempt < 4; attempt++) {
      // Inverse CDF of a linear density 1 + growth·x on [0, 1].
      const u = rng.next() * (1 + growth / 2);
      const x = (-1 + Math.sqrt(1 + 2 * growth * u)) / growth;
      const day = Math.floor((x * span) / DAY);
      // Office hours in New York are about 13:00–23:00 UTC; three leads in four arrive then.
      const minuteOfDay = rng.chance(0.75) ? rng.int(13 * 60, 23 * 60 - 1) : rng.int(0, 24 * 60 - 1);
      at = start + day * DAY + minuteOfDay * MINUTE + rng.int(0, 59) * 1000;
      const weekday = new Date(at - 5 * HOUR).getUTCDay();
      if ((weekday !== 0 && weekday !== 6) || rng.chance(0.35)) break;
    }
    times[i] = Math.min(Math.max(at, start), end);
  }
  times.sort();
  return times;
}

function speedFactor(minutes: number | null): number {
  const f = ADOPTION_EFFECT.speedFactor;
  if (minutes === null) return f.never;
  if (minutes < 5) return f.under5;
  if (minutes < 30) return f.under30;
  if (minutes < 60) return f.under60;
  if (minutes < 1440) return f.under1440;
  return f.over1440;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * The most contacts a generated portal holds: a larger count is generated at this size. Every record is a live object
 * in the process's heap, about 840 bytes each: a million contacts make 4 534 070 records, 3.8 GB of heap, generated in
 * 3.5 minutes here (run the process with --max-old-space-size, as bench:sync's million run does).
 */
export const MAX_GENERATED_CONTACTS = 1_000_000;

export function generatePortal(options: GenerateOptions): GeneratedPortal {
  const asOf = Date.parse(options.asOf);
  if (!Number.isFinite(asOf)) throw new Error(`invalid asOf: ${options.asOf}`);
  const contactCount = Math.max(50, Math.min(MAX_GENERATED_CONTACTS, Math.floor(options.contacts)));
  const rng = createRng(deriveSeed(options.seed, 'portal'));
  const messRng = createRng(deriveSeed(options.seed, 'mess'));
  // Second addresses draw from their own stream, so adding them changed nothing else a seed gives.
  const secondRng = createRng(deriveSeed(options.seed, 'second-address'));
  // Owner assignment and deal stage dates have streams of their own: adding them left every other value as it was.
  const assignRng = createRng(deriveSeed(options.seed, 'owner-assigned'));
  const stageRng = createRng(deriveSeed(options.seed, 'stage-dates'));

  const adoption = localMidnightMonthsBefore(asOf, 10);
  const adoptionAt = adoption.getTime();
  const historyStart = localMidnightMonthsBefore(asOf, 30).getTime();
  const offsetMinutes = -new TZDate(asOf, PORTAL_TIME_ZONE).getTimezoneOffset();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const owners = buildOwners();
  const pipelines = buildPipelines();
  const store = new PortalStore(
    {
      portalId: PORTAL_ID,
      accountType: 'STANDARD',
      timeZone: PORTAL_TIME_ZONE,
      companyCurrency: 'USD',
      additionalCurrencies: ['EUR'],
      utcOffset: `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
      utcOffsetMilliseconds: offsetMinutes * MINUTE,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    },
    owners,
    pipelines,
  );
  const reps = owners.filter((owner) => owner.type === 'PERSON');
  const queue = owners.find((owner) => owner.type === 'QUEUE');

  // --- Companies -------------------------------------------------------------------------------------------------
  const companyCount = Math.max(5, Math.round(contactCount / 4));
  const companyTimes = creationTimes(rng, companyCount, historyStart - 90 * DAY, asOf - 4 * HOUR);
  let nextCompanyId = 5_000_101;
  const companies: CrmRecord[] = [];
  const usedDomains = new Set<string>();
  for (let i = 0; i < companyCount; i++) {
    const createdAt = companyTimes[i] ?? historyStart;
    let name = `${rng.pick(COMPANY_WORDS_A)} ${rng.pick(COMPANY_WORDS_B)}`;
    let domain = `${slug(name)}.example`;
    if (usedDomains.has(domain)) {
      name = `${name} ${i}`;
      domain = `${slug(name)}.example`;
    }
    usedDomains.add(domain);
    const [city, country] = rng.pick(CITIES);
    const record: CrmRecord = {
      id: nextCompanyId,
      type: 'companies',
      createdAt,
      updatedAt: Math.min(asOf, createdAt + rng.int(0, 200) * DAY),
      archived: false,
      archivedAt: null,
      props: {
        name,
        domain,
        industry: rng.pick(INDUSTRIES),
        city,
        country,
        numberofemployees: String(
          rng.weighted([
            [rng.int(2, 20), 4],
            [rng.int(21, 200), 4],
            [rng.int(201, 5000), 2],
          ] as const),
        ),
        hubspot_owner_id: rng.pick(reps).id,
        lifecyclestage: 'lead',
      },
      sourceType: 'CRM_UI',
      changes: null,
      searchShadow: null,
    };
    nextCompanyId += rng.int(1, 3);
    companies.push(record);
    store.insert(record);
  }

  // --- Contacts and their journeys -------------------------------------------------------------------------------
  const freshCount = 3;
  const regularCount = contactCount - freshCount;
  const times = creationTimes(rng, regularCount, historyStart, asOf - 3 * HOUR);
  const engagements: PendingEngagement[] = [];
  const deals: PendingDeal[] = [];
  const feedback: PendingFeedback[] = [];
  let dealKey = 0;

  // Deterministic places for the mess, chosen among the regular contacts.
  const specialIndex = (fraction: number) => Math.min(regularCount - 1, Math.floor(regularCount * fraction));
  const htmlIndexes = new Set([specialIndex(0.37), specialIndex(0.81)]);
  const rloIndexes = new Set([specialIndex(0.52), specialIndex(0.93)]);
  const longNameIndex = specialIndex(0.64);
  const badEmailIndex = specialIndex(0.71);
  const badScoreIndex = specialIndex(0.28);

  const sourceWeights = Object.entries(SOURCE_QUALITY).map(([source, q]) => [source, q.weight] as const);
  const contactIds: number[] = [];
  let nextContactId = 100_151;
  const mess: GeneratedPortal['mess'] = {
    caseDuplicateEmails: [],
    additionalEmails: [],
    hebrewNameIds: [],
    htmlNameIds: [],
    rtlOverrideNameIds: [],
    longNameId: '',
    noOwnerContactIds: 0,
    noSourceContactIds: 0,
    noEmailContactIds: [],
    dealsWithoutAmountIds: [],
    archivedContactIds: [],
  };
  const malformed: MalformedValue[] = [];
  const demo: GeneratedPortal['demo'] = { openTimerLeadIds: [], inboundTimerLeadIds: [] };

  const addTouch = (
    type: ObjectType,
    at: number,
    contact: CrmRecord,
    companyId: number | null,
    props: Record<string, PropertyValue>,
    sourceType = 'CRM_UI',
    deal: number | null = null,
  ): boolean => {
    // Nothing of the past is later than asOf; only tasks may be due in the future.
    if (at > asOf && type !== 'tasks') return false;
    const createdAt = type === 'tasks' ? Math.min(at, asOf) - rng.int(0, 3) * DAY : at + rng.int(0, 90) * 1000;
    engagements.push({
      type,
      at,
      createdAt: Math.min(Math.max(createdAt, contact.createdAt), asOf),
      contactId: contact.id,
      companyId,
      dealKey: deal,
      props: { hs_timestamp: iso(at), ...props },
      sourceType,
    });
    return true;
  };

  for (let index = 0; index < contactCount; index++) {
    const fresh = index >= regularCount;
    const createdAt = fresh ? asOf - (2 * HOUR - (index - regularCount) * 40 * MINUTE) : (times[index] ?? historyStart);
    const id = nextContactId;
    nextContactId += rng.int(1, 4);
    contactIds.push(id);

    // Who they are.
    const hebrew = !fresh && messRng.chance(0.03);
    let firstname: string = hebrew ? messRng.pick(HEBREW_FIRST_NAMES) : rng.pick(FIRST_NAMES);
    let lastname: string = hebrew ? messRng.pick(HEBREW_LAST_NAMES) : rng.pick(LAST_NAMES);
    const latinFirst = hebrew ? (HEBREW_LATIN[firstname] ?? 'x') : slug(firstname);
    const latinLast = hebrew ? (HEBREW_LATIN[lastname] ?? 'x') : slug(lastname);
    const company = rng.chance(0.7) ? rng.pick(companies) : null;
    const domain = company?.props.domain ?? rng.pick(FREE_MAIL);
    let email: string | null = `${latinFirst}.${latinLast}${company ? '' : rng.int(1, 999)}@${domain}`;
    if (htmlIndexes.has(index)) {
      firstname = '<img src=x onerror=alert(1)>';
      lastname = index === specialIndex(0.37) ? 'Smith' : '<b>Bold</b> & "quoted"';
    }
    if (rloIndexes.has(index)) firstname = `Ann\u202Eexe.lmth`;
    if (index === longNameIndex) lastname = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(143).slice(0, 5000);
    // One in a hundred leads has the address of an earlier lead in another case.
    if (index > 10 && messRng.chance(0.01)) {
      const earlierId = contactIds[messRng.int(0, index - 1)];
      const earlier = earlierId === undefined ? undefined : store.get('contacts', earlierId);
      const earlierEmail = earlier?.props.email;
      if (earlier && earlierEmail) {
        email = earlierEmail.toUpperCase() === earlierEmail ? earlierEmail.toLowerCase() : earlierEmail.toUpperCase();
        mess.caseDuplicateEmails.push([String(earlier.id), String(id)]);
      }
    }
    if (!fresh && messRng.chance(0.01)) email = null;
    if (index === badEmailIndex) email = 'jane.doe(at)example.com';
    // One lead in twenty also writes from a second address, which HubSpot keeps in hs_additional_emails
    // (several are separated by semicolons).
    const secondEmail =
      email && secondRng.chance(0.05)
        ? `${latinFirst}.${latinLast}.${secondRng.int(1, 99)}@${secondRng.pick(FREE_MAIL)}`
        : null;

    const sourceKey = fresh ? 'ORGANIC_SEARCH' : rng.weighted(sourceWeights);
    const source = sourceKey === 'NONE' ? null : sourceKey;
    const quality = SOURCE_QUALITY[sourceKey] ?? { qualify: 0.2, win: 1, weight: 1 };
    const ownerRoll = rng.next();
    const owner: Owner | null = fresh
      ? (reps[index % reps.length] ?? null)
      : ownerRoll < 0.06
        ? null
        : ownerRoll < 0.14
          ? (queue ?? null)
          : rng.pick(reps);
    const [city, country] = rng.pick(CITIES);
    const detail = source ? rng.pick(SOURCE_DETAIL[source] ?? [['', '']]) : null;

    const contact: CrmRecord = {
      id,
      type: 'contacts',
      createdAt,
      updatedAt: createdAt,
      archived: false,
      archivedAt: null,
      props: {
        email,
        hs_additional_emails: secondEmail,
        firstname,
        lastname,
        phone: rng.chance(0.6) ? `+1 ${rng.int(201, 989)}-555-${String(rng.int(0, 9999)).padStart(4, '0')}` : null,
        company: company?.props.name ?? null,
        jobtitle: rng.chance(0.7) ? rng.pick(JOB_TITLES) : null,
        city,
        country,
        hubspot_owner_id: owner?.id ?? null,
        hs_analytics_source: source,
        hs_analytics_source_data_1: detail?.[0] || null,
        hs_analytics_source_data_2: detail?.[1] || null,
      },
      sourceType: source === 'OFFLINE' ? 'IMPORT' : 'FORM',
      changes: null,
      searchShadow: null,
    };
    if (!owner) mess.noOwnerContactIds++;
    if (!source) mess.noSourceContactIds++;
    if (!email) mess.noEmailContactIds.push(String(id));
    if (secondEmail) mess.additionalEmails.push([String(id), secondEmail]);
    if (hebrew) mess.hebrewNameIds.push(String(id));
    if (htmlIndexes.has(index)) mess.htmlNameIds.push(String(id));
    if (rloIndexes.has(index)) mess.rtlOverrideNameIds.push(String(id));
    if (index === longNameIndex) mess.longNameId = String(id);
    if (index === badEmailIndex) {
      malformed.push({ objectType: 'contacts', id: String(id), property: 'email', value: 'jane.doe(at)example.com' });
    }

    const after = createdAt >= adoptionAt;
    const adopting = after && (owner?.adopts ?? true);
    const companyId = company?.id ?? null;
    const stageDates: Partial<Record<string, number>> = {};
    let lifecycle = source === 'EMAIL_MARKETING' && rng.chance(0.4) ? 'subscriber' : 'lead';
    stageDates[lifecycle] = createdAt;
    let leadStatus: string | null = 'NEW';
    const worker = owner && owner.type === 'PERSON' ? owner : rng.pick(reps);
    const worker2 = worker;
    const emailTo = email ?? '';

    // An automatic "thanks for your inquiry" (a sequence or workflow) within minutes: it must not stop the clock.
    const automatedShare = after ? ADOPTION_EFFECT.automatedShare.after : ADOPTION_EFFECT.automatedShare.before;
    if ((!fresh && rng.chance(automatedShare)) || index === regularCount + 1) {
      const bySequence = rng.chance(0.6);
      addTouch(
        'emails',
        createdAt + rng.int(1, 5) * MINUTE,
        contact,
        companyId,
        {
          hs_email_direction: 'EMAIL',
          hs_email_subject: bySequence ? 'Thanks for reaching out' : 'Your guide is on its way',
          hs_email_text: 'Thanks for your inquiry — someone from our team will be in touch shortly.',
          hs_email_status: 'SENT',
          hs_email_from_email: bySequence ? worker.email : 'hello@northwind-demo.com',
          hs_email_to_email: emailTo,
          hubspot_owner_id: worker.id,
          hs_engagement_source: bySequence ? 'SEQUENCES' : 'AUTOMATION_PLATFORM',
          hs_engagement_source_id: bySequence ? rng.pick(SEQUENCE_IDS) : rng.pick(WORKFLOW_IDS),
        },
        bySequence ? 'SEQUENCES' : 'AUTOMATION_PLATFORM',
      );
    }

    // The first human response.
    let responseAt: number | null = null;
    if (!fresh || index === regularCount + 2) {
      const noResponse = !owner
        ? ADOPTION_EFFECT.noResponseShare.unowned
        : adopting
          ? ADOPTION_EFFECT.noResponseShare.after
          : ADOPTION_EFFECT.noResponseShare.before;
      if (fresh || !rng.chance(noResponse)) {
        const median = adopting
          ? ADOPTION_EFFECT.responseMedianMinutes.after
          : ADOPTION_EFFECT.responseMedianMinutes.before;
        const sigma = adopting ? ADOPTION_EFFECT.responseSigma.after : ADOPTION_EFFECT.responseSigma.before;
        let minutes = rng.logNormal(median, sigma) * (owner?.type === 'QUEUE' ? 1.8 : 1);
        if (fresh) minutes = 7;
        const at = createdAt + Math.round(minutes * MINUTE);
        if (at <= asOf) {
          responseAt = at;
          const kind = fresh
            ? 'emails'
            : rng.weighted([
                ['emails', 55],
                ['calls', 38],
                ['meetings', 7],
              ] as const);
          if (kind === 'emails') {
            addTouch('emails', at, contact, companyId, {
              hs_email_direction: 'EMAIL',
              hs_email_subject: `Re: your inquiry${company ? ` — ${company.props.name}` : ''}`,
              hs_email_text: `Hi ${firstname}, thanks for getting in touch. Do you have 15 minutes this week?`,
              hs_email_status: 'SENT',
              hs_email_from_email: worker.email,
              hs_email_to_email: emailTo,
              hubspot_owner_id: worker.id,
              hs_engagement_source: rng.chance(0.5) ? 'CRM_UI' : 'EMAIL_INTEGRATION',
            });
          } else if (kind === 'calls') {
            const connected = rng.chance(0.45);
            addTouch('calls', at, contact, companyId, {
              hs_call_title: `Call with ${firstname}`,
              hs_call_body: connected ? 'Discussed needs and next steps.' : 'No answer.',
              hs_call_direction: 'OUTBOUND',
              hs_call_duration: String(connected ? rng.int(120, 1500) * 1000 : rng.int(0, 40) * 1000),
              hs_call_status: connected ? 'COMPLETED' : 'NO_ANSWER',
              hs_call_disposition: connected ? CALL_CONNECTED : rng.chance(0.5) ? CALL_NO_ANSWER : CALL_VOICEMAIL,
              hubspot_owner_id: worker.id,
              hs_engagement_source: 'CRM_UI',
            });
          } else {
            addTouch('meetings', at, contact, companyId, {
              hs_meeting_title: `Intro with ${firstname}`,
              hs_meeting_start_time: iso(at),
              hs_meeting_end_time: iso(at + 30 * MINUTE),
              hs_meeting_outcome: 'COMPLETED',
              hubspot_owner_id: worker.id,
              hs_engagement_source: 'MEETINGS',
            });
          }
          leadStatus = rng.chance(0.5) ? 'CONNECTED' : 'IN_PROGRESS';
        }
      }
    }
    const responseMinutes = responseAt === null ? null : (responseAt - createdAt) / MINUTE;
    if (responseAt === null && !fresh && createdAt < asOf - 7 * DAY) leadStatus = 'ATTEMPTED_TO_CONTACT';
    if (fresh && index !== regularCount + 2) demo.openTimerLeadIds.push(String(id));

    // Inbound replies and the rep's answers to them.
    if (responseAt !== null) {
      const inboundAt = fresh ? asOf - 25 * MINUTE : responseAt + Math.round(rng.logNormal(6 * 60, 1.2) * MINUTE);
      if ((fresh || rng.chance(0.45)) && inboundAt <= asOf) {
        addTouch('emails', inboundAt, contact, companyId, {
          hs_email_direction: 'INCOMING_EMAIL',
          hs_email_subject: 'Re: your inquiry',
          hs_email_text: 'Thanks! Could you send pricing for a team of 12?',
          hs_email_status: 'SENT',
          hs_email_from_email: emailTo,
          hs_email_to_email: worker.email,
          hubspot_owner_id: worker.id,
          hs_engagement_source: 'EMAIL_INTEGRATION',
        });
        const replyMinutes = rng.logNormal(adopting ? 25 : 180, 1.1);
        const replyAt = inboundAt + Math.round(replyMinutes * MINUTE);
        if (!fresh && rng.chance(0.85) && replyAt <= asOf) {
          addTouch('emails', replyAt, contact, companyId, {
            hs_email_direction: 'EMAIL',
            hs_email_subject: 'Re: Re: your inquiry',
            hs_email_text: 'Here is our pricing sheet — happy to walk you through it.',
            hs_email_status: 'SENT',
            hs_email_from_email: worker.email,
            hs_email_to_email: emailTo,
            hubspot_owner_id: worker.id,
            hs_engagement_source: 'EMAIL_INTEGRATION',
          });
        } else if (fresh) {
          demo.inboundTimerLeadIds.push(String(id));
        }
      }
      if (rng.chance(0.05)) {
        const callAt = responseAt + rng.int(1, 20) * DAY;
        addTouch('calls', callAt, contact, companyId, {
          hs_call_title: `Inbound call from ${firstname}`,
          hs_call_direction: 'INBOUND',
          hs_call_duration: String(rng.int(60, 900) * 1000),
          hs_call_status: 'COMPLETED',
          hs_call_disposition: CALL_CONNECTED,
          hubspot_owner_id: worker.id,
          hs_engagement_source: 'CRM_UI',
        });
      }
      if (rng.chance(0.35)) {
        addTouch('notes', responseAt + rng.int(5, 60 * 24 * 5) * MINUTE, contact, companyId, {
          hs_note_body: rng.pick([
            'Budget confirmed for next quarter.',
            'Asked for a case study in their industry.',
            'Using a competitor today; contract ends in spring.',
            'Decision maker is the COO.',
          ]),
          hubspot_owner_id: worker.id,
          hs_engagement_source: 'CRM_UI',
        });
      }
    } else if (!fresh && rng.chance(0.05)) {
      // The lead writes again while still waiting for a first answer.
      addTouch('emails', createdAt + rng.int(60, 3 * 24 * 60) * MINUTE, contact, companyId, {
        hs_email_direction: 'INCOMING_EMAIL',
        hs_email_subject: 'Following up on my request',
        hs_email_text: 'Is anyone there?',
        hs_email_status: 'SENT',
        hs_email_from_email: emailTo,
        hs_email_to_email: 'hello@northwind-demo.com',
        hubspot_owner_id: worker.id,
        hs_engagement_source: 'EMAIL_INTEGRATION',
      });
    }
    if (!fresh && rng.chance(0.35)) {
      const due = createdAt + rng.int(1, 10) * DAY;
      const bySequence = rng.chance(0.3);
      addTouch(
        'tasks',
        due,
        contact,
        companyId,
        {
          hs_task_subject: bySequence ? `Sequence step: call ${firstname}` : `Follow up with ${firstname}`,
          hs_task_status: due < asOf - DAY ? 'COMPLETED' : 'NOT_STARTED',
          hs_task_priority: rng.pick(['NONE', 'LOW', 'MEDIUM', 'HIGH']),
          hs_task_type: rng.pick(['CALL', 'EMAIL', 'TODO']),
          hubspot_owner_id: worker.id,
          hs_engagement_source: bySequence ? 'SEQUENCES' : 'CRM_UI',
        },
        bySequence ? 'SEQUENCES' : 'CRM_UI',
      );
    }

    // Lifecycle progression, qualification, deals.
    const qualifyChance = Math.min(
      0.92,
      quality.qualify * speedFactor(responseMinutes) * (adopting ? ADOPTION_EFFECT.qualifyUplift : 1),
    );
    const mqlAt = createdAt + Math.round(rng.logNormal(0.8, 1) * DAY);
    const qualifies = !fresh && rng.chance(qualifyChance);
    if ((qualifies || rng.chance(0.25)) && mqlAt <= asOf && !fresh) {
      stageDates.marketingqualifiedlead = mqlAt;
      lifecycle = 'marketingqualifiedlead';
    }
    let lastTouch = responseAt ?? createdAt;
    if (qualifies) {
      const sqlAt = Math.max(mqlAt, responseAt ?? createdAt) + Math.round(rng.logNormal(4, 0.8) * DAY);
      if (sqlAt <= asOf) {
        stageDates.salesqualifiedlead = sqlAt;
        lifecycle = 'salesqualifiedlead';
        leadStatus = 'IN_PROGRESS';
        if (rng.chance(0.7)) {
          const meetingAt = sqlAt - rng.int(1, 20) * HOUR;
          addTouch('meetings', meetingAt, contact, companyId, {
            hs_meeting_title: 'Discovery call',
            hs_meeting_start_time: iso(meetingAt),
            hs_meeting_end_time: iso(meetingAt + 45 * MINUTE),
            hs_meeting_outcome: rng.chance(0.9) ? 'COMPLETED' : 'NO_SHOW',
            hubspot_owner_id: worker2.id,
            hs_engagement_source: 'MEETINGS',
          });
        }
        if (rng.chance(0.72)) {
          const dealCreatedAt = sqlAt + Math.round(rng.logNormal(3, 0.8) * DAY);
          if (dealCreatedAt <= asOf) {
            stageDates.opportunity = dealCreatedAt;
            lifecycle = 'opportunity';
            leadStatus = 'OPEN_DEAL';
            const winChance = Math.min(0.85, 0.36 * Math.sqrt(speedFactor(responseMinutes)) * quality.win);
            const outcome = makeDeal(rng, {
              key: dealKey++,
              contact,
              companyId,
              companyName: company?.props.name ?? null,
              owner: worker2,
              createdAt: dealCreatedAt,
              asOf,
              winChance,
              pipeline: pipelines[0],
              deals,
            });
            // Follow-ups during the deal.
            for (let n = rng.int(0, 3); n > 0; n--) {
              const at = dealCreatedAt + rng.int(1, 30) * DAY + rng.int(0, 600) * MINUTE;
              const kind = rng.chance(0.5) ? 'emails' : 'calls';
              addTouch(
                kind,
                at,
                contact,
                companyId,
                kind === 'emails'
                  ? {
                      hs_email_direction: 'EMAIL',
                      hs_email_subject: 'Proposal and next steps',
                      hs_email_text: 'Attached is the proposal we discussed.',
                      hs_email_status: 'SENT',
                      hs_email_from_email: worker2.email,
                      hs_email_to_email: emailTo,
                      hubspot_owner_id: worker2.id,
                      hs_engagement_source: 'EMAIL_INTEGRATION',
                    }
                  : {
                      hs_call_title: 'Proposal review',
                      hs_call_direction: 'OUTBOUND',
                      hs_call_duration: String(rng.int(300, 2400) * 1000),
                      hs_call_status: 'COMPLETED',
                      hs_call_disposition: CALL_CONNECTED,
                      hubspot_owner_id: worker2.id,
                      hs_engagement_source: 'CRM_UI',
                    },
                'CRM_UI',
                outcome.key,
              );
            }
            if (outcome.won && outcome.closedAt !== null) {
              stageDates.customer = outcome.closedAt;
              lifecycle = 'customer';
              leadStatus = null;
              lastTouch = Math.max(lastTouch, outcome.closedAt);
              // Satisfied customers answer the NPS survey some weeks later.
              const npsAt = outcome.closedAt + rng.int(20, 60) * DAY;
              if (rng.chance(0.55) && npsAt <= asOf) {
                const shift = npsAt >= adoptionAt ? 0.6 : 0;
                const score = Math.max(0, Math.min(10, Math.round(rng.normal() * 2 + 7.6 + shift)));
                feedback.push({ at: npsAt, contactId: id, props: npsProps(score) });
              }
              // A quarter of customers buy again, in the expansion pipeline.
              if (rng.chance(0.25)) {
                makeDeal(rng, {
                  key: dealKey++,
                  contact,
                  companyId,
                  companyName: company?.props.name ?? null,
                  owner: worker2,
                  createdAt: outcome.closedAt + rng.int(30, 200) * DAY,
                  asOf,
                  winChance: 0.6,
                  pipeline: pipelines[1],
                  deals,
                });
              }
            } else if (outcome.closedAt !== null) {
              leadStatus = rng.chance(0.6) ? 'UNQUALIFIED' : 'BAD_TIMING';
            }
          }
        }
      }
    } else if (responseAt !== null && rng.chance(0.2) && !fresh) {
      leadStatus = 'UNQUALIFIED';
    }
    if (responseAt !== null && rng.chance(0.1)) {
      const csatAt = responseAt + rng.int(2, 20) * DAY;
      if (csatAt <= asOf) {
        const shift = csatAt >= adoptionAt ? 0.3 : 0;
        const score = Math.max(1, Math.min(5, Math.round(rng.normal() * 0.9 + 3.7 + shift)));
        feedback.push({ at: csatAt, contactId: id, props: csatProps(score) });
      }
    }

    for (const [stageName, at] of Object.entries(stageDates)) {
      if (at !== undefined) {
        contact.props[`hs_lifecyclestage_${stageName}_date`] = iso(at);
        lastTouch = Math.max(lastTouch, at);
      }
    }
    contact.props.lifecyclestage = lifecycle;
    contact.props.hs_lead_status = leadStatus;
    const score = Math.round(Math.min(100, Math.max(0, rng.normal() * 15 + 35 + (qualifies ? 30 : 0))));
    contact.props.hubspotscore = index === badScoreIndex ? 'high' : String(score);
    if (index === badScoreIndex) {
      malformed.push({ objectType: 'contacts', id: String(id), property: 'hubspotscore', value: 'high' });
    }
    contact.updatedAt = Math.min(asOf, Math.max(createdAt, lastTouch + rng.int(0, 120) * MINUTE));
    if (owner) {
      const assignedAt = ownerAssignedAt(assignRng, createdAt, responseAt, asOf);
      contact.props.hubspot_owner_assigneddate = iso(assignedAt);
      // Assigning an owner is a write: the contact was modified then at the latest.
      contact.updatedAt = Math.max(contact.updatedAt, assignedAt);
    }
    store.insert(contact);
    if (company) {
      store.associate('contacts', id, 'companies', company.id);
      if (stageDates.customer !== undefined) company.props.lifecyclestage = 'customer';
    }
  }

  // Deals without a contact: created by hand, e.g. from a partner.
  const orphanDeals = Math.max(1, Math.round(contactCount * 0.003));
  for (let i = 0; i < orphanDeals; i++) {
    const company = rng.pick(companies);
    makeDeal(rng, {
      key: dealKey++,
      contact: null,
      companyId: company.id,
      companyName: company.props.name ?? null,
      owner: rng.pick(reps),
      createdAt: historyStart + rng.next() * (asOf - historyStart - DAY),
      asOf,
      winChance: 0.4,
      pipeline: pipelines[0],
      deals,
    });
  }

  // --- Deals: ids in creation order ------------------------------------------------------------------------------
  deals.sort((a, b) => a.createdAt - b.createdAt || a.key - b.key);
  const dealIdByKey = new Map<number, number>();
  let nextDealId = 9_000_001_001;
  const amountRng = createRng(deriveSeed(options.seed, 'amounts'));
  for (const pending of deals) {
    if (amountRng.chance(0.04)) {
      pending.props.amount = null;
      pending.props.amount_in_home_currency = null;
    }
    const record: CrmRecord = {
      id: nextDealId,
      type: 'deals',
      createdAt: pending.createdAt,
      updatedAt: pending.updatedAt,
      archived: false,
      archivedAt: null,
      props: pending.props,
      sourceType: 'CRM_UI',
      changes: null,
      stagePath: pending.stagePath,
      searchShadow: null,
    };
    record.stagePath = withSkippedStages(stageRng, pending.stagePath);
    for (const [stageId, at] of record.stagePath) record.props[`hs_v2_date_entered_${stageId}`] = iso(at);
    if (record.props.amount === null) mess.dealsWithoutAmountIds.push(String(record.id));
    dealIdByKey.set(pending.key, record.id);
    nextDealId += amountRng.int(1, 5);
    store.insert(record);
    if (pending.contactId !== null) store.associate('deals', record.id, 'contacts', pending.contactId);
    if (pending.companyId !== null) store.associate('deals', record.id, 'companies', pending.companyId);
  }
  // One genuinely malformed amount, kept permanently (unlike injected faults).
  const malformedDeal = store.list('deals').find((deal) => deal.props.amount !== null);
  if (malformedDeal) {
    malformedDeal.props.amount = 'abc';
    malformedDeal.props.amount_in_home_currency = null;
    malformed.push({ objectType: 'deals', id: String(malformedDeal.id), property: 'amount', value: 'abc' });
  }
  // A garbled owner assignment date and stage-entry date (an import or integration wrote text): the sync keeps the
  // record without that date and lists it. Neither is the current stage's date, nor on a record already listed.
  const listed = new Set(malformed.map((entry) => entry.id));
  const allContacts = store.list('contacts');
  const garbledContact = allContacts
    .slice(Math.floor(allContacts.length * 0.46))
    .find((contact) => contact.props.hubspot_owner_assigneddate && !listed.has(String(contact.id)));
  if (garbledContact) {
    garbledContact.props.hubspot_owner_assigneddate = 'last Tuesday';
    malformed.push({
      objectType: 'contacts',
      id: String(garbledContact.id),
      property: 'hubspot_owner_assigneddate',
      value: 'last Tuesday',
    });
  }
  const garbledDeal = store
    .list('deals')
    .find((deal) => (deal.stagePath?.length ?? 0) >= 3 && !listed.has(String(deal.id)));
  const firstStage = garbledDeal?.stagePath?.[0]?.[0];
  if (garbledDeal && firstStage) {
    const property = `hs_v2_date_entered_${firstStage}`;
    garbledDeal.props[property] = 'soon';
    malformed.push({ objectType: 'deals', id: String(garbledDeal.id), property, value: 'soon' });
  }

  // --- Engagements: ids per type in creation order ---------------------------------------------------------------
  engagements.sort((a, b) => a.createdAt - b.createdAt || a.contactId - b.contactId || a.at - b.at);
  const engagementBase: Partial<Record<ObjectType, number>> = {
    emails: 30_000_000_001,
    calls: 31_000_000_001,
    meetings: 32_000_000_001,
    notes: 33_000_000_001,
    tasks: 34_000_000_001,
  };
  for (const pending of engagements) {
    const id = engagementBase[pending.type] ?? 1;
    engagementBase[pending.type] = id + 1 + (id % 3);
    const record: CrmRecord = {
      id,
      type: pending.type,
      createdAt: pending.createdAt,
      updatedAt: pending.createdAt,
      archived: false,
      archivedAt: null,
      props: pending.props,
      sourceType: pending.sourceType,
      changes: null,
      searchShadow: null,
    };
    store.insert(record);
    store.associate(pending.type, id, 'contacts', pending.contactId);
    if (pending.companyId !== null) store.associate(pending.type, id, 'companies', pending.companyId);
    const dealId = pending.dealKey === null ? undefined : dealIdByKey.get(pending.dealKey);
    if (dealId !== undefined) store.associate(pending.type, id, 'deals', dealId);
  }
  const badCall = store.list('calls').find((call) => call.props.hs_call_direction === 'OUTBOUND');
  if (badCall) {
    badCall.props.hs_call_duration = 'n/a';
    malformed.push({ objectType: 'calls', id: String(badCall.id), property: 'hs_call_duration', value: 'n/a' });
  }

  // --- Feedback submissions ----------------------------------------------------------------------------------------
  feedback.sort((a, b) => a.at - b.at || a.contactId - b.contactId);
  let nextFeedbackId = 7_700_000_001;
  for (const pending of feedback) {
    const record: CrmRecord = {
      id: nextFeedbackId,
      type: 'feedback_submissions',
      createdAt: pending.at,
      updatedAt: pending.at,
      archived: false,
      archivedAt: null,
      props: { ...pending.props, hs_submission_timestamp: iso(pending.at) },
      sourceType: 'FEEDBACK',
      changes: null,
      searchShadow: null,
    };
    nextFeedbackId += 1;
    store.insert(record);
    store.associate('feedback_submissions', record.id, 'contacts', pending.contactId);
  }

  // --- Contacts' activity dates, then a few archived contacts ------------------------------------------------------
  for (const contact of store.list('contacts')) {
    let lastContacted = 0;
    let lastActivity = 0;
    for (const type of ['emails', 'calls', 'meetings', 'notes'] as const) {
      for (const touchId of store.associatedIds('contacts', contact.id, type)) {
        const touch = store.get(type, touchId);
        const at = touch?.props.hs_timestamp ? Date.parse(touch.props.hs_timestamp) : 0;
        lastActivity = Math.max(lastActivity, at);
        const outbound =
          type === 'meetings' ||
          touch?.props.hs_email_direction === 'EMAIL' ||
          touch?.props.hs_call_direction === 'OUTBOUND';
        if (outbound) lastContacted = Math.max(lastContacted, at);
      }
    }
    if (lastContacted > 0) contact.props.notes_last_contacted = iso(lastContacted);
    if (lastActivity > 0) contact.props.notes_last_updated = iso(lastActivity);
  }
  const archiveRng = createRng(deriveSeed(options.seed, 'archive'));
  const contactsList = store.list('contacts');
  const malformedIds = new Set(malformed.map((entry) => entry.id));
  const archiveCount = Math.max(1, Math.round(contactsList.length * 0.004));
  for (let i = 0; i < archiveCount; i++) {
    const contact = contactsList[archiveRng.int(0, Math.max(0, contactsList.length - 4))];
    // Malformed records stay live: the sync must meet them to list them.
    if (
      !contact ||
      contact.archived ||
      mess.htmlNameIds.includes(String(contact.id)) ||
      malformedIds.has(String(contact.id))
    )
      continue;
    contact.archived = true;
    contact.archivedAt = Math.min(asOf, contact.updatedAt + archiveRng.int(1, 30) * DAY);
    contact.updatedAt = contact.archivedAt;
    mess.archivedContactIds.push(String(contact.id));
  }

  return {
    store,
    asOf,
    adoptionAt,
    adoptionDate: localDateString(adoption),
    historyStart,
    malformed,
    mess,
    demo,
  };
}

function npsProps(score: number): Record<string, PropertyValue> {
  return {
    hs_survey_type: 'NPS',
    hs_survey_name: 'Customer NPS',
    hs_survey_channel: 'EMAIL',
    hs_value: String(score),
    hs_response_group: score >= 9 ? 'PROMOTER' : score >= 7 ? 'PASSIVE' : 'DETRACTOR',
    hs_sentiment: score >= 9 ? 'POSITIVE' : score >= 7 ? 'NEUTRAL' : 'NEGATIVE',
    hs_content: score >= 9 ? 'Fast, helpful team.' : score >= 7 ? 'Good overall.' : 'Took too long to hear back.',
  };
}

function csatProps(score: number): Record<string, PropertyValue> {
  return {
    hs_survey_type: 'CSAT',
    hs_survey_name: 'Onboarding CSAT',
    hs_survey_channel: 'EMAIL',
    hs_value: String(score),
    hs_response_group: score >= 4 ? 'PROMOTER' : score === 3 ? 'PASSIVE' : 'DETRACTOR',
    hs_sentiment: score >= 4 ? 'POSITIVE' : score === 3 ? 'NEUTRAL' : 'NEGATIVE',
    hs_content: '',
  };
}

/**
 * When the current owner was assigned (`hubspot_owner_assigneddate`). Most leads are routed within minutes, before
 * anyone answers, and some are created with their owner; about one in eight was re-assigned later, weeks on or after
 * the first response, so its date says nothing about routing (METRICS.md, "Two clocks").
 */
function ownerAssignedAt(rng: Rng, createdAt: number, responseAt: number | null, asOf: number): number {
  if (rng.chance(0.12)) {
    const from = responseAt !== null && rng.chance(0.5) ? responseAt : createdAt;
    const reassignedAt = from + rng.int(1, 30 * 24 * 60) * MINUTE;
    // A re-assignment later than asOf has not happened: the lead still has the owner it was routed to. (Clamped to
    // asOf instead, a quarter of a large portal's recent leads were all modified at the same instant, and every
    // incremental sync's overlap window re-read a second page of them.)
    if (reassignedAt <= asOf) return reassignedAt;
  }
  if (rng.chance(0.3)) return createdAt;
  const delay = Math.round(rng.logNormal(4, 1.2) * MINUTE);
  return Math.max(createdAt, Math.min(createdAt + delay, responseAt ?? asOf, asOf));
}

/**
 * Reps skip stages: a deal may jump over a middle stage of its path, which then has no entry date. The first stage,
 * the last and the one before it (where a lost deal left the pipeline, or the last open stage of a won one) stay.
 */
function withSkippedStages(rng: Rng, path: [string, number][]): [string, number][] {
  return path.filter((_, index) => index === 0 || index >= path.length - 2 || !rng.chance(0.2));
}

interface DealSpec {
  key: number;
  contact: CrmRecord | null;
  companyId: number | null;
  companyName: string | null;
  owner: Owner;
  createdAt: number;
  asOf: number;
  winChance: number;
  pipeline: Pipeline | undefined;
  deals: PendingDeal[];
}

/** A deal's whole life: open stages, then won or lost by its close date, or still open at asOf. */
function makeDeal(rng: Rng, spec: DealSpec): { key: number; won: boolean; closedAt: number | null } {
  const pipeline = spec.pipeline;
  if (!pipeline || spec.createdAt > spec.asOf) return { key: spec.key, won: false, closedAt: null };
  const openStages = pipeline.stages.filter((s) => s.metadata.isClosed === 'false');
  const wonStage = pipeline.stages.find((s) => s.metadata.probability === '1.0');
  const lostStage = pipeline.stages.find((s) => s.metadata.isClosed === 'true' && s.metadata.probability === '0.0');
  const cycleDays = rng.logNormal(pipeline.id === 'default' ? 35 : 20, 0.6);
  const closeAt = spec.createdAt + Math.round(cycleDays * DAY);
  const closed = closeAt <= spec.asOf;
  const won = closed && rng.chance(spec.winChance);
  const path: [string, number][] = [];
  const first = openStages[0];
  if (first) path.push([first.id, spec.createdAt]);
  // Walk through open stages in proportion to the time spent; a lost deal stops somewhere along the way.
  const reach = closed ? (won ? openStages.length : rng.int(1, openStages.length)) : 0;
  const now = Math.min(spec.asOf, closeAt);
  const elapsed = (now - spec.createdAt) / Math.max(1, closeAt - spec.createdAt);
  const openReach = closed ? reach : Math.max(1, Math.ceil(elapsed * openStages.length * 0.9));
  for (let i = 1; i < openReach && i < openStages.length; i++) {
    const s = openStages[i];
    if (s) path.push([s.id, spec.createdAt + Math.round(((now - spec.createdAt) * i) / (openReach + 1))]);
  }
  if (closed) {
    const finalStage = won ? wonStage : lostStage;
    if (finalStage) path.push([finalStage.id, closeAt]);
  }
  const last = path[path.length - 1];
  const euro = rng.chance(0.1);
  const base = rng.logNormal(pipeline.id === 'default' ? 12_000 : 6_000, 0.7);
  const amount = Math.max(500, Math.round(base / 50) * 50);
  const home = euro ? Math.round(amount * 108) / 100 : amount;
  const contactName = spec.contact ? `${spec.contact.props.lastname ?? ''}`.slice(0, 40) : '';
  spec.deals.push({
    key: spec.key,
    contactId: spec.contact?.id ?? null,
    companyId: spec.companyId,
    createdAt: spec.createdAt,
    updatedAt: Math.min(spec.asOf, last ? last[1] : spec.createdAt),
    stagePath: path,
    props: {
      dealname: `${spec.companyName ?? contactName ?? 'New deal'} — ${rng.pick(PRODUCTS)}`,
      amount: String(amount),
      amount_in_home_currency: String(home),
      deal_currency_code: euro ? 'EUR' : 'USD',
      pipeline: pipeline.id,
      dealstage: last?.[0] ?? null,
      // A closed deal's close date is when it closed; an open deal's is the expected close, often in the future.
      closedate: iso(closeAt),
      hubspot_owner_id: spec.owner.id,
      hs_is_closed: String(closed),
      hs_is_closed_won: String(won),
      closed_lost_reason:
        closed && !won ? rng.pick(['Price', 'Timing', 'Went with a competitor', 'No response']) : null,
    },
  });
  return { key: spec.key, won, closedAt: closed ? closeAt : null };
}
