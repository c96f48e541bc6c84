// Clickjacking guard for the card's CRM-writing clicks ("Not a lead" and its confirm). Page CSS beats `:host`: a page
// can make the card host invisible (opacity, visibility, a transform or filter, a clip-path — on the host or on any
// ancestor such as body) and slide it under a decoy, so the user's two real clicks, meant for the decoy, land on
// "Not a lead" and "Confirm". Trusted events do not help there: the clicks are the user's own. So before acting, the
// card asks whether the control was plainly visible and still where the card put it for long enough to be read.
// The judgement is pure (`judgeCardClick`, given the computed values) so it is tested with a table; the card reads
// the values with `readCardRendering`.

/** How long a control must have been shown, with the card unmoved, before a click on it counts. */
export const STEADY_MS = 500;

/** How far (px) the host's box may be from where the card placed it: sub-pixel rounding, not a move. */
const PLACE_TOLERANCE_PX = 1.5;

/** The computed style values of one element that can hide or move it without changing its own box. */
export interface RenderedLayer {
  opacity: string;
  visibility: string;
  transform: string;
  filter: string;
  clipPath: string;
  /** CSS's individual transform properties: `translate`, `scale`, `rotate`. */
  translate: string;
  scale: string;
  rotate: string;
}

export interface CardClickState {
  /** Milliseconds on the same monotonic clock as the times below. */
  now: number;
  /** When the control clicked was shown (the actions row, or the confirm step). */
  controlShownAt: number;
  /** When the card last placed its host (`place()`). */
  placedAt: number;
  /** Where `place()` put the host, in viewport px. */
  placed: { left: number; top: number };
  /** The host's bounding box now. */
  box: { left: number; top: number; width: number; height: number };
  /** The host first, then each ancestor up to the root element. */
  layers: RenderedLayer[];
}

export type CardClickVerdict =
  | { ok: true }
  | { ok: false; reason: 'too-soon' | 'moved' | 'transparent' | 'hidden' | 'transformed' | 'empty' };

/** Whether a click on a CRM-writing control of the card counts; the reason when it does not. */
export function judgeCardClick(state: CardClickState): CardClickVerdict {
  const steadySince = Math.max(state.controlShownAt, state.placedAt);
  if (!(state.now - steadySince >= STEADY_MS)) return { ok: false, reason: 'too-soon' };
  const { box, placed } = state;
  if (!(box.width > 0 && box.height > 0)) return { ok: false, reason: 'empty' };
  if (
    !(Math.abs(box.left - placed.left) <= PLACE_TOLERANCE_PX && Math.abs(box.top - placed.top) <= PLACE_TOLERANCE_PX)
  ) {
    return { ok: false, reason: 'moved' };
  }
  // Opacity multiplies down the tree: 0.5 on body and 0.5 on the host is a quarter, as faint as a decoy needs.
  let opacity = 1;
  for (const layer of state.layers) {
    const own = Number.parseFloat(layer.opacity);
    opacity *= Number.isFinite(own) ? own : 0;
  }
  if (opacity < 1) return { ok: false, reason: 'transparent' };
  // Visibility is inherited, so the host's own computed value already says what its ancestors made it.
  if (state.layers[0]?.visibility !== 'visible') return { ok: false, reason: 'hidden' };
  for (const layer of state.layers) {
    if (layer.visibility === 'collapse') return { ok: false, reason: 'hidden' };
    const moves = [layer.transform, layer.filter, layer.clipPath, layer.translate, layer.scale, layer.rotate];
    // An empty value is a browser that does not know the property: nothing can be set there.
    if (moves.some((value) => value !== 'none' && value !== '')) return { ok: false, reason: 'transformed' };
  }
  return { ok: true };
}

/** The computed values `judgeCardClick` needs, for the host and each of its ancestors (across shadow roots). */
export function readLayers(host: Element): RenderedLayer[] {
  const layers: RenderedLayer[] = [];
  const view = host.ownerDocument.defaultView;
  if (!view) return layers;
  for (let node: Element | null = host; node; node = parentOf(node)) {
    const style = view.getComputedStyle(node);
    layers.push({
      opacity: style.opacity,
      visibility: style.visibility,
      transform: style.transform,
      filter: style.filter,
      clipPath: style.clipPath,
      translate: style.translate ?? '',
      scale: style.scale ?? '',
      rotate: style.rotate ?? '',
    });
  }
  return layers;
}

/** The element's parent, or the host of the shadow root it sits in. */
function parentOf(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Times and place the card records; the rest is read from the page now. */
export interface CardTiming {
  controlShownAt: number;
  placedAt: number;
  placed: { left: number; top: number };
}

/** Reads the host as the browser renders it now and judges the click (the card's one entry point). */
export function checkCardClick(host: Element, timing: CardTiming, now = performance.now()): CardClickVerdict {
  const rect = host.getBoundingClientRect();
  return judgeCardClick({
    now,
    ...timing,
    box: { left: rect.left, top: rect.top, width: rect.width, height: rect.height },
    layers: readLayers(host),
  });
}
