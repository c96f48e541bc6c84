// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://www.example-partner.com/webinar?utm_source=partner&utm_medium=webinar&utm_campaign=q4-launch"}
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cluesFrom, type RawPage, readPageForTagger } from '../../../lib/tagging/read-page';

// The tagger's page reader in a DOM, on a page shaped like the partner landing replica (test/fake-hubspot/replicas.ts,
// `partnerView`: a heading, tabs, the hosts' addresses in running text, a mailto link, a footer), and `cluesFrom` on
// what it read.

const PAGE_URL = 'https://www.example-partner.com/webinar?utm_source=partner&utm_medium=webinar&utm_campaign=q4-launch';

const PARTNER_PAGE = `
<div id="app" data-replica="partner">
  <div class="landing">
    <h1>Q4 Launch: answering every lead in five minutes</h1>
    <nav><a href="#agenda" aria-current="true">Agenda</a><a href="#speakers">Speakers</a></nav>
    <section id="content">
      <p id="agenda">Join Dana Levi, Omer Katz for the Q4 launch. Contact our hosts at
        Dana.Levi@Example.co.il, omer.katz@partner.io or events@example-partner.com.</p>
      <p>Questions? Write to <a href="mailto:Events@Example-Partner.com?subject=Q4">the events team</a>
        or <a href="MAILTO:rsvp%40example-partner.com">RSVP</a>.</p>
    </section>
    <footer>utm_campaign=q4-launch</footer>
  </div>
</div>`;

beforeEach(() => {
  document.title = 'Q4 Launch webinar | Example Partner';
  document.body.innerHTML = PARTNER_PAGE;
  // The marketer arrived from a LinkedIn post; happy-dom has no navigation history to give a referrer.
  Object.defineProperty(document, 'referrer', { value: 'https://www.linkedin.com/feed/', configurable: true });
});
afterEach(() => {
  globalThis.getSelection()?.removeAllRanges();
  document.body.innerHTML = '';
});

