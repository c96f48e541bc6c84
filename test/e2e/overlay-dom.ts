import type { CDPSession, Page } from '@playwright/test';

// The overlay as the tests see it: badges, the hover card and the status pill sit in closed shadow roots, which
// Playwright's locators (and any page script) cannot enter. The DevTools protocol can: `DOM.getDocument` with
// `pierce` returns closed shadow roots too. This reads them into a small model and clicks inside them with the real
// mouse (trusted events), so the build carries no hook for its tests.

/** The part of a DevTools DOM node these readers use (structurally the protocol's `DOM.Node`). */
interface CdpNode {
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  localName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  shadowRootType?: string;
  contentDocument?: CdpNode;
}

const ELEMENT = 1;
const TEXT = 3;

/** An element of the page, as the model names it: enough to say where a badge sits and what it is next to. */
export interface ElementInfo {
  tag: string;
  attributes: Record<string, string>;
}

/** A control inside a closed root, clickable with `OverlayDom.click`. */
export interface Control {
  backendNodeId: number;
  /** Its accessible name: `aria-label`, else its text. */
  name: string;
  href?: string;
  hidden: boolean;
}

/** A LeadLens host element in the page, and its (closed) shadow root as the protocol knows it. */
export type HostInfo = ElementInfo & { backendNodeId: number; shadowRootId: number };

export interface BadgeModel {
  /** The host, in the page's DOM (what a page script can see of it). */
  host: HostInfo;
  variant: string;
  shadowMode: string;
  /**
   * The page's element the badge belongs to (the chip, link or heading): the one right before the host, or right
   * after it where the badge goes first (a list row's clipping cell).
   */
  after: ElementInfo | null;
  /** The host's ancestors in the page, nearest first. */
  ancestors: ElementInfo[];
  /** The badge button's accessible name (everything it shows, in words) and its visible text. */
  label: string;
  text: string;
  expanded: string | null;
  button: Control;
  timer: { text: string; state: string | null; hidden: boolean };
  /** Strip only: "answered in mail, not logged" with its link. */
  answered: { shown: boolean; text: string; link: Control | null } | null;
}

export interface CardModel {
  host: HostInfo;
  shadowMode: string;
  visible: boolean;
  dir: string | null;
  /** The dialog's name (its heading). */
  title: string;
  text: string;
  /** The card's facts, term → value (lines of a multi-line value joined with a newline). */
  rows: Record<string, string>;
  buttons: Control[];
  links: Control[];
  answeredNote: { text: string; link: Control | null } | null;
  /** Every element name inside the card, once each (to prove CRM text made no elements). */
  tags: string[];
}

