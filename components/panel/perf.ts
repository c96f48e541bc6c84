// Performance marks the benchmark reads (bench/panel.ts): first paint is measured from the page's time origin (the
// navigation that opened the panel) to the first frame with current KPI cards; a filter change from the change to
// the first frame with every view computed for the new filters.

export const FIRST_PAINT = 'leadlens:first-paint';
export const FILTER = 'leadlens:filter';
/** The worker's own time for a view, so a slow filter can be told apart as computation or drawing. */
export const COMPUTE = 'leadlens:compute';

let firstPaintDone = false;

export function markFirstPaint(): void {
  if (firstPaintDone) return;
  firstPaintDone = true;
  requestAnimationFrame(() => {
    performance.mark(`${FIRST_PAINT}:end`);
    performance.measure(FIRST_PAINT, { start: 0, end: `${FIRST_PAINT}:end` });
    document.documentElement.dataset.firstPaint = 'done';
  });
}

/**
 * An interaction the bench times: `start` marks the user's action and returns its serial; `painted(serial)` marks the
 * first frame that shows its result, measures the pair and sets `data-<doneKey>` on the root for the bench to wait on.
 */
export function timedInteraction(name: string, doneKey: string) {
  let serial = 0;
  return {
    start(): number {
      serial += 1;
      performance.mark(`${name}:start:${serial}`);
      return serial;
    },
    painted(done: number): void {
      requestAnimationFrame(() => {
        performance.mark(`${name}:end:${done}`);
        performance.measure(name, `${name}:start:${done}`, `${name}:end:${done}`);
        document.documentElement.dataset[doneKey] = String(done);
      });
    },
  };
}

const filter = timedInteraction(FILTER, 'filterDone');
export const markFilterStart = filter.start;
export const markFilterEnd = filter.painted;

export function markCompute(ms: number): void {
  performance.measure(COMPUTE, { start: performance.now() - ms, duration: ms });
}
