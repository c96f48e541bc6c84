import type * as objects from '@hubspot/api-client/lib/codegen/crm/objects';
import * as properties from '@hubspot/api-client/lib/codegen/crm/properties';
import { CrmRejectedError, type CrmTagWriter, optionFor, type PropertyTarget, type TagWrite } from '../adapter';
import { configure, type GeneratedModule, type HubSpotAdapter } from './client';
import { OBJECT_TYPE, TAG_PROPERTIES } from './properties';

// The tagger's writes through the official client: the contact's LeadLens properties (created once, in a "LeadLens"
// group), contact look-up by address and contact creation. Reads go through the same transport as the sync, so the
// same limiter, retries and token apply.

export const TAG_GROUP = { name: 'leadlens', label: 'LeadLens', displayOrder: -1 };

type PropertyType = properties.PropertyCreateTypeEnum;
type FieldType = properties.PropertyCreateFieldTypeEnum;

const DEFINITIONS: { name: string; label: string; type: `${PropertyType}`; fieldType: `${FieldType}` }[] = [
  { name: TAG_PROPERTIES.source, label: 'LeadLens source', type: 'string', fieldType: 'text' },
  { name: TAG_PROPERTIES.campaign, label: 'LeadLens campaign', type: 'string', fieldType: 'text' },
  { name: TAG_PROPERTIES.url, label: 'LeadLens tagged URL', type: 'string', fieldType: 'text' },
  { name: TAG_PROPERTIES.at, label: 'LeadLens tagged at', type: 'datetime', fieldType: 'date' },
];

/** The generated client throws `ApiException` (code, body) for any status it was not told to expect. */
export function apiFailure(error: unknown): { code: number; message: string } | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  if (typeof code !== 'number') return undefined;
  const body = (error as { body?: unknown }).body;
  let message = '';
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      message = String((parsed as { message?: unknown }).message ?? body);
    } catch {
      message = body;
    }
  } else if (typeof body === 'object' && body !== null) {
    message = String((body as { message?: unknown }).message ?? '');
  }
  return { code, message };
}

/** HubSpot's 409 on a contact create names the contact that has the address: "Contact already exists. Existing ID: 123". */
export function existingIdOf(message: string): string | undefined {
  return /Existing ID:\s*(\d+)/i.exec(message)?.[1];
}

export class HubSpotTagWriter implements CrmTagWriter {
  private readonly basic: objects.BasicApi;
  private readonly core: properties.CoreApi;
  private readonly groups: properties.GroupsApi;
  private propertiesReady = false;
  private target: Promise<PropertyTarget | undefined> | undefined;

  /** `sourceProperty`: one of the portal's own contact properties the source is also written to. */
  constructor(
    adapter: HubSpotAdapter,
    private readonly sourceProperty?: string,
  ) {
    this.basic = adapter.basic;
    this.core = adapter.propertiesApi;
    // The sync reads no property groups, so the adapter has no groups API; this one shares its transport.
    this.groups = new properties.GroupsApi(
      configure(properties as unknown as GeneratedModule<properties.Configuration>, adapter.baseUrl, adapter.transport),
    );
  }

  async ensureTagProperties(): Promise<void> {
    if (this.propertiesReady) return;
    const missing: typeof DEFINITIONS = [];
    for (const definition of DEFINITIONS) {
      try {
        await this.core.getByName(OBJECT_TYPE.contacts, definition.name);
      } catch (error) {
        if (apiFailure(error)?.code !== 404) throw error;
        missing.push(definition);
      }
    }
    if (missing.length > 0) {
      await this.ensureGroup();
      for (const definition of missing) {
        try {
          await this.core.create(OBJECT_TYPE.contacts, {
            ...definition,
            type: definition.type as PropertyType,
            fieldType: definition.fieldType as FieldType,
            groupName: TAG_GROUP.name,
          });
        } catch (error) {
          // Another LeadLens browser of the team may have created it a moment ago.
          if (apiFailure(error)?.code !== 409) throw error;
        }
      }
    }
    this.propertiesReady = true;
  }