export interface PillModel {
  host: HostInfo;
  shadowMode: string;
  /** The pill element's attributes (data-site, data-connected, resource counts, dir, lang, hidden). */
  attributes: Record<string, string>;
  text: string;
  hidden: boolean;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface BadgeLayout {
  host: Box;
  clip: Box | null;
  rowHeight: number | null;
}

/** True when `inner` lies inside `outer`, to half a pixel (sub-pixel rounding). */
export function within(inner: Box, outer: Box): boolean {
  const slack = 0.5;
  return (
    inner.left >= outer.left - slack &&
    inner.right <= outer.right + slack &&
    inner.top >= outer.top - slack &&
    inner.bottom <= outer.bottom + slack
  );
}

export interface OverlaySnapshot {
  badges: BadgeModel[];
  card: CardModel | null;
  pill: PillModel | null;
}

function attributesOf(node: CdpNode): Record<string, string> {
  const list = node.attributes ?? [];
  const out: Record<string, string> = {};
  for (let index = 0; index + 1 < list.length; index += 2) out[list[index] as string] = list[index + 1] as string;
  return out;
}

function info(node: CdpNode): ElementInfo {
  return { tag: node.localName, attributes: attributesOf(node) };
}

function hostInfo(host: CdpNode, root: CdpNode): HostInfo {
  return { ...info(host), backendNodeId: host.backendNodeId, shadowRootId: root.backendNodeId };
}

function childrenOf(node: CdpNode): CdpNode[] {
  return node.children ?? [];
}

/** Text as `textContent` gives it, leaving out style sheets. */
function textOf(node: CdpNode): string {
  if (node.nodeType === TEXT) return node.nodeValue;
  if (node.localName === 'style' || node.localName === 'script') return '';
  return childrenOf(node).map(textOf).join('');
}

function* descendants(node: CdpNode): Generator<CdpNode> {
  for (const child of childrenOf(node)) {
    yield child;
    yield* descendants(child);
  }
}

function find(node: CdpNode, test: (candidate: CdpNode) => boolean): CdpNode | undefined {
  for (const candidate of descendants(node)) if (candidate.nodeType === ELEMENT && test(candidate)) return candidate;
  return undefined;
}

function findAll(node: CdpNode, test: (candidate: CdpNode) => boolean): CdpNode[] {
  return [...descendants(node)].filter((candidate) => candidate.nodeType === ELEMENT && test(candidate));
}

const hasClass = (node: CdpNode, name: string) => (attributesOf(node).class ?? '').split(/\s+/).includes(name);
const isHidden = (node: CdpNode) => 'hidden' in attributesOf(node);

function control(node: CdpNode): Control {
  const attributes = attributesOf(node);
  return {
    backendNodeId: node.backendNodeId,
    name: attributes['aria-label'] ?? textOf(node).trim(),
    ...(attributes.href !== undefined ? { href: attributes.href } : {}),
    hidden: 'hidden' in attributes,
  };
}

function readBadge(host: CdpNode, parent: CdpNode | null, ancestors: CdpNode[]): BadgeModel | null {
  const root = host.shadowRoots?.[0];
  const button = root ? find(root, (node) => node.localName === 'button') : undefined;
  if (!root || !button) return null;
  const timer = find(button, (node) => hasClass(node, 'timer'));
  const note = find(root, (node) => hasClass(node, 'note'));
  const siblings = parent ? childrenOf(parent).filter((node) => node.nodeType === ELEMENT) : [];
  const previous = siblings[siblings.indexOf(host) - 1] ?? siblings[siblings.indexOf(host) + 1];
  const noteLink = note ? find(note, (node) => node.localName === 'a') : undefined;
  return {
    host: hostInfo(host, root),
    // The host says nothing but `data-leadlens`; chip or strip is the button's class, inside the closed root.
    variant: hasClass(button, 'strip') ? 'strip' : hasClass(button, 'chip') ? 'chip' : '',
    shadowMode: root.shadowRootType ?? '',
    after: previous ? info(previous) : null,
    ancestors: [...ancestors].reverse().map(info),
    label: attributesOf(button)['aria-label'] ?? '',
    text: textOf(button),
    expanded: attributesOf(button)['aria-expanded'] ?? null,
    button: control(button),
    timer: timer
      ? { text: textOf(timer), state: attributesOf(timer)['data-state'] ?? null, hidden: isHidden(timer) }
      : { text: '', state: null, hidden: true },
    answered: note ? { shown: !isHidden(note), text: textOf(note), link: noteLink ? control(noteLink) : null } : null,
  };
}

function readCard(host: CdpNode): CardModel | null {
  const root = host.shadowRoots?.[0];
  const card = root ? find(root, (node) => attributesOf(node).role === 'dialog') : undefined;
  if (!root || !card) return null;
  const rows: Record<string, string> = {};
  const list = find(card, (node) => node.localName === 'dl');
  let term = '';
  for (const item of list ? childrenOf(list) : []) {
    if (item.localName === 'dt') term = textOf(item);
    else if (item.localName === 'dd') {
      const lines = childrenOf(item).filter((node) => node.localName === 'span');
      rows[term] = lines.length > 0 ? lines.map(textOf).join('\n') : textOf(item);
    }
  }
  const note = find(card, (node) => attributesOf(node)['data-testid'] === 'leadlens-card-answered');
  const noteLink = note ? find(note, (node) => node.localName === 'a') : undefined;
  const title = find(card, (node) => node.localName === 'h2');
  return {
    host: hostInfo(host, root),
    shadowMode: root.shadowRootType ?? '',
    visible: !isHidden(host),
    dir: attributesOf(card).dir ?? null,
    title: title ? textOf(title) : '',
    text: textOf(card),
    rows,
    buttons: findAll(card, (node) => node.localName === 'button').map(control),
    links: findAll(card, (node) => node.localName === 'a').map(control),
    answeredNote: note ? { text: textOf(note), link: noteLink ? control(noteLink) : null } : null,
    tags: [...new Set(findAll(card, () => true).map((node) => node.localName))],
  };
}

function readPill(host: CdpNode): PillModel | null {
  const root = host.shadowRoots?.[0];
  const pill = root ? find(root, (node) => attributesOf(node)['data-testid'] === 'leadlens-overlay') : undefined;
  if (!root || !pill) return null;
  return {
    host: hostInfo(host, root),
    shadowMode: root.shadowRootType ?? '',
    attributes: attributesOf(pill),
    text: textOf(pill),
    hidden: isHidden(pill),
  };
}

/**
 * Walks the page's DOM (light and shadow) once, collecting LeadLens's three kinds of host: plain elements marked
 * `data-leadlens` (never custom elements, whose names a page could define first). A host only counts when it has a
 * shadow root, so a page's look-alike `div[data-leadlens]` is not read as ours.
 */
function readSnapshot(document: CdpNode): OverlaySnapshot {
  const snapshot: OverlaySnapshot = { badges: [], card: null, pill: null };
  const walk = (node: CdpNode, parent: CdpNode | null, ancestors: CdpNode[]) => {
    const kind =
      node.nodeType === ELEMENT && node.shadowRoots?.length ? attributesOf(node)['data-leadlens'] : undefined;
    if (kind !== undefined) {
      if (kind === 'badge') {
        const badge = readBadge(node, parent, ancestors);
        if (badge) snapshot.badges.push(badge);
        return;
      }
      if (kind === 'card') {
        snapshot.card = readCard(node);
        return;
      }
      if (kind === 'overlay') {
        snapshot.pill = readPill(node);
        return;
      }
    }
    const inside = node.nodeType === ELEMENT ? [...ancestors, node] : ancestors;
    for (const child of childrenOf(node)) walk(child, node, inside);
  };
  walk(document, null, []);
  return snapshot;
}

export class OverlayDom {
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async open(page: Page): Promise<OverlayDom> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    return new OverlayDom(page, cdp);
  }

