import * as associationsV4 from '@hubspot/api-client/lib/codegen/crm/associations/v4';
import * as objects from '@hubspot/api-client/lib/codegen/crm/objects';
import * as owners from '@hubspot/api-client/lib/codegen/crm/owners';
import * as pipelines from '@hubspot/api-client/lib/codegen/crm/pipelines';
import * as properties from '@hubspot/api-client/lib/codegen/crm/properties';
import { z } from 'zod';
import type {
  CrmAdapter,
  InvalidRecord,
  LeadRecord,
  MappedPage,
  PortalInfo,
  RecordOf,
  FeatureCheck,
  SearchWindow,
  SyncedType,
} from '../adapter';
import { isEngagementType } from '../adapter';
import { type LifecycleStage, type Owner, type Stage, standardLifecycleStages } from '../../model';
import {
  type HubSpotObject,
  type Mapped,
  mapContact,
  mapDeal,
  mapEngagement,
  mapFeedback,
  mapOptions,
  mapOwner,
  mapStages,
  modifiedAtOf,
  type StageLookup,
  shapeProblem,
} from './map';
import {
  API_PATHS,
  type AutomationRule,
  DEFAULT_AUTOMATION_RULE,
  lastModifiedProperty,
  OBJECT_TYPE,
  propertiesFor,
} from './properties';
import { datedUrl } from './api-version';
import { judgeFeatures } from './feature-scopes';
import { ProbeUnauthorizedError, probeParts } from './scope-probe';
import { CrmHttpError, CrmScopeError, type HttpRequest, HubSpotTransport, type TransportOptions } from './transport';
import { DEFAULT_BASE_URL } from './urls';

// The HubSpot adapter: the official client's generated modules (deep-imported, each ~80 KB minified, instead of the
// whole `Client`, which would make the worker ~4.8 MB) with our own transport plugged in as their HTTP library.

const LIST_PAGE_SIZE = 100;
const SEARCH_PAGE_SIZE = 200;
const SEARCH_CAP = 10_000;
const ASSOCIATION_BATCH = 100;
/** HubSpot's limit on one association batch read (developer changelog, February 2025: 1 000 ids). */
const CONTACT_LINKS_BATCH = 1000;
/** HubSpot's limit on one batch read of records. */
const BATCH_READ_SIZE = 100;

export interface HubSpotOptions extends TransportOptions {
  baseUrl?: string;
  automation?: AutomationRule;
}

/** The generated modules each carry their own copy of the HTTP types; this builds one module's configuration. */
export interface GeneratedModule<C> {
  createConfiguration(options: {
    baseServer: unknown;
    httpApi: unknown;
    authMethods: { oauth2: { accessToken: string } };
  }): C;
  ServerConfiguration: new (url: string, variables: Record<string, string>) => unknown;
  wrapHttpLibrary(library: { send(request: GeneratedRequest): Promise<unknown> }): unknown;
  ResponseContext: new (
    status: number,
    headers: Record<string, string>,
    body: { text(): Promise<string>; binary(): Promise<Buffer> },
  ) => unknown;
}

interface GeneratedRequest {
  getUrl(): string;
  getHttpMethod(): string;
  getHeaders(): Record<string, string>;
  getBody(): unknown;
}

export function configure<C>(module: GeneratedModule<C>, baseUrl: string, transport: HubSpotTransport): C {
  return module.createConfiguration({
    baseServer: new module.ServerConfiguration(baseUrl, {}),
    httpApi: module.wrapHttpLibrary({
      async send(request) {
        const body = request.getBody();
        const response = await transport.send({
          method: request.getHttpMethod(),
          // The generated modules build v3/v4 paths; the request goes out on the dated one (api-version.ts).
          url: datedUrl(request.getUrl()),
          headers: request.getHeaders(),
          body: typeof body === 'string' ? body : undefined,
        });
        return new module.ResponseContext(response.status, response.headers, {
          text: async () => response.text,
          binary: async () => Buffer.from(response.text),
        });
      },
    }),
    // The transport adds the Bearer header itself, so the token is in one place; the generated code still wants
    // an auth method to call.
    authMethods: { oauth2: { accessToken: '' } },
  });
}