/** Selects the text of one element, as a marketer dragging over it would. */
function select(element: Element): void {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = globalThis.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

describe('readPageForTagger', () => {
  it('reads the URL, title, referrer, visible text and every mailto link (any case of the scheme)', () => {
    const raw = readPageForTagger();
    expect(raw.url).toBe(PAGE_URL);
    expect(raw.title).toBe('Q4 Launch webinar | Example Partner');
    expect(raw.referrer).toBe('https://www.linkedin.com/feed/');
    // Both links, in document order, as written: the reader returns raw hrefs, `cluesFrom` decodes them.
    expect(raw.mailtos).toEqual(['mailto:Events@Example-Partner.com?subject=Q4', 'MAILTO:rsvp%40example-partner.com']);
    expect(raw.text).toContain('Q4 Launch: answering every lead in five minutes');
    expect(raw.text).toContain('Dana.Levi@Example.co.il');
    // Link text is part of the visible text; the href of a link is not.
    expect(raw.text).toContain('the events team');
    expect(raw.text).not.toContain('mailto:');
    expect(raw.selection).toBe('');
  });

  it('reads the selection', () => {
    const paragraph = document.querySelector('#agenda');
    if (!paragraph) throw new Error('the page has an agenda paragraph');
    select(paragraph);
    expect(readPageForTagger().selection).toContain('omer.katz@partner.io');
  });

  it('caps the text it returns', () => {
    document.body.innerHTML = `<p>${'a'.repeat(250_000)}</p>`;
    // TEXT_LIMIT in readPageForTagger.
    expect(readPageForTagger().text).toHaveLength(200_000);
  });
});

describe('cluesFrom', () => {
  const raw: RawPage = {
    url: PAGE_URL,
    referrer: 'https://www.linkedin.com/feed/',
    title: 'Q4 Launch webinar | Example Partner',
    text: 'Contact our hosts at Dana.Levi@Example.co.il, omer.katz@partner.io or events@example-partner.com.',
    mailtos: ['mailto:Events@Example-Partner.com?subject=Q4', 'MAILTO:rsvp%40example-partner.com'],
    selection: 'please tag OMER.KATZ@partner.io',
  };

  it('orders addresses: selected, then mailto links, then the text; lower-cased and without repeats', () => {
    const clues = cluesFrom(raw, { url: 'https://ignored.example/' });
    expect(clues.addresses).toEqual([
      // The selection.
      'omer.katz@partner.io',
      // The mailto links, decoded; events@ is not repeated when the text names it again.
      'events@example-partner.com',
      'rsvp@example-partner.com',
      // What is left of the text: omer and events were already listed.
      'dana.levi@example.co.il',
    ]);
    expect(clues.url).toBe(PAGE_URL);
    expect(clues.title).toBe('Q4 Launch webinar | Example Partner');
    expect(clues.unreadable).toBeUndefined();
  });

  it('a selection given by the context menu replaces the one read from the page', () => {
    const clues = cluesFrom(raw, {}, undefined, 'rsvp@EXAMPLE-partner.com');
    expect(clues.addresses[0]).toBe('rsvp@example-partner.com');
    // omer is no longer selected, so it falls back to its place in the text, after the mailto addresses.
    expect(clues.addresses).toEqual([
      'rsvp@example-partner.com',
      'events@example-partner.com',
      'dana.levi@example.co.il',
      'omer.katz@partner.io',
    ]);
  });

  it('a right-clicked mailto link comes before everything', () => {
    const clues = cluesFrom(raw, {}, 'mailto:new.lead@acme.example');
    expect(clues.addresses[0]).toBe('new.lead@acme.example');
    expect(clues.addresses[1]).toBe('omer.katz@partner.io');
    // A mailto link is not a page: the tag still records the page's URL and UTMs.
    expect(clues.url).toBe(PAGE_URL);
    expect(clues.utm).toEqual({ utm_source: 'partner', utm_medium: 'webinar', utm_campaign: 'q4-launch' });
  });

  it("takes the UTMs and URL of a right-clicked link that has UTMs, else the page's", () => {
    const tracked = 'https://www.example-partner.com/register?utm_source=newsletter&utm_campaign=dec-digest';
    expect(cluesFrom(raw, {}, tracked)).toMatchObject({
      url: tracked,
      utm: { utm_source: 'newsletter', utm_campaign: 'dec-digest' },
    });
    // The link has no UTMs of its own: the page's are kept (the URL recorded is still the link).
    const plain = 'https://www.example-partner.com/register';
    expect(cluesFrom(raw, {}, plain)).toMatchObject({
      url: plain,
      utm: { utm_source: 'partner', utm_medium: 'webinar', utm_campaign: 'q4-launch' },
    });
  });

  it('gives the referring domain without www., and none for a referrer on the same site', () => {
    expect(cluesFrom(raw, {}).referrer).toBe('linkedin.com');
    const internal = { ...raw, referrer: 'https://www.example-partner.com/' };
    expect(cluesFrom(internal, {})).not.toHaveProperty('referrer');
  });

  it('marks a page it could not read as unreadable and uses the tab for URL and title', () => {
    const tabUrl = 'https://chromewebstore.google.com/detail/x?utm_source=store';
    const clues = cluesFrom(undefined, { url: tabUrl, title: 'Chrome Web Store' });
    expect(clues).toEqual({
      url: tabUrl,
      title: 'Chrome Web Store',
      addresses: [],
      // The tab's URL still carries UTMs.
      utm: { utm_source: 'store' },
      unreadable: true,
    });
  });

  it('reads the clues end to end from the page in the DOM', () => {
    const paragraph = document.querySelector('#agenda');
    if (!paragraph) throw new Error('the page has an agenda paragraph');
    select(paragraph);
    const clues = cluesFrom(readPageForTagger(), {});
    // The selected paragraph's three addresses in order, then the mailto addresses not yet listed.
    expect(clues.addresses).toEqual([
      'dana.levi@example.co.il',
      'omer.katz@partner.io',
      'events@example-partner.com',
      'rsvp@example-partner.com',
    ]);
    expect(clues.utm).toEqual({ utm_source: 'partner', utm_medium: 'webinar', utm_campaign: 'q4-launch' });
    expect(clues.referrer).toBe('linkedin.com');
  });
});