  /** Everything LeadLens shows on the page now. Node ids are backend ids: they stay valid across snapshots. */
  async snapshot(): Promise<OverlaySnapshot> {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    return readSnapshot(root);
  }

  async badges(): Promise<BadgeModel[]> {
    return (await this.snapshot()).badges;
  }

  async card(): Promise<CardModel | null> {
    return (await this.snapshot()).card;
  }

  async pill(): Promise<PillModel | null> {
    return (await this.snapshot()).pill;
  }

  /** The centre of a node in the viewport, scrolled into view first. */
  private async centre(backendNodeId: number): Promise<{ x: number; y: number }> {
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
    const { quads } = await this.cdp.send('DOM.getContentQuads', { backendNodeId });
    const quad = quads[0];
    if (!quad || quad.length < 8) {
      const { model } = await this.cdp.send('DOM.getBoxModel', { backendNodeId });
      const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
      return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
    }
    const xs = [quad[0], quad[2], quad[4], quad[6]] as number[];
    const ys = [quad[1], quad[3], quad[5], quad[7]] as number[];
    return { x: xs.reduce((a, b) => a + b) / 4, y: ys.reduce((a, b) => a + b) / 4 };
  }

  /** A trusted click: the real mouse at the control's centre, as a user's. */
  async click(target: { backendNodeId: number }): Promise<void> {
    const { x, y } = await this.centre(target.backendNodeId);
    await this.page.mouse.click(x, y);
  }

  /** Moves the real mouse over the control (trusted `mouseenter`). */
  async hover(target: { backendNodeId: number }): Promise<void> {
    const { x, y } = await this.centre(target.backendNodeId);
    await this.page.mouse.move(x, y);
  }