  private async ensureGroup(): Promise<void> {
    try {
      await this.groups.getByName(OBJECT_TYPE.contacts, TAG_GROUP.name);
    } catch (error) {
      if (apiFailure(error)?.code !== 404) throw error;
      try {
        await this.groups.create(OBJECT_TYPE.contacts, TAG_GROUP);
      } catch (createError) {
        if (apiFailure(createError)?.code !== 409) throw createError;
      }
    }
  }

  async contactIdByEmail(email: string): Promise<string | undefined> {
    try {
      const contact = await this.basic.getById(
        OBJECT_TYPE.contacts,
        email,
        ['email'],
        undefined,
        undefined,
        false,
        'email',
      );
      return String(contact.id);
    } catch (error) {
      if (apiFailure(error)?.code === 404) return undefined;
      throw error;
    }
  }

  async createContact(input: { email: string; firstName?: string; lastName?: string }): Promise<string> {
    try {
      const created = await this.basic.create(OBJECT_TYPE.contacts, {
        properties: {
          email: input.email,
          ...(input.firstName ? { firstname: input.firstName } : {}),
          ...(input.lastName ? { lastname: input.lastName } : {}),
        },
        associations: [],
      });
      return String(created.id);
    } catch (error) {
      const failure = apiFailure(error);
      // A retry of a create whose reply was lost, or a contact made meanwhile: the address is the contact's key.
      const existing = failure?.code === 409 ? existingIdOf(failure.message) : undefined;
      if (existing) return existing;
      if (failure?.code === 400) throw new CrmRejectedError(failure.message);
      throw error;
    }
  }

  async describeProperty(name: string): Promise<PropertyTarget | undefined> {
    try {
      const property = await this.core.getByName(OBJECT_TYPE.contacts, name);
      const options = property.options.filter((option) => !option.hidden);
      return {
        name: property.name,
        label: property.label,
        ...(property.type === 'enumeration' ? { options: options.map(({ value, label }) => ({ value, label })) } : {}),
      };
    } catch (error) {
      if (apiFailure(error)?.code === 404) return undefined;
      throw error;
    }
  }

  /** The portal's own property's value for this source; a removed property or option is the user's to resolve. */
  private async ownPropertyValue(source: string): Promise<Record<string, string>> {
    if (!this.sourceProperty) return {};
    this.target ??= this.describeProperty(this.sourceProperty);
    // A failed look-up (offline) is not remembered: the next tag asks again.
    const target = await this.target.catch((error: unknown) => {
      this.target = undefined;
      throw error;
    });
    if (!target) throw new CrmRejectedError(`the property ${this.sourceProperty} no longer exists in HubSpot`);
    const value = optionFor(target, source);
    if (value === undefined) {
      const choices = (target.options ?? []).map((option) => option.label).join(', ');
      throw new CrmRejectedError(`“${source}” is not an option of ${target.label} (${choices})`);
    }
    return { [target.name]: value };
  }

  /** `false` when the contact no longer exists; a refused value is the user's to resolve. */
  private async updateContact(contactId: string, values: Record<string, string>): Promise<boolean> {
    try {
      await this.basic.update(OBJECT_TYPE.contacts, contactId, { properties: values });
      return true;
    } catch (error) {
      const failure = apiFailure(error);
      if (failure?.code === 404) return false;
      if (failure?.code === 400) throw new CrmRejectedError(failure.message);
      throw error;
    }
  }

  writeLeadStatus(contactId: string, status: string): Promise<boolean> {
    return this.updateContact(contactId, { hs_lead_status: status });
  }

  async writeTag(contactId: string, tag: TagWrite): Promise<boolean> {
    await this.ensureTagProperties();
    return this.updateContact(contactId, {
      ...(await this.ownPropertyValue(tag.source)),
      [TAG_PROPERTIES.source]: tag.source,
      // Empty clears: a contact ends with exactly its latest tag's values.
      [TAG_PROPERTIES.campaign]: tag.campaign ?? '',
      [TAG_PROPERTIES.url]: tag.url ?? '',
      [TAG_PROPERTIES.at]: new Date(tag.taggedAt).toISOString(),
    });
  }
}
