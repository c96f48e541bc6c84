// @vitest-environment happy-dom
// The clickjacking guard of the card's CRM-writing clicks: a table of what page CSS can do to an invisible card slid
// under a decoy, each refused, and the plain case accepted.
import { describe, expect, it } from 'vitest';
import {
  type CardClickState,
  judgeCardClick,
  type RenderedLayer,
  readLayers,
  STEADY_MS,
} from '../../../lib/overlay/click-guard';

const plain: RenderedLayer = {
  opacity: '1',
  visibility: 'visible',
  transform: 'none',
  filter: 'none',
  clipPath: 'none',
  translate: 'none',
  scale: 'none',
  rotate: 'none',
};

/** A card placed at (40, 120) 2 s ago, its confirm shown 1 s ago, host then html and body as browsers compute them. */
function state(change: Partial<CardClickState> = {}, layer: Partial<RenderedLayer> = {}, at = 0): CardClickState {
  const layers = [plain, plain, plain].map((one, index) => (index === at ? { ...one, ...layer } : one));
  return {
    now: 10_000,
    placedAt: 8_000,
    controlShownAt: 9_000,
    placed: { left: 40, top: 120 },
    box: { left: 40, top: 120, width: 300, height: 240 },
    layers,
    ...change,
  };
}

describe('judgeCardClick', () => {
  it('accepts a card shown as itself, unmoved, for long enough', () => {
    expect(judgeCardClick(state())).toEqual({ ok: true });
    expect(judgeCardClick(state({ controlShownAt: 10_000 - STEADY_MS }))).toEqual({ ok: true });
    // Sub-pixel rounding of the box is no move; an unknown individual-transform property (empty) is no transform.
    expect(judgeCardClick(state({ box: { left: 40.5, top: 119.4, width: 300, height: 240 } }))).toEqual({ ok: true });
    expect(judgeCardClick(state({}, { translate: '', scale: '', rotate: '' }))).toEqual({ ok: true });
  });

  it.each([
    ['the confirm only just shown', state({ controlShownAt: 9_700 }), 'too-soon'],
    ['the card placed again since', state({ placedAt: 9_800 }), 'too-soon'],
    ['a time that is not a number', state({ controlShownAt: Number.NaN }), 'too-soon'],
    ['the host moved by page CSS', state({ box: { left: 400, top: 120, width: 300, height: 240 } }), 'moved'],
    ['the host never placed', state({ placed: { left: Number.NaN, top: Number.NaN } }), 'moved'],
    ['the host squeezed to nothing', state({ box: { left: 40, top: 120, width: 0, height: 240 } }), 'empty'],
    ['opacity 0 on the host', state({}, { opacity: '0' }), 'transparent'],
    ['opacity 0.99 on body', state({}, { opacity: '0.99' }, 2), 'transparent'],
    ['an opacity that does not parse', state({}, { opacity: '' }), 'transparent'],
    ['visibility hidden', state({}, { visibility: 'hidden' }), 'hidden'],
    ['visibility collapse on an ancestor', state({}, { visibility: 'collapse' }, 1), 'hidden'],
    ['a transform on the host', state({}, { transform: 'matrix(1, 0, 0, 1, 500, 0)' }), 'transformed'],
    ['a transform on body', state({}, { transform: 'matrix(0.01, 0, 0, 0.01, 0, 0)' }, 2), 'transformed'],
    ['a filter on html', state({}, { filter: 'opacity(0)' }, 1), 'transformed'],
    ['a clip-path', state({}, { clipPath: 'inset(50%)' }), 'transformed'],
    ['translate', state({}, { translate: '500px' }), 'transformed'],
    ['scale', state({}, { scale: '0.01' }), 'transformed'],
    ['rotate', state({}, { rotate: '180deg' }), 'transformed'],
  ])('refuses %s', (_name, input, reason) => {
    expect(judgeCardClick(input)).toEqual({ ok: false, reason });
  });
});

describe('readLayers', () => {
  it("reads the host and every ancestor, out through a shadow root's host", () => {
    const outer = document.createElement('div');
    outer.style.opacity = '0.5';
    document.body.append(outer);
    const inner = document.createElement('span');
    outer.attachShadow({ mode: 'closed' }).append(inner);
    const layers = readLayers(inner);
    // span, its shadow host, body, html.
    expect(layers).toHaveLength(4);
    expect(layers[1]?.opacity).toBe('0.5');
    expect(
      judgeCardClick(state({ layers: layers.map((layer) => ({ ...plain, opacity: layer.opacity || '1' })) })),
    ).toEqual({ ok: false, reason: 'transparent' });
    outer.remove();
  });
});
