import type { LeadKey } from './lead-lookup';
import type { MailMessage } from './mail-thread';
import type { OverlayAdapter } from '../sites';
import type { SiteHealth } from './health';

/** An opened mail thread as the page shows it now, and the signed-in address when the page exposes it. */
export interface MailThread {
  messages: MailMessage[];
  self?: string;
}

/** A place on a third-party page where a lead's badge belongs. */
export interface Anchor {
  /** The page's element the badge is placed after (a person chip, a record link, a heading). */
  element: Element;
  /** Who the badge is for; the first candidate that is a known lead wins (a thread's people, in order). */
  keys: LeadKey[];
  variant: 'chip' | 'strip';
  /**
   * Where the badge goes beside `element`: after it, or before it in a list row, whose one-line cells clip what does
   * not fit (Gmail's sender cell, Outlook's sender line): after a long name the badge would be cut off, before it the
   * name is what the site truncates.
   */
  placement?: 'before' | 'after';
  /** A mail thread's lead card: reads the thread when asked, since it changes while open (a reply is sent). */
  thread?: () => MailThread;
}

/** What the background told the content script that decides where badges may go. */
export interface AnchorScope {
  /** The connected portal (ping's `portal.portalId`); unknown until the background answers or when disconnected. */
  portalId?: number;
}

export interface SiteAdapter {
  site: OverlayAdapter;
  /** Anchors inside `root` (root included) for the page at `location`. */
  anchorsIn(root: Element, location: Location, scope: AnchorScope): Anchor[];
  /** What the site module expects on a loaded page (lib/overlay/health.ts): how the popup knows it cannot read one. */
  health?: SiteHealth;
}

/** Our own hosts are skipped when the page's observer reports them as added. */
export function isLeadLensNode(element: Element): boolean {
  return element.hasAttribute('data-leadlens') || element.closest('[data-leadlens]') !== null;
}
