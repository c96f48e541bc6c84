// The overlay's colours, in one place so their contrast is tested (test/unit/overlay/palette.test.ts): every pair
// that carries text must reach WCAG 2.x AA for normal text, 4.5:1 — badges are 11–12 px, too small for the 3:1
// allowed for large text. The temperature dot carries no text and is named in the badge's accessible name instead.

export const palette = {
  text: '#1f2933',
  mutedText: '#52606d',
  badgeBackground: '#eef2f6',
  badgeBorder: '#c5ced8',
  cardBackground: '#ffffff',
  onTimer: '#ffffff',
  ok: '#1b7f3b',
  due: '#8a5300',
  overdue: '#b42318',
  staleBackground: '#fff4e5',
  noteBackground: '#fff4e5',
  action: '#0b6bcb',
  onAction: '#ffffff',
  focus: '#0b6bcb',
  cardFocus: '#ffbf47',
  hot: '#d92d20',
  warm: '#f79009',
  cold: '#2e90fa',
} as const;

export type PaletteColour = keyof typeof palette;

/** Text colour on background, as the overlay's CSS uses them; the palette test checks each. */
export const textPairs: ReadonlyArray<readonly [foreground: PaletteColour, background: PaletteColour, where: string]> =
  [
    ['text', 'badgeBackground', 'badge stage'],
    ['mutedText', 'badgeBackground', 'strip details'],
    ['onTimer', 'ok', 'timer within SLA'],
    ['onTimer', 'due', 'timer SLA due'],
    ['onTimer', 'overdue', 'timer SLA overdue'],
    ['due', 'noteBackground', 'answered-in-mail note'],
    ['action', 'noteBackground', 'answered-in-mail link'],
    ['text', 'cardBackground', 'card text'],
    ['mutedText', 'cardBackground', 'card labels'],
    ['ok', 'cardBackground', 'card SLA ok'],
    ['due', 'cardBackground', 'card SLA due'],
    ['overdue', 'cardBackground', 'card SLA overdue'],
    ['due', 'staleBackground', 'card stale warning'],
    ['action', 'cardBackground', 'card buttons'],
    ['onAction', 'action', 'card record link'],
  ];

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => channel(Number.parseInt(part ?? '0', 16)));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** WCAG contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
