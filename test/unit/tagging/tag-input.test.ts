import { describe, expect, it } from 'vitest';
import { MAX_TAG_LENGTH, validateTag } from '../../../lib/tagging/tag-input';

const good = {
  email: ' Dana@Example.com ',
  source: 'partner-webinar',
  campaign: 'q4-launch',
  url: 'https://p.example/w?a=1',
};

describe('validateTag', () => {
  it('cleans a good tag', () => {
    expect(validateTag(good)).toEqual({
      ok: true,
      tag: {
        email: 'dana@example.com',
        source: 'partner-webinar',
        campaign: 'q4-launch',
        url: 'https://p.example/w?a=1',
      },
    });
  });

  it('accepts Hebrew text and leaves optional fields out when empty', () => {
    expect(validateTag({ email: 'a@b.co', source: 'וובינר שותפים', campaign: '', url: '' })).toEqual({
      ok: true,
      tag: { email: 'a@b.co', source: 'וובינר שותפים' },
    });
  });

  it.each([
    [{ email: 'not-an-address' }, 'email', 'invalidEmail'],
    [{ email: '' }, 'email', 'required'],
    [{ source: '  ' }, 'source', 'required'],
    [{ source: 'x'.repeat(MAX_TAG_LENGTH + 1) }, 'source', 'tooLong'],
    [{ source: 'part\u0000ner' }, 'source', 'controlCharacters'],
    [{ campaign: 'q4\u202Ehcnual' }, 'campaign', 'controlCharacters'],
    [{ campaign: '<img src=x onerror=alert(1)>' }, 'campaign', 'markup'],
    [{ source: 'a&lt;b' }, 'source', 'markup'],
    [{ url: 'javascript:alert(1)' }, 'url', 'invalidUrl'],
    [{ url: `https://x.example/${'a'.repeat(2001)}` }, 'url', 'tooLong'],
  ] as const)('%o → %s %s', (patch, field, problem) => {
    const result = validateTag({ ...good, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ field, problem });
  });

  it('reports every bad field at once', () => {
    const result = validateTag({ email: 'x', source: '', campaign: '<b>', url: 'ftp://x' });
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual(['email', 'source', 'campaign', 'url']);
  });
});