const accountSchema = z.object({
  portalId: z.number(),
  timeZone: z.string(),
  companyCurrency: z.string(),
  uiDomain: z.string().optional(),
});

/** The generated client's objects carry Dates and class instances; the mapping wants HubSpot's JSON shape. */
function plain(object: {
  id: string;
  properties: Record<string, string | null>;
  archived?: boolean;
  associations?: Record<string, { results?: { id: string; type?: string }[] }>;
}): HubSpotObject {
  return {
    id: String(object.id),
    properties: object.properties ?? {},
    archived: object.archived ?? false,
    associations: object.associations,
  };
}

/** A response body that is not the JSON HubSpot promised (cut off, garbled) is worth one more try. */
async function reparsing<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof SyntaxError) || attempt >= attempts) throw error;
    }
  }
}

export class HubSpotAdapter implements CrmAdapter {
  readonly searchCap = SEARCH_CAP;
  readonly searchPageSize = SEARCH_PAGE_SIZE;
  readonly batchReadSize = BATCH_READ_SIZE;
  readonly transport: HubSpotTransport;
  readonly baseUrl: string;
  private readonly automation: AutomationRule;
  /** Also used by the tagger's writes (tag-writer.ts), over the same transport. */
  readonly basic: objects.BasicApi;
  private readonly batch: objects.BatchApi;
  private readonly search: objects.SearchApi;
  private readonly ownersApi: owners.OwnersApi;
  private readonly pipelinesApi: pipelines.PipelinesApi;
  readonly propertiesApi: properties.CoreApi;
  private readonly associationsApi: associationsV4.BatchApi;
  private stageIndex = new Map<string, Stage>();

