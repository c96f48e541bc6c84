// The Markdown the extension shows from docs/ (the privacy policy): headings, paragraphs, nested bullet lists,
// **bold**, `code` and [links](…). The documents are ours and ship in the package, so a small reader into plain data
// is enough: the page renders it as React elements, never as HTML, and the text stays one source in docs/.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; href: string };

export interface ListItem {
  inlines: Inline[];
  children: ListItem[];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; items: ListItem[] };

/** `**bold**`, `` `code` `` and `[text](href)` in a line; anything else is text. */
export function inlinesOf(text: string): Inline[] {
  const inlines: Inline[] = [];
  const pattern = /\*\*([^*]+)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > at) inlines.push({ kind: 'text', text: text.slice(at, index) });
    if (match[1] !== undefined) inlines.push({ kind: 'strong', text: match[1] });
    else if (match[2] !== undefined) inlines.push({ kind: 'code', text: match[2] });
    else inlines.push({ kind: 'link', text: match[3] as string, href: match[4] as string });
    at = index + match[0].length;
  }
  if (at < text.length) inlines.push({ kind: 'text', text: text.slice(at) });
  return inlines;
}

const bullet = /^( *)- (.*)$/;

/** Blocks of a document: blank lines end paragraphs and lists; an indented line continues the item or paragraph. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  // The open list: each level's items, and the text of the item being read (continuation lines join it).
  let stack: Array<{ indent: number; items: ListItem[] }> = [];
  let itemText: { item: ListItem; lines: string[] } | undefined;

  const closeItem = () => {
    if (itemText) itemText.item.inlines = inlinesOf(itemText.lines.join(' '));
    itemText = undefined;
  };
  const closeParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inlines: inlinesOf(paragraph.join(' ')) });
    paragraph = [];
  };
  const closeList = () => {
    closeItem();
    if (stack.length > 0) blocks.push({ kind: 'list', items: (stack[0] as { items: ListItem[] }).items });
    stack = [];
  };

  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      closeParagraph();
      closeList();
      continue;
    }
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      closeParagraph();
      closeList();
      const level = (heading[1] as string).length as 1 | 2 | 3;
      blocks.push({ kind: 'heading', level, inlines: inlinesOf(heading[2] as string) });
      continue;
    }
    const item = bullet.exec(line);
    if (item) {
      closeParagraph();
      closeItem();
      const indent = (item[1] as string).length;
      const entry: ListItem = { inlines: [], children: [] };
      while (stack.length > 0 && indent < (stack[stack.length - 1] as { indent: number }).indent) stack.pop();
      const top = stack[stack.length - 1];
      if (top === undefined || indent > top.indent) {
        const parent = top?.items[top.items.length - 1];
        const level = { indent, items: [entry] };
        if (parent) parent.children = level.items;
        stack.push(level);
      } else top.items.push(entry);
      itemText = { item: entry, lines: [item[2] as string] };
      continue;
    }
    if (itemText && /^ +/.test(line)) {
      itemText.lines.push(line.trim());
      continue;
    }
    closeList();
    paragraph.push(line.trim());
  }
  closeParagraph();
  closeList();
  return blocks;
}
