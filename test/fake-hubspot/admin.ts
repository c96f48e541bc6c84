// Live changes for demos and tests: the same operations in process (`portal.admin`) and over HTTP under
// /__admin/ (outside /crm, never authenticated, rate limited or faulted). Writes made here use the portal's clock
// and appear in the API exactly as a rep's work in HubSpot would.
import { createObject, patchObject } from './api.ts';
import { FAULT_KINDS, type FaultKind, type FaultSettings } from './faults.ts';
import { type ApiResult, isRecord } from './http.ts';
import { OBJECT_TYPES, type ObjectType, resolveObjectType } from './objects.ts';
import { type SerializedRecord, serializeRecord } from './serialize.ts';
import type { CrmRecord, PortalStore, PropertyValue } from './store.ts';
import type { GroundTruth } from './truth.ts';

export interface Counters {
  requests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** Every 429 sent, whatever the cause. */
  sent429: number;
  rateLimited: { tenSecondly: number; daily: number; secondly: number };
  faults: Record<FaultKind, number>;
  offline: { held: number; refused: number };
}

export interface WriteLogEntry {
  /** Wall-clock time the request arrived. */
  receivedAt: string;
  /** The portal's clock at that moment (runs from asOf). */
  portalTime: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface CreateLeadInput {
  email?: string;
  firstname?: string;
  lastname?: string;
  ownerId?: string | null;
  source?: string | null;
  properties?: Record<string, string | null>;
}

export interface LogEmailInput {
  contactId: number | string;
  /** `in`: the lead wrote (INCOMING_EMAIL); `out`: a rep wrote (EMAIL). */
  direction: 'in' | 'out';
  subject?: string;
  text?: string;
  ownerId?: string;
  /** Marks an outbound e-mail as a sequence send (hs_engagement_source SEQUENCES). */
  automated?: boolean;
}

export interface LogCallInput {
  contactId: number | string;
  direction: 'in' | 'out';
  durationMs?: number;
  ownerId?: string;
}

export type OfflineMode = false | 'hold' | 'refuse';

export interface OfflineOptions {
  /** Resume by itself after this long (needed for `refuse`, which also closes the admin path). */
  forMs?: number;
  /** How long a held connection waits before it is destroyed (default 30 s). */
  holdMs?: number;
}

export interface PortalAdmin {
  readonly store: PortalStore;
  readonly truth: GroundTruth;
  /** The portal's clock: asOf plus the time since start. */
  now(): number;
  createLead(input?: CreateLeadInput): SerializedRecord;
  logEmail(input: LogEmailInput): SerializedRecord;
  logCall(input: LogCallInput): SerializedRecord;
  moveStage(dealId: number | string, stageId: string): SerializedRecord;
  archive(type: ObjectType, id: number | string): SerializedRecord;
  setFaults(settings: number | FaultSettings): void;
  setOffline(mode: OfflineMode, options?: OfflineOptions): Promise<void>;
  setSearchDelay(ms: number): void;
  setLatency(spec: string | null): void;
  /**
   * Moves the portal's wall clock (its `Date` header and its daily-limit day) this far from the machine's: a client
   * whose own clock is off by the opposite amount, without touching the machine's clock.
   */
  setClockSkew(ms: number): void;
  counters(): Counters;
  resetCounters(): void;
  writeLog(): WriteLogEntry[];
  /**
   * A new private-app token of this portal with every scope: another app, with its own 10-second window and search
   * limit (the day stays the account's). Each test browser connects with its own, as different users' keys would,
   * so one test's requests still in the window are not a colleague's for the next test's browser.
   */
  issueToken(): string;
  /** Data access: live records of a type (archived included), as stored. */
  records(type: ObjectType): readonly CrmRecord[];
  record(type: ObjectType, id: number | string): CrmRecord | undefined;
}

export interface AdminControls {
  store: PortalStore;
  truth: GroundTruth;
  now(): number;
  setFaults(settings: FaultSettings): void;
  setOffline(mode: OfflineMode, options: OfflineOptions): Promise<void>;
  setLatency(spec: string | null): void;
  setClockSkew(ms: number): void;
  counters(): Counters;
  resetCounters(): void;
  writeLog(): WriteLogEntry[];
  issueToken(): string;
  onWrite(record: CrmRecord): void;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function unwrap(result: ApiResult): SerializedRecord {
  if (result.status >= 300) {
    const message = isRecord(result.body) && typeof result.body.message === 'string' ? result.body.message : 'failed';
    throw new AdminError(result.status, message);
  }
  return result.body as SerializedRecord;
}

export function createAdmin(controls: AdminControls): PortalAdmin {
  const { store } = controls;
  const env = { store, now: controls.now, onWrite: controls.onWrite };
  const contactOf = (id: number | string): CrmRecord => {
    const contact = store.get('contacts', Number(id));
    if (!contact || contact.archived) throw new AdminError(404, `no live contact ${id}`);
    return contact;
  };
  const ownerFor = (contact: CrmRecord, ownerId?: string): string =>
    ownerId ?? contact.props.hubspot_owner_id ?? store.owners[0]?.id ?? '';
  const full = (record: CrmRecord): SerializedRecord =>
    serializeRecord(store, record, Object.keys(record.props).concat(['hs_object_id']).sort(), {
      properties: null,
      propertiesWithHistory: null,
      associations: null,
    });

  const engagement = (type: ObjectType, contact: CrmRecord, props: Record<string, PropertyValue>): SerializedRecord => {
    const now = controls.now();
    const created = unwrap(
      createObject(
        type,
        {
          properties: { hs_timestamp: new Date(now).toISOString(), ...props },
          associations: [{ to: { id: String(contact.id) } }],
        },
        env,
        'CRM_UI',
      ),
    );
    const record = store.get(type, Number(created.id));
    if (!record) throw new AdminError(500, 'engagement vanished');
    // hs_engagement_source is read-only through the API; the admin path writes it as HubSpot itself would.
    if (props.hs_engagement_source === undefined) record.props.hs_engagement_source = 'CRM_UI';
    const company = store.associatedIds('contacts', contact.id, 'companies')[0];
    if (company !== undefined) store.associate(type, record.id, 'companies', company);
    store.update(contact, { notes_last_updated: new Date(now).toISOString() }, now, 'CALCULATED');
    return full(record);
  };

  return {
    store,
    truth: controls.truth,
    now: controls.now,
    createLead(input = {}) {
      const now = controls.now();
      const suffix = now.toString(36);
      const properties: Record<string, string | null> = {
        email: input.email ?? `new.lead.${suffix}@example.com`,
        firstname: input.firstname ?? 'New',
        lastname: input.lastname ?? `Lead ${suffix}`,
        lifecyclestage: 'lead',
        hs_lead_status: 'NEW',
        ...(input.ownerId !== undefined
          ? { hubspot_owner_id: input.ownerId }
          : { hubspot_owner_id: store.owners[0]?.id ?? null }),
        ...input.properties,
      };
      const created = unwrap(createObject('contacts', { properties }, env, 'FORM'));
      const record = store.get('contacts', Number(created.id));
      if (record) {
        // The original source is read-only through the API; HubSpot's own analytics set it.
        record.props.hs_analytics_source = input.source === undefined ? 'ORGANIC_SEARCH' : input.source;
      }
      return record ? full(record) : created;
    },
    logEmail(input) {
      const contact = contactOf(input.contactId);
      const owner = store.owners.find((o) => o.id === ownerFor(contact, input.ownerId));
      const inbound = input.direction === 'in';
      const automated = !inbound && input.automated === true;
      const record = engagement('emails', contact, {
        hs_email_direction: inbound ? 'INCOMING_EMAIL' : 'EMAIL',
        hs_email_subject: input.subject ?? (inbound ? 'Re: your inquiry' : 'Following up'),
        hs_email_text: input.text ?? (inbound ? 'Could you call me back?' : 'Thanks for your message.'),
        hs_email_status: 'SENT',
        hs_email_from_email: inbound ? (contact.props.email ?? '') : (owner?.email ?? ''),
        hs_email_to_email: inbound ? (owner?.email ?? '') : (contact.props.email ?? ''),
        hubspot_owner_id: ownerFor(contact, input.ownerId),
      });
      const stored = store.get('emails', Number(record.id));
      if (stored) stored.props.hs_engagement_source = automated ? 'SEQUENCES' : 'EMAIL_INTEGRATION';
      if (stored && automated) stored.props.hs_engagement_source_id = '1402311';
      return stored ? full(stored) : record;
    },
    logCall(input) {
      const contact = contactOf(input.contactId);
      return engagement('calls', contact, {
        hs_call_title: input.direction === 'in' ? 'Inbound call' : 'Outbound call',
        hs_call_direction: input.direction === 'in' ? 'INBOUND' : 'OUTBOUND',
        hs_call_duration: String(input.durationMs ?? 180_000),
        hs_call_status: 'COMPLETED',
        hubspot_owner_id: ownerFor(contact, input.ownerId),
      });
    },
    moveStage(dealId, stageId) {
      const deal = store.get('deals', Number(dealId));
      if (!deal || deal.archived) throw new AdminError(404, `no live deal ${dealId}`);
      const pipeline = store.pipelines.find((p) => p.stages.some((s) => s.id === stageId));
      const stage = pipeline?.stages.find((s) => s.id === stageId);
      if (!pipeline || !stage) throw new AdminError(400, `no stage ${stageId}`);
      const now = controls.now();
      const closed = stage.metadata.isClosed === 'true';
      const won = closed && stage.metadata.probability === '1.0';
      unwrap(
        patchObject(
          'deals',
          String(deal.id),
          { properties: { dealstage: stageId, pipeline: pipeline.id } },
          env,
          'CRM_UI',
        ),
      );
      const values: Record<string, PropertyValue> = { hs_is_closed: String(closed), hs_is_closed_won: String(won) };
      if (closed) values.closedate = new Date(now).toISOString();
      store.update(deal, values, now, 'CALCULATED');
      deal.stagePath?.push([stageId, now]);
      if (won) {
        for (const contactId of store.associatedIds('deals', deal.id, 'contacts')) {
          const contact = store.get('contacts', contactId);
          if (contact && !contact.props.hs_lifecyclestage_customer_date) {
            store.update(
              contact,
              { lifecyclestage: 'customer', hs_lifecyclestage_customer_date: new Date(now).toISOString() },
              now,
              'CALCULATED',
            );
          }
        }
      }
      controls.onWrite(deal);
      return full(deal);
    },
    archive(type, id) {
      const record = store.get(type, Number(id));
      if (!record) throw new AdminError(404, `no ${type} ${id}`);
      if (!record.archived) store.archive(record, controls.now());
      controls.onWrite(record);
      return full(record);
    },
    setFaults(settings) {
      controls.setFaults(typeof settings === 'number' ? { probability: settings } : settings);
    },
    setOffline(mode, options = {}) {
      return controls.setOffline(mode, options);
    },
    setSearchDelay(ms) {
      store.searchDelayMs = Math.max(0, ms);
    },
    setLatency(spec) {
      controls.setLatency(spec);
    },
    setClockSkew(ms) {
      controls.setClockSkew(Number.isFinite(ms) ? ms : 0);
    },
    counters: controls.counters,
    resetCounters: controls.resetCounters,
    writeLog: controls.writeLog,
    issueToken: controls.issueToken,
    records(type) {
      return store.list(type);
    },
    record(type, id) {
      return store.get(type, Number(id));
    },
  };
}

/** Routes /__admin/… requests; returns null when the path is not an admin path. */
export async function handleAdminHttp(
  admin: PortalAdmin,
  method: string,
  url: URL,
  body: unknown,
): Promise<ApiResult | null> {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== '__admin') return null;
  const input = isRecord(body) ? body : {};
  const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  try {
    const [, a, b, c] = parts;
    if (method === 'GET' && a === 'health')
      return { status: 200, body: { ok: true, now: new Date(admin.now()).toISOString() } };
    if (method === 'GET' && a === 'truth') return { status: 200, body: admin.truth };
    if (method === 'GET' && a === 'counters') return { status: 200, body: admin.counters() };
    if (method === 'POST' && a === 'counters' && b === 'reset') {
      admin.resetCounters();
      return { status: 200, body: admin.counters() };
    }
    if (method === 'GET' && a === 'writes') return { status: 200, body: { results: admin.writeLog() } };
    if (method === 'POST' && a === 'leads') {
      return {
        status: 201,
        body: admin.createLead({
          ...(str(input.email) !== undefined ? { email: str(input.email) } : {}),
          ...(str(input.firstname) !== undefined ? { firstname: str(input.firstname) } : {}),
          ...(str(input.lastname) !== undefined ? { lastname: str(input.lastname) } : {}),
          ...(input.ownerId !== undefined ? { ownerId: str(input.ownerId) ?? null } : {}),
          ...(input.source !== undefined ? { source: str(input.source) ?? null } : {}),
        }),
      };
    }
    if (method === 'POST' && a === 'emails') {
      const direction = input.direction === 'in' ? 'in' : 'out';
      return {
        status: 201,
        body: admin.logEmail({
          contactId: String(input.contactId ?? ''),
          direction,
          automated: input.automated === true,
          ...(str(input.subject) !== undefined ? { subject: str(input.subject) } : {}),
          ...(str(input.text) !== undefined ? { text: str(input.text) } : {}),
          ...(str(input.ownerId) !== undefined ? { ownerId: str(input.ownerId) } : {}),
        }),
      };
    }
    if (method === 'POST' && a === 'calls') {
      return {
        status: 201,
        body: admin.logCall({
          contactId: String(input.contactId ?? ''),
          direction: input.direction === 'in' ? 'in' : 'out',
          ...(typeof input.durationMs === 'number' ? { durationMs: input.durationMs } : {}),
        }),
      };
    }
    if (method === 'POST' && a === 'deals' && b && c === 'stage') {
      return { status: 200, body: admin.moveStage(b, str(input.stageId) ?? '') };
    }
    if (method === 'POST' && a === 'archive') {
      const type = resolveObjectType(str(input.type) ?? '');
      if (!type) throw new AdminError(400, `unknown type ${String(input.type)}`);
      return { status: 200, body: admin.archive(type, String(input.id ?? '')) };
    }
    if (method === 'POST' && a === 'faults') {
      const kinds = Array.isArray(input.kinds)
        ? input.kinds.filter((k): k is FaultKind => FAULT_KINDS.includes(k as FaultKind))
        : undefined;
      admin.setFaults({
        probability: Number(input.probability ?? 0),
        ...(kinds ? { kinds } : {}),
        ...(typeof input.hangMs === 'number' ? { hangMs: input.hangMs } : {}),
      });
      return { status: 200, body: { ok: true } };
    }
    if (method === 'POST' && a === 'offline') {
      const mode = input.mode === 'refuse' ? 'refuse' : 'hold';
      const options: OfflineOptions = {};
      if (typeof input.forMs === 'number') options.forMs = input.forMs;
      if (typeof input.holdMs === 'number') options.holdMs = input.holdMs;
      if (mode === 'refuse' && options.forMs === undefined) {
        throw new AdminError(400, 'refuse closes this admin path too: give forMs so the portal can come back');
      }
      // Answer first: `refuse` closes the listener this response travels on.
      setTimeout(() => void admin.setOffline(mode, options), 50);
      return { status: 202, body: { ok: true, mode } };
    }
    if (method === 'POST' && a === 'online') {
      await admin.setOffline(false);
      return { status: 200, body: { ok: true } };
    }
    if (method === 'POST' && a === 'search-delay') {
      admin.setSearchDelay(Number(input.ms ?? 0));
      return { status: 200, body: { ok: true } };
    }
    if (method === 'POST' && a === 'clock-skew') {
      admin.setClockSkew(Number(input.ms ?? 0));
      return { status: 200, body: { ok: true } };
    }
    if (method === 'POST' && a === 'latency') {
      admin.setLatency(str(input.spec) ?? null);
      return { status: 200, body: { ok: true } };
    }
    if (method === 'GET' && a === 'records' && b) {
      const type = resolveObjectType(b);
      if (!type) throw new AdminError(400, `unknown type ${b}; one of ${OBJECT_TYPES.join(', ')}`);
      if (c) {
        const record = admin.record(type, c);
        if (!record) throw new AdminError(404, `no ${type} ${c}`);
        return { status: 200, body: record };
      }
      const offset = Number(url.searchParams.get('offset') ?? '0') || 0;
      const limit = Number(url.searchParams.get('limit') ?? '100') || 100;
      const all = admin.records(type);
      return { status: 200, body: { total: all.length, results: all.slice(offset, offset + limit) } };
    }
    return { status: 404, body: { status: 'error', message: `no admin route ${method} ${url.pathname}` } };
  } catch (error) {
    const status = error instanceof AdminError ? error.status : 500;
    return { status, body: { status: 'error', message: (error as Error).message } };
  }
}
