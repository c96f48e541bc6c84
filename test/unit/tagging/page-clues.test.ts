import { describe, expect, it } from 'vitest';
import { addressesIn, addressFromMailto, referringDomain, utmOf } from '../../../lib/tagging/page-clues';

describe('utmOf', () => {
  it('reads the five UTM parameters, trimmed, ignoring others and empty values', () => {
    const url =
      'https://www.example-partner.com/webinar?utm_source=partner&UTM_Medium=webinar&utm_campaign=%20q4-launch%20&utm_term=&ref=x';
    expect(utmOf(url)).toEqual({ utm_source: 'partner', utm_medium: 'webinar', utm_campaign: 'q4-launch' });
  });

  it('keeps the first of repeated parameters and survives a malformed URL', () => {
    expect(utmOf('https://a.example/?utm_source=first&utm_source=second')).toEqual({ utm_source: 'first' });
    expect(utmOf('not a url')).toEqual({});
  });
});

describe('referringDomain', () => {
  it.each([
    ['https://www.linkedin.com/feed/', 'https://www.example-partner.com/', 'linkedin.com'],
    ['https://www.example-partner.com/a', 'https://www.example-partner.com/b', undefined],
    ['', 'https://www.example-partner.com/', undefined],
    ['android-app://com.google.android.gm/', 'https://x.example/', undefined],
  ])('%s on %s → %s', (referrer, current, expected) => {
    expect(referringDomain(referrer, current)).toBe(expected);
  });
});

describe('addressesIn', () => {
  it('finds distinct addresses in order, lower-cased, without trailing dots or image names', () => {
    const text = 'Write to Dana.Levi@Example.co.il. Or dana.levi@example.co.il, or ops@partner.io; logo@2x.png';
    expect(addressesIn(text)).toEqual(['dana.levi@example.co.il', 'ops@partner.io']);
  });

  it('stops at the limit', () => {
    const text = Array.from({ length: 10 }, (_, index) => `p${index}@x.io`).join(' ');
    expect(addressesIn(text, 3)).toEqual(['p0@x.io', 'p1@x.io', 'p2@x.io']);
  });

  it('reads mailto links, query and encoding included', () => {
    expect(addressFromMailto('mailto:Sales%40Acme.com?subject=hi')).toBe('sales@acme.com');
    expect(addressFromMailto('https://acme.com')).toBeUndefined();
  });
});