  /** Focuses a control inside a closed root, as the browser does for Tab (the focus event is the browser's own). */
  async focus(target: { backendNodeId: number }): Promise<void> {
    await this.cdp.send('DOM.focus', { backendNodeId: target.backendNodeId });
  }

  /** The node as an object of the page's own (main) world, which is where a page script would hold it. */
  async inMainWorld(target: { backendNodeId: number }): Promise<string> {
    const { object } = await this.cdp.send('DOM.resolveNode', { backendNodeId: target.backendNodeId });
    if (!object.objectId) throw new Error('node could not be resolved');
    return object.objectId;
  }

  /**
   * Where a badge's host sits in the page's layout: its box, the box of the nearest ancestor that clips its content
   * (overflow other than visible: a Gmail cell, an Outlook list row), and the height of the list row it is in, if any.
   * Read in the page's own world, where the host is an ordinary element of the site's layout.
   */
  async layoutOf(target: { backendNodeId: number }): Promise<BadgeLayout> {
    const objectId = await this.inMainWorld(target);
    const { result } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: `function () {
        const box = (element) => { const r = element.getBoundingClientRect();
          return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
        let clip = null;
        for (let at = this.parentElement; at && at !== document.body; at = at.parentElement) {
          const style = getComputedStyle(at);
          if (style.overflowX !== 'visible' || style.overflowY !== 'visible') { clip = at; break; }
        }
        const row = this.closest('tr, [role="option"]');
        return { host: box(this), clip: clip ? box(clip) : null,
          rowHeight: row ? row.getBoundingClientRect().height : null };
      }`,
      returnByValue: true,
    });
    return result.value as BadgeLayout;
  }

  /** What a page script holding the node could do: `.click()`, an untrusted event. */
  async scriptedClick(target: { backendNodeId: number }): Promise<void> {
    const objectId = await this.inMainWorld(target);
    await this.cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: 'function () { this.click(); }',
    });
  }

  /**
   * What has focus inside LeadLens's UI — a badge's button or a card control, by accessible name — or null when
   * focus is elsewhere: read from each closed root's `activeElement` through the protocol (non-null only in the root
   * that holds focus).
   */
  async focused(): Promise<{ where: 'badge' | 'card'; name: string; hostId: number } | null> {
    const snapshot = await this.snapshot();
    const hosts = [
      ...(snapshot.card ? [{ where: 'card' as const, host: snapshot.card.host }] : []),
      ...snapshot.badges.map((badge) => ({ where: 'badge' as const, host: badge.host })),
    ];
    for (const { where, host } of hosts) {
      const root = await this.inMainWorld({ backendNodeId: host.shadowRootId });
      const { result } = await this.cdp.send('Runtime.callFunctionOn', {
        objectId: root,
        functionDeclaration:
          'function () { const a = this.activeElement; return a ? (a.getAttribute("aria-label") || a.textContent || a.tagName) : null; }',
        returnByValue: true,
      });
      if (typeof result.value === 'string') return { where, name: result.value.trim(), hostId: host.backendNodeId };
    }
    return null;
  }

  /** Takes focus away from a control, as moving elsewhere would. */
  async blur(target: { backendNodeId: number }): Promise<void> {
    const objectId = await this.inMainWorld(target);
    await this.cdp.send('Runtime.callFunctionOn', { objectId, functionDeclaration: 'function () { this.blur(); }' });
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

/** The badges whose host follows a page element with this attribute (a Gmail chip's `email`, say). */
export function besideAttribute(badges: BadgeModel[], name: string): string[] {
  return badges.map((badge) => (badge.after?.attributes[name] ?? '').toLowerCase());
}

/** True when one of the badge's ancestors in the page has `name` (with `value`, when given). */
export function isInside(badge: BadgeModel, name: string, value?: string): boolean {
  return badge.ancestors.some(
    (ancestor) => name in ancestor.attributes && (value === undefined || ancestor.attributes[name] === value),
  );
}
