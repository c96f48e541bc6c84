// The drill-down's performance mark, read by bench/panel.ts: from the click on an opener to the first frame with the
// list's first rows drawn.

export const DRILLDOWN = 'leadlens:drilldown';

let serial = 0;

export function markDrilldownStart(): number {
  serial += 1;
  performance.mark(`${DRILLDOWN}:start:${serial}`);
  return serial;
}

export function markDrilldownPainted(done: number): void {
  requestAnimationFrame(() => {
    performance.mark(`${DRILLDOWN}:end:${done}`);
    performance.measure(DRILLDOWN, `${DRILLDOWN}:start:${done}`, `${DRILLDOWN}:end:${done}`);
    document.documentElement.dataset.drilldownDone = String(done);
  });
}
