// What each LeadLens feature needs from a HubSpot key, as HubSpot's 2026-09 specs state it for the dated paths the
// product calls: an operation lists requirements, any one of which suffices, and each names scopes that are all
// needed. A key's scopes are capped at its creator's (Service Keys), so a key often holds only part of this; the
// form and the probe say per feature what works instead of refusing the key on the first 403.
// test/fake-hubspot/scopes.ts is the portal's side of the same facts; test/unit/crm/feature-scopes.test.ts holds
// the two together.

export type Feature = 'read' | 'tag' | 'notALead' | 'logReply';

/** In the order the connect form lists them. */
export const FEATURES: readonly Feature[] = ['read', 'tag', 'notALead', 'logReply'];

/** One thing a feature does against HubSpot, each checked (and probed) on its own. */
export type Part =
  | 'contacts'
  | 'engagements'
  | 'emails'
  | 'deals'
  | 'owners'
  | 'pipelines'
  | 'propertyRead'
  | 'feedback'
  | 'contactWrite'
  | 'propertyCreate'
  | 'emailCreate';

/** Any one of the sets, every scope of the set. */
export type AnyOf = ReadonlyArray<readonly string[]>;

export interface PartRequirement {
  part: Part;
  anyOf: AnyOf;
  /** The feature works without it, with less (feedback scores; the portal's own lifecycle order). */
  optional?: true;
  /** Needed only while LeadLens's own contact properties do not exist yet (the first tag creates them). */
  untilTagPropertiesExist?: true;
}

export const SCOPE = {
  contactsRead: 'crm.objects.contacts.read',
  contactsWrite: 'crm.objects.contacts.write',
  dealsRead: 'crm.objects.deals.read',
  ownersRead: 'crm.objects.owners.read',
  automation: 'automation',
  salesEmailRead: 'sales-email-read',
  feedbackRead: 'crm.objects.feedback_submissions.read',
  schemasContactsRead: 'crm.schemas.contacts.read',
  schemasContactsWrite: 'crm.schemas.contacts.write',
  schemasDealsRead: 'crm.schemas.deals.read',
} as const;

const S = SCOPE;

// Reading a property or a pipeline takes any of about a hundred CRM scopes; these are the ones a LeadLens key holds.
// A key with only some other CRM scope is judged unable here, which costs nothing: it could not read contacts either.
const schemaReadAlternatives: AnyOf = [
  [S.contactsRead],
  [S.contactsWrite],
  [S.schemasContactsRead],
  [S.dealsRead],
  [S.schemasDealsRead],
  [S.ownersRead],
  [S.feedbackRead],
  [S.automation],
];

// The part's requirement wherever several features share it, so they cannot drift apart.
const PART: Record<Part, AnyOf> = {
  contacts: [[S.contactsRead]],
  // Calls, meetings, notes and tasks are read with the contacts' scope.
  engagements: [[S.contactsRead]],
  // Both together on 2026-09 (the numbered v3 spec took either one).
  emails: [[S.contactsRead, S.salesEmailRead]],
  deals: [[S.dealsRead]],
  owners: [[S.automation], [S.ownersRead]],
  pipelines: schemaReadAlternatives,
  propertyRead: schemaReadAlternatives,
  // Both together on 2026-09; HubSpot also needs Service Hub Professional for any feedback at all.
  feedback: [[S.contactsRead, S.feedbackRead]],
  contactWrite: [[S.contactsWrite]],
  propertyCreate: [[S.schemasContactsWrite]],
  // POST /crm/objects/2026-09/emails with the association to the contact inline (type 198): the create's own
  // requirement covers the association; no separate associations scope is listed for it.
  emailCreate: [[S.contactsWrite, S.salesEmailRead]],
};

function part(name: Part, flags: Omit<PartRequirement, 'part' | 'anyOf'> = {}): PartRequirement {
  return { part: name, anyOf: PART[name], ...flags };
}

/** Each feature's parts, all needed unless marked. */
export const FEATURE_REQUIREMENTS: Readonly<Record<Feature, readonly PartRequirement[]>> = {
  // The sync: every object the metrics read, their owners and stages, and (optionally) the lifecycle order and NPS.
  read: [
    part('contacts'),
    part('engagements'),
    part('emails'),
    part('deals'),
    part('owners'),
    part('pipelines'),
    part('propertyRead', { optional: true }),
    part('feedback', { optional: true }),
  ],
  // The tagger: find the contact by address (or create it), read the target property, write the source/campaign.
  tag: [
    part('contacts'),
    part('propertyRead'),
    part('contactWrite'),
    part('propertyCreate', { untilTagPropertiesExist: true }),
  ],
  // The mark itself is the rep's own and local; what reaches HubSpot is the contact's hs_lead_status, chosen from
  // the property's options.
  notALead: [part('propertyRead'), part('contactWrite')],
  // The contact id comes from the synced cache; the write is the e-mail engagement.
  logReply: [part('emailCreate')],
};

/**
 * What one request told: allowed, a 403 (with the alternatives HubSpot named, or the category of a refusal that is
 * not about scopes, such as a subscription the portal lacks or the key creator's own permissions), or nothing.
 */
