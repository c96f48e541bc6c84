// Validation of what a marketer types or picks before a tag may enter the outbox. Everything here is text that will
// be written to the CRM and shown to the whole team, so it is checked for what would break or deceive there.

export const MAX_TAG_LENGTH = 100;
export const MAX_URL_LENGTH = 2000;
export const MAX_NAME_LENGTH = 200;

export type TagField = 'email' | 'source' | 'campaign' | 'url' | 'name';
export type TagProblem = 'required' | 'tooLong' | 'controlCharacters' | 'markup' | 'invalidEmail' | 'invalidUrl';

export interface FieldError {
  field: TagField;
  problem: TagProblem;
}

// C0/C1 controls and the bidirectional overrides/isolates, which can make a tag read differently from what it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const MARKUP = /[<>]|javascript:|&#|&[a-z]+;/i;
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$/;

function textProblem(value: string, maxLength: number): TagProblem | null {
  if (value.length > maxLength) return 'tooLong';
  if (CONTROL.test(value)) return 'controlCharacters';
  if (MARKUP.test(value)) return 'markup';
  return null;
}

export interface TagDraft {
  email: string;
  source: string;
  campaign: string;
  url: string;
  /** Only for a new lead created from the page. */
  name?: string;
}

export interface CleanTag {
  email: string;
  source: string;
  campaign?: string;
  url?: string;
  name?: string;
}

/** Either the cleaned tag (trimmed, e-mail lower-cased) or every field's error, so the form can show them all. */
export function validateTag(draft: TagDraft): { ok: true; tag: CleanTag } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const email = draft.email.trim().toLowerCase();
  const source = draft.source.trim();
  const campaign = draft.campaign.trim();
  const url = draft.url.trim();
  const name = draft.name?.trim() ?? '';

  if (email === '') errors.push({ field: 'email', problem: 'required' });
  else if (email.length > 254 || !EMAIL.test(email)) errors.push({ field: 'email', problem: 'invalidEmail' });

  if (source === '') errors.push({ field: 'source', problem: 'required' });
  else {
    const problem = textProblem(source, MAX_TAG_LENGTH);
    if (problem) errors.push({ field: 'source', problem });
  }
  if (campaign !== '') {
    const problem = textProblem(campaign, MAX_TAG_LENGTH);
    if (problem) errors.push({ field: 'campaign', problem });
  }
  if (name !== '') {
    const problem = textProblem(name, MAX_NAME_LENGTH);
    if (problem) errors.push({ field: 'name', problem });
  }
  if (url !== '') {
    if (url.length > MAX_URL_LENGTH) errors.push({ field: 'url', problem: 'tooLong' });
    else if (CONTROL.test(url)) errors.push({ field: 'url', problem: 'controlCharacters' });
    else if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) errors.push({ field: 'url', problem: 'invalidUrl' });
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    tag: {
      email,
      source,
      ...(campaign ? { campaign } : {}),
      ...(url ? { url } : {}),
      ...(name ? { name } : {}),
    },
  };
}
