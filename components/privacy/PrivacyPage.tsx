import { Fragment, type ReactNode } from 'react';
import englishPolicy from '../../docs/PRIVACY.md?raw';
import hebrewPolicy from '../../docs/PRIVACY.he.md?raw';
import { type Block, type Inline, type ListItem, parseMarkdown } from '../../lib/docs/markdown';
import { useDocumentLocale, useLocale } from '../useLocale';

// The policy's one source is docs/PRIVACY*.md, read at build time: the stores link here, and so do the popup and the
// settings page. Rendered as elements, never as HTML.

function inline(part: Inline, key: number): ReactNode {
  switch (part.kind) {
    case 'strong':
      return <strong key={key}>{part.text}</strong>;
    case 'code':
      return (
        <code key={key} dir="ltr">
          {part.text}
        </code>
      );
    case 'link':
      // Only web addresses open; a link between the repository's documents has no page in the extension.
      return /^https:\/\//.test(part.href) ? (
        <a key={key} href={part.href} target="_blank" rel="noreferrer">
          {part.text}
        </a>
      ) : (
        <Fragment key={key}>{part.text}</Fragment>
      );
    default:
      return <Fragment key={key}>{part.text}</Fragment>;
  }
}

function list(items: ListItem[]): ReactNode {
  return (
    <ul>
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the document's items have no identity but their order.
        <li key={index}>
          {item.inlines.map(inline)}
          {item.children.length > 0 ? list(item.children) : null}
        </li>
      ))}
    </ul>
  );
}

function block(part: Block, key: number): ReactNode {
  if (part.kind === 'list') return <Fragment key={key}>{list(part.items)}</Fragment>;
  if (part.kind === 'paragraph') return <p key={key}>{part.inlines.map(inline)}</p>;
  const Heading = part.level === 1 ? 'h1' : part.level === 2 ? 'h2' : 'h3';
  return <Heading key={key}>{part.inlines.map(inline)}</Heading>;
}

const policies = { en: parseMarkdown(englishPolicy), he: parseMarkdown(hebrewPolicy) };

export function PrivacyPage() {
  const locale = useLocale();
  useDocumentLocale(locale, 'privacy.title');
  return (
    <main className="ll-privacy" dir={locale.dir} lang={locale.language}>
      {policies[locale.language].map(block)}
    </main>
  );
}