export type ProbeOutcome =
  | { state: 'allowed' }
  | { state: 'refused'; named?: readonly string[]; reason?: string }
  | { state: 'unknown' };

export interface ScopeEvidence {
  /** The key's scopes, when HubSpot said them; absent when unknown. */
  scopes?: Iterable<string>;
  /** Per part, what a probe request answered; a probe outranks the scope list (tier limits, HubSpot's own rules). */
  probes?: Partial<Record<Part, ProbeOutcome>>;
  /** Whether LeadLens's tag properties already exist in the portal; unknown means they are assumed not to. */
  tagPropertiesExist?: boolean;
}

export type Capability = 'can' | 'cannot' | 'unknown';

export interface PartVerdict {
  part: Part;
  state: Capability;
  optional: boolean;
  /** When it cannot: the scopes to add, one list per alternative, fewest first (any one list will do). */
  lacking: string[][];
  /** When HubSpot refused for something other than a scope: its category. */
  reason?: string;
}

export interface FeatureVerdict {
  feature: Feature;
  state: Capability;
  /** Required parts that cannot, with what each lacks. */
  lacking: { part: Part; lacking: string[][] }[];
  parts: PartVerdict[];
}

/** Per alternative, the scopes not held; fewest first, an alternative already met is `[]`. */
export function lackingScopes(anyOf: AnyOf, held: ReadonlySet<string>): string[][] {
  return anyOf.map((set) => set.filter((scope) => !held.has(scope))).sort((a, b) => a.length - b.length);
}

/**
 * Scopes the probes prove the key holds: a part allowed whose requirement has a single set. With the key's scope list
 * unknown, a refused part then names only what it lacks (e-mails: sales-email-read, not the contacts read it has).
 */
function provenScopes(probes: ScopeEvidence['probes']): Set<string> {
  const proven = new Set<string>();
  for (const [part, outcome] of Object.entries(probes ?? {})) {
    const anyOf = PART[part as Part];
    if (outcome?.state === 'allowed' && anyOf.length === 1) for (const scope of anyOf[0] ?? []) proven.add(scope);
  }
  return proven;
}

function judgePart(
  requirement: PartRequirement,
  held: ReadonlySet<string> | undefined,
  probe: ProbeOutcome | undefined,
  proven: ReadonlySet<string>,
): PartVerdict {
  const verdict = (state: Capability, lacking: string[][], reason?: string): PartVerdict => ({
    part: requirement.part,
    state,
    optional: requirement.optional === true,
    lacking,
    ...(reason === undefined ? {} : { reason }),
  });
  const fromScopes = held ? lackingScopes(requirement.anyOf, held) : undefined;
  if (probe?.state === 'allowed') return verdict('can', []);
  if (probe?.state === 'refused') {
    if (probe.reason !== undefined) return verdict('cannot', [], probe.reason);
    // With a set already held, HubSpot refused for something else (a tier, a sensitive property): name what HubSpot
    // named rather than claim a scope is missing.
    const named = probe.named && probe.named.length > 0 ? [[...probe.named]] : [];
    const lacking = fromScopes ?? lackingScopes(requirement.anyOf, proven);
    return verdict('cannot', lacking.some((set) => set.length === 0) ? named : lacking);
  }
  if (!fromScopes) return verdict('unknown', []);
  const met = fromScopes.some((set) => set.length === 0);
  return met ? verdict('can', []) : verdict('cannot', fromScopes);
}

/** What a key can do, feature by feature, from its scopes and/or probe answers; unknown where neither says. */
export function judgeFeatures(evidence: ScopeEvidence): FeatureVerdict[] {
  const held = evidence.scopes === undefined ? undefined : new Set(evidence.scopes);
  const proven = provenScopes(evidence.probes);
  return FEATURES.map((feature) => {
    const requirements = FEATURE_REQUIREMENTS[feature].filter(
      (requirement) => !(requirement.untilTagPropertiesExist && evidence.tagPropertiesExist === true),
    );
    const parts = requirements.map((requirement) =>
      judgePart(requirement, held, evidence.probes?.[requirement.part], proven),
    );
    const required = parts.filter((verdict) => !verdict.optional);
    const lacking = required
      .filter((verdict) => verdict.state === 'cannot')
      .map((verdict) => ({ part: verdict.part, lacking: verdict.lacking }));
    const state: Capability =
      lacking.length > 0 ? 'cannot' : required.some((verdict) => verdict.state === 'unknown') ? 'unknown' : 'can';
    return { feature, state, lacking, parts };
  });
}

/** One feature's verdict (H20b hides "log this reply" unless this says `can`). */
export function judgeFeature(feature: Feature, evidence: ScopeEvidence): FeatureVerdict {
  const verdict = judgeFeatures(evidence).find((candidate) => candidate.feature === feature);
  // FEATURES lists every Feature, so the find cannot miss.
  if (!verdict) throw new Error(`unknown feature ${feature}`);
  return verdict;
}

/** Every scope a feature's requirements name, for the form's "needs" line (alternatives kept apart by the caller). */
export function scopesNamed(feature: Feature): string[] {
  return [...new Set(FEATURE_REQUIREMENTS[feature].flatMap((requirement) => requirement.anyOf.flat()))];
}
