import * as objects from '@hubspot/api-client/lib/codegen/crm/objects';
import { CrmRejectedError, type CrmReplyLogger, type ReplyToLog } from '../adapter';
import { configure, type GeneratedModule, type HubSpotAdapter } from './client';
import { OBJECT_TYPE } from './properties';
import { apiFailure } from './tag-writer';

// "Log this reply" (issue #20): a rep's reply from their own mailbox becomes an e-mail engagement on the contact, as
// HubSpot's e-mail API guide describes logging one: `hs_timestamp` (required; where it sits on the timeline),
// `hs_email_direction` EMAIL (sent by the rep; INCOMING_EMAIL is the lead's, FORWARDED_EMAIL neither),
// `hs_email_status` SENT and `hs_email_subject`, created with its association to the contact in the same request
// (HubSpot-defined type 198, e-mail to contact). The sync maps an EMAIL that is not automated to an outgoing e-mail
// touch, which is a response (lib/metrics/response.ts): the lead's timer stops on the next sync.
// Through the official client's BasicApi, so the request goes out on the dated path like every other write.

/** HubSpot's default association from an e-mail to a contact. */
export const EMAIL_TO_CONTACT = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 198 } as const;

/** The e-mail's properties as HubSpot's engagement documentation names them. */
export function replyProperties(reply: ReplyToLog): Record<string, string> {
  return {
    hs_timestamp: new Date(reply.sentAt).toISOString(),
    hs_email_direction: 'EMAIL',
    hs_email_status: 'SENT',
    hs_email_subject: reply.subject,
    ...(reply.ownerId ? { hubspot_owner_id: reply.ownerId } : {}),
  };
}

export class HubSpotReplyLogger implements CrmReplyLogger {
  private readonly basic: objects.BasicApi;
  private readonly search: objects.SearchApi;

  constructor(adapter: HubSpotAdapter) {
    this.basic = adapter.basic;
    this.search = new objects.SearchApi(
      configure(objects as unknown as GeneratedModule<objects.Configuration>, adapter.baseUrl, adapter.transport),
    );
  }

  async logReply(contactId: string, reply: ReplyToLog): Promise<string | false> {
    // An attempt may follow a create whose answer was lost (or a worker stopped mid-request, which leaves no count of
    // attempts): the e-mail is there already, and a second one would log the same reply twice. One search is cheap.
    const existing = await this.alreadyLogged(contactId, reply);
    if (existing) return existing;
    try {
      const created = await this.basic.create(OBJECT_TYPE.emails, {
        properties: replyProperties(reply),
        associations: [
          {
            to: { id: contactId },
            types: [{ ...EMAIL_TO_CONTACT } as objects.AssociationSpec],
          },
        ],
      });
      return String(created.id);
    } catch (error) {
      const failure = apiFailure(error);
      if (failure?.code !== 400) throw error;
      // HubSpot refuses an association to a contact that is gone with a validation error, like a bad value.
      if (!(await this.contactExists(contactId))) return false;
      throw new CrmRejectedError(failure.message);
    }
  }

  private async contactExists(contactId: string): Promise<boolean> {
    try {
      await this.basic.getById(OBJECT_TYPE.contacts, contactId, ['email']);
      return true;
    } catch (error) {
      if (apiFailure(error)?.code === 404) return false;
      throw error;
    }
  }

  /** An outgoing e-mail at this very instant with this subject, on this contact: the one an earlier attempt made. */
  private async alreadyLogged(contactId: string, reply: ReplyToLog): Promise<string | undefined> {
    const request = {
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_timestamp', operator: 'EQ', value: String(reply.sentAt) },
            { propertyName: 'hs_email_direction', operator: 'EQ', value: 'EMAIL' },
          ],
        },
      ],
      properties: ['hs_email_subject'],
      limit: 10,
      after: '0',
    } as unknown as objects.PublicObjectSearchRequest;
    const found = await this.search.doSearch(OBJECT_TYPE.emails, request);
    for (const email of found.results) {
      if ((email.properties.hs_email_subject ?? '') !== reply.subject) continue;
      const withLinks = await this.basic.getById(OBJECT_TYPE.emails, String(email.id), [], undefined, ['contacts']);
      const contacts = withLinks.associations?.contacts?.results ?? [];
      if (contacts.some((link) => String(link.id) === contactId)) return String(email.id);
    }
    return undefined;
  }
}
