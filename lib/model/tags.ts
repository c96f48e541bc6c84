// What a tag and the outbox hold: shared by the tagging rules, the database and the background's outbox service.

export type OutboxState = 'pending' | 'sending' | 'applied' | 'conflict';

export interface OutboxEntry {
  /** Stable id made when the tag is created; applying the same id twice writes the same values. */
  id: string;
  /** Lower-cased e-mail, or the contact id once known: the key that orders tags. */
  contactKey: string;
  /** Monotonic sequence from the moment of tagging; ties are impossible within one browser. */
  seq: number;
  state: OutboxState;
  attempts: number;
  /** Earliest instant of the next attempt (ms). */
  notBefore: number;
}

/** Why a tag stopped and waits for the user: each has its own message and action in the outbox list. */
export type ConflictReason =
  | 'contactNotFound'
  | 'contactDeleted'
  | 'invalidValue'
  | 'missingScope'
  | 'reconnect'
  | 'duplicateEmail';

/** The values a tag writes, as validated by `validateTag` when it was made. */
export interface TagValues {
  email: string;
  source: string;
  campaign?: string;
  url?: string;
  /** When the marketer made the tag (ms); written as the contact's "tagged at". */
  taggedAt: number;
  /** Set when no contact matched and the marketer confirmed creating one. */
  create?: { firstName?: string; lastName?: string };
}

/** An outbox entry as stored: the plan's fields plus the tag and what happened to it. */
export interface OutboxRow extends OutboxEntry {
  /**
   * A source tag (the default), the lead status a rep's "Not a lead" sets, or a rep's reply logged from a mail thread
   * as an e-mail engagement (`tag.source` is empty for both).
   */
  write?: 'tag' | 'leadStatus' | 'emailReply';
  leadStatus?: string;
  /** `emailReply` only: when the reply was sent (ms), the subject it is logged under and the rep's CRM owner id. */
  reply?: { sentAt: number; subject: string; ownerId?: string };
  tag: TagValues;
  /** The CRM contact, once known (from the cache, a look-up, or the create). */
  contactId?: string;
  createdAt: number;
  appliedAt?: number;
  conflict?: { reason: ConflictReason; detail: string };
  /** The cached lead's tag fields before this tag was shown on it, put back if the user discards the tag. */
  previous?: { sourceTag?: string; campaign?: string; taggedUrl?: string; taggedAt?: number };
  /** The last transient failure, shown while the tag waits for its retry. */
  lastError?: string;
}
