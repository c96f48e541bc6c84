import * as z from 'zod/mini';
import { syncStatusSchema } from '../sync/status';
import { builtOnUse, onFirstUse } from '../built-on-use';

/**
 * Every message a LeadLens context sends to the background: one schema for the request, one for the reply, and who
 * may send it. `content` messages may come from our content scripts on the overlaid sites; `extension` messages only
 * from our own pages (popup, options, side panel), because they touch the token or the whole cache.
 */
export type Audience = 'content' | 'extension';

interface Route<Req extends z.ZodMiniType, Res extends z.ZodMiniType> {
  audience: Audience;
  request: Req;
  response: Res;
}

function route<Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  audience: Audience,
  request: Req,
  response: Res,
): Route<Req, Res> {
  return { audience, request, response };
}

const capabilitySchema = onFirstUse(() => z.enum(['can', 'cannot', 'unknown']));
/** What the key can do for one feature (lib/crm/hubspot/feature-scopes.ts), as probed when it was connected. */
const featureCheckSchema = onFirstUse(() =>
  z.object({
    feature: z.enum(['read', 'tag', 'notALead', 'logReply']),
    state: capabilitySchema(),
    lacking: z.array(z.object({ part: z.string(), lacking: z.array(z.array(z.string())) })),
    parts: z.array(
      z.object({
        part: z.string(),
        state: capabilitySchema(),
        optional: z.boolean(),
        lacking: z.array(z.array(z.string())),
        reason: z.optional(z.string()),
      }),
    ),
  }),
);

const portalInfoSchema = onFirstUse(() =>
  z.object({
    portalId: z.number(),
    timeZone: z.string(),
    currency: z.string(),
    uiDomain: z.optional(z.string()),
  }),
);

export const leadContextSchema = onFirstUse(() =>
  z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    stage: z.string(),
    stageLabel: z.optional(z.string()),
    leadStatus: z.optional(z.string()),
    leadStatusLabel: z.optional(z.string()),
    ownerId: z.optional(z.string()),
    ownerName: z.optional(z.string()),
    effectiveSource: z.string(),
    temperature: z.enum(['hot', 'warm', 'cold']),
    timer: z.optional(z.object({ kind: z.enum(['open', 'inbound']), since: z.number() })),
    firstResponseAt: z.optional(z.number()),
    lastInboundAt: z.optional(z.number()),
    lastOutboundAt: z.optional(z.number()),
    stageDates: z.optional(z.record(z.string(), z.number())),
    /** For the card's routing delay and response clock from assignment (METRICS.md, "Two clocks"). */
    createdAt: z.optional(z.number()),
    ownerAssignedAt: z.optional(z.number()),
    slaMinutes: z.number(),
    openDealValue: z.number(),
    /** The rep's own marks on this lead, kept by the background (content scripts never read storage). */
    snoozedUntil: z.optional(z.number()),
    notALead: z.optional(z.boolean()),
    /** A lead not mine, looked up on demand in a rep's cache scope: kept until then, and said so on its card. */
    lookedUpUntil: z.optional(z.number()),
  }),
);
/** A lead as the badges, their cards and the alerts see it: the one type, inferred from the schema checked on receipt. */
export type LeadContext = z.infer<ReturnType<typeof leadContextSchema>>;

/** What a rep can do to a lead from its card. `notALead` may write a lead status to HubSpot (the settings say). */
const leadMarkSchema = onFirstUse(() => z.enum(['snooze1h', 'snoozeTomorrow', 'notALead']));
export type LeadMark = z.infer<ReturnType<typeof leadMarkSchema>>;

/**
 * The one message the background sends to content scripts (`tabs.sendMessage`): something they show has changed
 * (a sync, team or app settings, a rep's mark, the connection), so they ask again. It carries no data.
 */
export const OVERLAY_REFRESH = 'leadlens:refresh';

const connectReply = onFirstUse(() =>
  z.object({
    ok: z.boolean(),
    reason: z.optional(
      z.enum(['invalidToken', 'unreachable', 'missingScopes', 'hostNotAllowed', 'otherPortal', 'ownerNotFound']),
    ),
    message: z.optional(z.string()),
    portal: z.optional(portalInfoSchema()),
    features: z.optional(z.array(featureCheckSchema())),
  }),
);

const taggingSettingsReply = onFirstUse(() =>
  z.object({
    sourceProperty: z.optional(z.string()),
    target: z.optional(
      z.object({
        name: z.string(),
        label: z.string(),
        options: z.optional(z.array(z.object({ value: z.string(), label: z.string() }))),
      }),
    ),
    problem: z.optional(z.enum(['invalidName', 'notFound', 'notConnected', 'unreachable'])),
    notALeadStatus: z.optional(z.string()),
  }),
);

/** Addresses or ids one `leadContext` message may ask for: a screenful, not a bulk read. */
export const LEAD_LOOKUP_BATCH = 100;