  constructor(options: HubSpotOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/$/, '');
    this.automation = options.automation ?? DEFAULT_AUTOMATION_RULE;
    this.transport = new HubSpotTransport(options);
    const objectsConfig = configure(
      objects as unknown as GeneratedModule<objects.Configuration>,
      this.baseUrl,
      this.transport,
    );
    this.basic = new objects.BasicApi(objectsConfig);
    this.search = new objects.SearchApi(objectsConfig);
    this.batch = new objects.BatchApi(objectsConfig);
    this.ownersApi = new owners.OwnersApi(
      configure(owners as unknown as GeneratedModule<owners.Configuration>, this.baseUrl, this.transport),
    );
    this.pipelinesApi = new pipelines.PipelinesApi(
      configure(pipelines as unknown as GeneratedModule<pipelines.Configuration>, this.baseUrl, this.transport),
    );
    this.propertiesApi = new properties.CoreApi(
      configure(properties as unknown as GeneratedModule<properties.Configuration>, this.baseUrl, this.transport),
    );
    this.associationsApi = new associationsV4.BatchApi(
      configure(
        associationsV4 as unknown as GeneratedModule<associationsV4.Configuration>,
        this.baseUrl,
        this.transport,
      ),
    );
  }

  /** Deal mapping needs the pipelines' stages (closed/won fallback); the runner sets them after reading them. */
  serverNow(): number | undefined {
    return this.transport.serverNow();
  }

  setStages(stages: Stage[]): void {
    this.stageIndex = new Map(stages.map((stage) => [`${stage.pipelineId}|${stage.stageId}`, stage]));
  }

  /** The stage ids of every pipeline: each has its own `hs_v2_date_entered_<stageId>` property on deals. */
  private stageIds(): string[] {
    return [...this.stageIndex.values()].map((stage) => stage.stageId);
  }

  private readonly stageOf: StageLookup = (pipelineId, stageId) => this.stageIndex.get(`${pipelineId}|${stageId}`);

  private request(method: string, path: string, body?: unknown): HttpRequest {
    return {
      method,
      url: `${this.baseUrl}${path}`,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
  }

  /** `GET /account-info/v3/details` is not in the generated client: one small typed fetch. */
  async account(): Promise<PortalInfo> {
    return reparsing(async () => {
      const response = await this.transport.send(this.request('GET', API_PATHS.accountDetails));
      if (response.status !== 200) throw new CrmHttpError(response.status, `account details: HTTP ${response.status}`);
      const details = accountSchema.parse(JSON.parse(response.text));
      // The daily allowance resets at midnight in this zone: the limiter must know it before it runs out.
      this.transport.options.limiter.setTimeZone(details.timeZone);
      return {
        portalId: details.portalId,
        timeZone: details.timeZone,
        currency: details.companyCurrency,
        ...(details.uiDomain ? { uiDomain: details.uiDomain } : {}),
      };
    });
  }

  /** Per feature, what this key can do: one request per part (scope-probe.ts), each 403 read for its part only. */
  async probeScopes(): Promise<FeatureCheck[]> {
    try {
      const evidence = await probeParts((probe) =>
        this.transport.send(this.request(probe.method, probe.path, probe.body), true),
      );
      return judgeFeatures(evidence);
    } catch (error) {
      if (error instanceof ProbeUnauthorizedError) throw new CrmHttpError(401, 'HubSpot refused the token');
      throw error;
    }
  }

  async owners(): Promise<Owner[]> {
    const out: Owner[] = [];
    let after: string | undefined;
    do {
      const page = await reparsing(() => this.ownersApi.getPage(undefined, after, 100, false));
      for (const owner of page.results) {
        const mapped = mapOwner(owner);
        if (mapped) out.push(mapped);
      }
      after = page.paging?.next?.after;
    } while (after);
    return out;
  }

  async stages(): Promise<Stage[]> {
    const response = await reparsing(() => this.pipelinesApi.getAll('deals'));
    const stages = mapStages(
      response.results.map((pipeline) => ({
        id: pipeline.id,
        label: pipeline.label,
        stages: pipeline.stages.map((stage) => ({
          id: stage.id,
          label: stage.label,
          displayOrder: stage.displayOrder,
          metadata: stage.metadata,
        })),
      })),
    );
    this.setStages(stages);
    return stages;
  }

  async lifecycle() {
    const read = async (name: string) =>
      mapOptions(await reparsing(() => this.propertiesApi.getByName('contacts', name, false)));
    let lifecycleStages: LifecycleStage[];
    try {
      lifecycleStages = await read('lifecyclestage');
    } catch (error) {
      // Without the schema read scope the portal's own order is unknown; METRICS.md's standard list stands in.
      if (!isScopeError(error)) throw error;
      lifecycleStages = standardLifecycleStages.map((stage) => ({ ...stage }));
    }
    const leadStatuses = await read('hs_lead_status').catch((error: unknown) => {
      if (isScopeError(error)) return [];
      throw error;
    });
    return { lifecycleStages, leadStatuses };
  }

  private mapObject<T extends SyncedType>(type: T, object: HubSpotObject, leadIds?: string[]): Mapped<RecordOf<T>> {
    const problem = shapeProblem(type, object);
    if (problem) return { ok: false, invalid: problem };
    if (type === 'contacts') return mapContact(object) as Mapped<RecordOf<T>>;
    if (type === 'deals') return mapDeal(object, this.stageOf, leadIds) as Mapped<RecordOf<T>>;
    if (type === 'feedback') return mapFeedback(object, leadIds) as Mapped<RecordOf<T>>;
    if (isEngagementType(type)) return mapEngagement(type, object, this.automation, leadIds) as Mapped<RecordOf<T>>;
    throw new Error(`unknown type ${type}`);
  }

  private mapPage<T extends SyncedType>(
    type: T,
    results: HubSpotObject[],
    next: string | undefined,
    withAssociations: boolean,
    /** Lead links read apart from the records (a batch read returns none): these instead of the inline ones. */
    leadIds?: ReadonlyMap<string, string[]>,
  ): MappedPage<T> {
    const records: RecordOf<T>[] = [];
    const invalid: InvalidRecord[] = [];
    for (const object of results) {
      const links = leadIds ? (leadIds.get(object.id) ?? []) : withAssociations ? undefined : [];
      const mapped = this.mapObject(type, object, links);
      if (mapped.ok) {
        records.push(mapped.record);
        invalid.push(...mapped.ignored);
      } else invalid.push(mapped.invalid);
    }
    return {
      records,
      invalid,
      ...(next ? { next } : {}),
      ids: results.map((object) => object.id),
      modifiedAt: results.map((object) => modifiedAtOf(type, object)),
      withAssociations,
    };
  }

  async listPage<T extends SyncedType>(type: T, after: string | undefined): Promise<MappedPage<T>> {
    const response = await reparsing(() =>
      this.basic.getPage(
        OBJECT_TYPE[type],
        LIST_PAGE_SIZE,
        after,
        propertiesFor(type, this.automation, this.stageIds()),
        undefined,
        type === 'contacts' ? undefined : ['contacts'],
        false,
      ),
    );
    return this.mapPage(type, response.results.map(plain), response.paging?.next?.after, type !== 'contacts');
  }

  async searchPage<T extends SyncedType>(
    type: T,
    searchWindow: SearchWindow,
    ownerId?: string,
  ): Promise<MappedPage<T>> {
    const modified = lastModifiedProperty(type);
    const filters = [
      ...(searchWindow.afterId === undefined
        ? [{ propertyName: modified, operator: 'GTE', value: String(searchWindow.from) }]
        : [
            { propertyName: modified, operator: 'EQ', value: String(searchWindow.from) },
            { propertyName: 'hs_object_id', operator: 'GT', value: searchWindow.afterId },
          ]),
      ...ownerFilter(ownerId),
    ];
    const request = {
      filterGroups: [{ filters }],
      sorts: [searchWindow.afterId === undefined ? modified : 'hs_object_id'],
      properties: propertiesFor(type, this.automation, this.stageIds()),
      limit: SEARCH_PAGE_SIZE,
      after: String(searchWindow.offset),
    } as unknown as objects.PublicObjectSearchRequest;
    const response = await reparsing(() => this.search.doSearch(OBJECT_TYPE[type], request));
    const page = this.mapPage(type, response.results.map(plain), response.paging?.next?.after, type === 'contacts');
    return { ...page, total: response.total };
  }

  /**
   * Contacts by address or id (at most 100 of each): a rep's on-demand look-up of a lead not in the cache. Batch reads,
   * by `email` (HubSpot's unique primary address, as `idProperty`) and by id, rather than a search: they count in the
   * 10-second window, which every answer's headers let a team's browsers share, not in the search limit (5 a second
   * for the whole token, answered without rate headers, which a team's polls already use most of); and they read
   * what HubSpot has now, where search lags its writes by seconds. A key HubSpot does not know is simply missing.
   */
  async contactsByKeys(emails: readonly string[], ids: readonly string[]): Promise<LeadRecord[]> {
    const properties = propertiesFor('contacts', this.automation, this.stageIds());
    const read = (keys: readonly string[], idProperty?: string) =>
      reparsing(() =>
        this.batch.read(OBJECT_TYPE.contacts, {
          inputs: keys.map((id) => ({ id })),
          properties,
          propertiesWithHistory: [],
          ...(idProperty ? { idProperty } : {}),
        } as objects.BatchReadInputSimplePublicObjectId),
      );
    const responses = await Promise.all([
      emails.length > 0 ? read(emails, 'email') : undefined,
      ids.length > 0 ? read(ids) : undefined,
    ]);
    const results = new Map<string, HubSpotObject>();
    for (const response of responses)
      for (const object of response?.results ?? []) results.set(String(object.id), plain(object));
    return this.mapPage('contacts', [...results.values()], undefined, true).records;
  }

  async census(type: SyncedType): Promise<{ total: number; newestModifiedAt?: number }> {
    const modified = lastModifiedProperty(type);
    const request = {
      filterGroups: [],
      sorts: [`-${modified}`],
      properties: [modified],
      limit: 1,
      after: '0',
    } as unknown as objects.PublicObjectSearchRequest;
    const response = await reparsing(() => this.search.doSearch(OBJECT_TYPE[type], request));
    const newest = response.results[0];
    const newestModifiedAt = newest ? modifiedAtOf(type, plain(newest)) : Number.NaN;
    return { total: response.total, ...(Number.isFinite(newestModifiedAt) ? { newestModifiedAt } : {}) };
  }

  async leadAssociations(type: Exclude<SyncedType, 'contacts'>, ids: string[]): Promise<Map<string, string[]>> {
    const links = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (let start = 0; start < ids.length; start += ASSOCIATION_BATCH) {
      const inputs = ids.slice(start, start + ASSOCIATION_BATCH).map((id) => ({ id }));
      const response = await reparsing(() =>
        this.associationsApi.getPage(OBJECT_TYPE[type], 'contacts', {
          inputs,
        } as associationsV4.BatchInputPublicFetchAssociationsBatchRequest),
      );
      for (const result of response.results) {
        const from = String(result._from.id);
        links.set(from, [...new Set(result.to.map((to) => String(to.toObjectId)))]);
      }
    }
    return links;
  }

  /**
   * The ids of a type linked to each of these contacts: a rep's deals and engagements are those of their leads, read
   * through the contacts' associations (HubSpot takes 1 000 ids a request) rather than searched for.
   */
  async contactLinks(type: Exclude<SyncedType, 'contacts'>, contactIds: string[]): Promise<Map<string, string[]>> {
    const links = new Map<string, string[]>(contactIds.map((id) => [id, []]));
    for (let start = 0; start < contactIds.length; start += CONTACT_LINKS_BATCH) {
      const inputs = contactIds.slice(start, start + CONTACT_LINKS_BATCH).map((id) => ({ id }));
      const response = await reparsing(() =>
        this.associationsApi.getPage('contacts', OBJECT_TYPE[type], {
          inputs,
        } as associationsV4.BatchInputPublicFetchAssociationsBatchRequest),
      );
      for (const result of response.results)
        links.set(String(result._from.id), [...new Set(result.to.map((to) => String(to.toObjectId)))]);
    }
    return links;
  }

  /**
   * Records by id, at most `batchReadSize` in one request, mapped with the lead links the caller read for them (a
   * batch read returns no associations). Ids that are gone (archived meanwhile) are simply not in the page.
   */
  async recordsByIds<T extends Exclude<SyncedType, 'contacts'>>(
    type: T,
    ids: string[],
    leadIds: ReadonlyMap<string, string[]>,
  ): Promise<MappedPage<T>> {
    if (ids.length > BATCH_READ_SIZE) throw new Error(`at most ${BATCH_READ_SIZE} ids in one batch read`);
    const response = await reparsing(() =>
      this.batch.read(OBJECT_TYPE[type], {
        inputs: ids.map((id) => ({ id })),
        properties: propertiesFor(type, this.automation, this.stageIds()),
        propertiesWithHistory: [],
      } as objects.BatchReadInputSimplePublicObjectId),
    );
    return this.mapPage(type, response.results.map(plain), undefined, true, leadIds);
  }

  async archivedPage(type: SyncedType, after: string | undefined): Promise<{ ids: string[]; next?: string }> {
    const response = await reparsing(() =>
      this.basic.getPage(OBJECT_TYPE[type], LIST_PAGE_SIZE, after, ['hs_object_id'], undefined, undefined, true),
    );
    const next = response.paging?.next?.after;
    return { ids: response.results.map((object) => String(object.id)), ...(next ? { next } : {}) };
  }
}

/**
 * A rep's records: every CRM object LeadLens keeps names its owner in `hubspot_owner_id` (contacts, deals and each
 * engagement type alike), so one filter serves all of them.
 */
function ownerFilter(ownerId: string | undefined): { propertyName: string; operator: string; value: string }[] {
  return ownerId === undefined ? [] : [{ propertyName: 'hubspot_owner_id', operator: 'EQ', value: ownerId }];
}

function isScopeError(error: unknown): boolean {
  return error instanceof CrmScopeError;
}
