import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Block, inlinesOf, parseMarkdown } from '../../../lib/docs/markdown';

describe('inlinesOf', () => {
  it('reads bold, code and links between text', () => {
    expect(inlinesOf('a **b** `c` [d](https://e.example/f) g')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', text: 'b' },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'c' },
      { kind: 'text', text: ' ' },
      { kind: 'link', text: 'd', href: 'https://e.example/f' },
      { kind: 'text', text: ' g' },
    ]);
  });

  it('keeps markup-like text from a document as text', () => {
    expect(inlinesOf('<b>x</b> & *y*')).toEqual([{ kind: 'text', text: '<b>x</b> & *y*' }]);
  });
});

describe('parseMarkdown', () => {
  it('reads headings, paragraphs joined across lines and nested lists with continuation lines', () => {
    const blocks = parseMarkdown(
      ['# Title', '', 'One', 'two.', '', '- a', '  more a', '  - a.1', '- b', '', '## Next', 'Last.'].join('\n'),
    );
    expect(blocks).toEqual<Block[]>([
      { kind: 'heading', level: 1, inlines: [{ kind: 'text', text: 'Title' }] },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'One two.' }] },
      {
        kind: 'list',
        items: [
          {
            inlines: [{ kind: 'text', text: 'a more a' }],
            children: [{ inlines: [{ kind: 'text', text: 'a.1' }], children: [] }],
          },
          { inlines: [{ kind: 'text', text: 'b' }], children: [] },
        ],
      },
      { kind: 'heading', level: 2, inlines: [{ kind: 'text', text: 'Next' }] },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'Last.' }] },
    ]);
  });

  it.each(['PRIVACY.md', 'PRIVACY.he.md'])('reads docs/%s into headings, paragraphs and lists only', (file) => {
    const blocks = parseMarkdown(readFileSync(resolve(__dirname, '../../../docs', file), 'utf8'));
    expect(blocks[0]).toMatchObject({ kind: 'heading', level: 1 });
    expect(blocks.filter((block) => block.kind === 'heading').length).toBeGreaterThanOrEqual(6);
    // No Markdown left unread: a stray marker would show to the user as text.
    const texts = JSON.stringify(blocks);
    expect(texts).not.toMatch(/\*\*|\]\(|(^|")- |(^|")#/);
  });
});
