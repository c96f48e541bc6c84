import type { ReactNode } from 'react';

/**
 * A wide table's box, which scrolls sideways in the narrow side panel. A scrolling box must take focus (arrow keys
 * then scroll it) and have a name, or keyboard and screen-reader users cannot reach the columns out of view (axe's
 * `scrollable-region-focusable`): a section with a label is a named region.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the region scrolls, and keyboard users scroll it by focusing it.
    <section className="ll-table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
