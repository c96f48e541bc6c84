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

let filterSerial = 0;

export function markFilterStart(): number {
  filterSerial += 1;
  performance.mark(`${FILTER}:start:${filterSerial}`);
  return filterSerial;
}

export function markFilterEnd(serial: number): void {
  requestAnimationFrame(() => {
    performance.mark(`${FILTER}:end:${serial}`);
    performance.measure(FILTER, `${FILTER}:start:${serial}`, `${FILTER}:end:${serial}`);
    document.documentElement.dataset.filterDone = String(serial);
  });
}

export function markCompute(ms: number): void {
  performance.measure(COMPUTE, { start: performance.now() - ms, duration: ms });
}