export const routes = builtOnUse({
  ping: () =>
    route(
      'content',
      z.object({}),
      z.object({
        version: z.string(),
        startedAt: z.number(),
        connected: z.boolean(),
        // What the overlays need to link records and say how fresh the cache is; no token, no personal data.
        portal: z.optional(z.object({ portalId: z.number(), uiDomain: z.string(), currency: z.string() })),
        asOf: z.optional(z.number()),
        /** The team's rules of which leads show timers (`timerRules` of the team settings). */
        timerRules: z.optional(z.object({ openWithinDays: z.number(), inboundWithinDays: z.number() })),
        /** The user's language setting (overlays read no storage). */
        language: z.optional(z.enum(['auto', 'en', 'he'])),
        /** HubSpot's clock minus this browser's, from the API's `Date` header: timers add it to `Date.now()`. */
        clockSkewMs: z.optional(z.number()),
        /** Whether the key can log a reply as an e-mail (issue #20), and otherwise the scopes it needs. */
        logReply: z.optional(z.object({ can: z.boolean(), lacking: z.optional(z.array(z.array(z.string()))) })),
        /** The team's time zone and business hours: timers count business minutes, like the metrics (issue #20). */
        clock: z.optional(
          z.object({
            timezone: z.string(),
            businessHours: z.nullable(
              z.object({
                days: z.array(z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'])),
                start: z.string(),
                end: z.string(),
                holidays: z.optional(z.array(z.string())),
              }),
            ),
          }),
        ),
      }),
    ),
  connectionStatus: () =>
    route(
      'extension',
      z.object({}),
      z.object({
        connected: z.boolean(),
        portalId: z.optional(z.number()),
        // Added by the sync (issue #4); optional so the original shape still validates.
        timeZone: z.optional(z.string()),
        currency: z.optional(z.string()),
        features: z.optional(z.array(featureCheckSchema())),
        /** The token was provided by the organisation (managed storage). */
        managed: z.optional(z.boolean()),
        /** Fields of the organisation's policy that were refused (each ignored, the rest applied), in words. */
        policyProblems: z.optional(z.array(z.string())),
      }),
    ),
  /** Verifies a token and keeps it in the background; the reply never contains the token. */
  connect: () =>
    route(
      'extension',
      z.object({
        token: z.string().check(z.minLength(1), z.maxLength(500)),
        // Checked against HubSpot's API hosts in the background (`checkApiBase`); any other value is refused there.
        baseUrl: z.optional(z.string().check(z.maxLength(200))),
        /**
         * Whose leads this browser keeps, chosen on the connect form: a manager the whole portal, a rep the leads of the
         * HubSpot user with `ownerEmail` (found among the portal's owners before the first sync starts).
         */
        role: z.optional(z.enum(['manager', 'rep'])),
        ownerEmail: z.optional(z.string().check(z.maxLength(254))),
      }),
      connectReply(),
    ),
  /** A new token for the connected portal: the cache, the outbox and the marks stay; another portal's is refused. */
  replaceToken: () =>
    route('extension', z.object({ token: z.string().check(z.minLength(1), z.maxLength(500)) }), connectReply()),
  /**
   * "Disconnect and forget all data": token, cache, schedule, every stored key but the language. Tags not yet sent
   * would be lost, so without `discardUnsent` the reply lists them and nothing is deleted.
   */
  disconnect: () =>
    route(
      'extension',
      z.object({ discardUnsent: z.optional(z.boolean()) }),
      z.object({
        done: z.boolean(),
        unsent: z.optional(
          z.array(
            z.object({ email: z.string(), source: z.string(), campaign: z.optional(z.string()), state: z.string() }),
          ),
        ),
      }),
    ),
  syncStatus: () => route('extension', z.object({}), syncStatusSchema()),
  /** Starts the due job now (full when none has completed); `started` is false when a sync already runs. */
  syncNow: () => route('extension', z.object({ full: z.optional(z.boolean()) }), z.object({ started: z.boolean() })),
  /** Small derived views of leads for the overlays, by address (any case) or contact id. */
  leadContext: () =>
    route(
      'content',
      z.object({
        emails: z.optional(z.array(z.string().check(z.maxLength(320))).check(z.maxLength(LEAD_LOOKUP_BATCH))),
        contactIds: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(LEAD_LOOKUP_BATCH))),
        /** Display names of senders shown without an address (Outlook's collapsed cards); bounded like the rest. */
        names: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(LEAD_LOOKUP_BATCH))),
        /** Deal ids of deal rows and board cards: each answers with its primary contact, when that is a lead. */
        dealIds: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(LEAD_LOOKUP_BATCH))),
      }),
      z.object({
        leads: z.array(leadContextSchema()),
        /** Set when this tab reached its bound of distinct leads a minute: some known leads were left out. */
        limited: z.optional(z.boolean()),
        /** The asked names that exactly one cached lead has, each with that lead's id (the lead is among `leads`). */
        named: z.optional(z.array(z.object({ name: z.string(), id: z.string() }))),
        /** Names could not be looked up yet (the worker's index is being built): ask again, they are not "no lead". */
        namesUnread: z.optional(z.boolean()),
        /** The asked deals whose primary contact is a cached lead, each with that lead's id (among `leads`). */
        dealLeads: z.optional(z.array(z.object({ dealId: z.string(), id: z.string() }))),
      }),
    ),
  /**
   * A rep's mark from a badge's card, after a trusted click on the action and, for `notALead`, on its confirm
   * control. Accepted only for a lead the background has recently answered to the same tab.
   */
  markLead: () =>
    route(
      'content',
      z.object({ contactId: z.string().check(z.minLength(1), z.maxLength(40)), mark: leadMarkSchema() }),
      z.object({ done: z.boolean(), snoozedUntil: z.optional(z.number()), notALead: z.optional(z.boolean()) }),
    ),
  /**
   * "Log this reply" from a badge's card, after a trusted click on the action and on its confirm control: the rep's
   * reply, seen in the mail thread and not in HubSpot, is logged as an outgoing e-mail through the outbox. Accepted
   * only for a lead the background has recently answered to the same tab, and for a key that can create e-mails.
   */
  logReply: () =>
    route(
      'content',
      z.object({ contactId: z.string().check(z.minLength(1), z.maxLength(40)), sentAt: z.number() }),
      z.object({ queued: z.boolean(), lacking: z.optional(z.array(z.array(z.string()))) }),
    ),
  /**
   * A source tag from the tagger, into the outbox. The background validates it again (`validateTag`): a page is
   * never trusted to have done so.
   */
  enqueueTag: () =>
    route(
      'extension',
      z.object({
        email: z.string().check(z.maxLength(320)),
        source: z.string().check(z.maxLength(1000)),
        campaign: z.optional(z.string().check(z.maxLength(1000))),
        url: z.optional(z.string().check(z.maxLength(5000))),
        create: z.optional(
          z.object({
            firstName: z.optional(z.string().check(z.maxLength(1000))),
            lastName: z.optional(z.string().check(z.maxLength(1000))),
          }),
        ),
      }),
      z.union([
        z.object({ ok: z.literal(true), id: z.string() }),
        z.object({
          ok: z.literal(false),
          errors: z.array(z.object({ field: z.string(), problem: z.string() })),
        }),
      ]),
    ),
  /** The outbox list's buttons: retry a waiting or stopped tag now, or discard one the user gives up on. */
  outboxAction: () =>
    route(
      'extension',
      z.object({ id: z.string().check(z.maxLength(100)), action: z.enum(['retry', 'discard']) }),
      z.object({ done: z.boolean() }),
    ),
  /** Where the tagger writes the source besides LeadLens's own property, with that property's options. */
  taggingSettings: () => route('extension', z.object({}), taggingSettingsReply()),
  /** Names (or with '' clears) the portal property the source is also written to; checked against the portal. */
  saveTaggingSettings: () =>
    route('extension', z.object({ sourceProperty: z.string().check(z.maxLength(100)) }), taggingSettingsReply()),
  /** The lead status a rep's "Not a lead" also sets in HubSpot ('' for none: the timer is only hidden). */
  saveNotALeadStatus: () =>
    route('extension', z.object({ status: z.string().check(z.maxLength(100)) }), taggingSettingsReply()),
  /**
   * The team queue (issue #20): the overdue leads of the reps the manager follows, on the team's clock, with every
   * owner the cache knows (to choose from) and where record links point.
   */
  teamQueue: () =>
    route(
      'extension',
      z.object({}),
      z.object({
        connected: z.boolean(),
        entries: z.array(
          z.object({
            leadId: z.string(),
            name: z.string(),
            ownerId: z.string(),
            ownerName: z.optional(z.string()),
            kind: z.enum(['open', 'inbound']),
            since: z.number(),
            waitedMinutes: z.number(),
            slaMinutes: z.number(),
            multiple: z.number(),
            episode: z.string(),
          }),
        ),
        ownerIds: z.array(z.string()),
        notify: z.boolean(),
        owners: z.array(z.object({ id: z.string(), name: z.string() })),
        businessZone: z.optional(z.string()),
        portal: z.optional(z.object({ portalId: z.number(), uiDomain: z.string() })),
      }),
    ),
  /** The popup's "Tag lead source…": reads the tab the popup was opened on (activeTab) and opens the tagger. */
  openTagger: () => route('extension', z.object({ tabId: z.optional(z.number()) }), z.object({ opened: z.boolean() })),
});

export type MessageType = keyof typeof routes;
export type RequestOf<K extends MessageType> = z.infer<(typeof routes)[K]['request']>;
export type ResponseOf<K extends MessageType> = z.infer<(typeof routes)[K]['response']>;

/** The envelope on the wire: a discriminated union on `type`, checked before any handler runs. */
export const envelopeSchema = z.object({ type: z.string(), payload: z.unknown() });

/** Replies carry either data or an error message, so a handler's failure reaches the caller as text, not a hang. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(routes, type);
}
