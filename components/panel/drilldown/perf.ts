// The drill-down's performance mark, read by bench/panel.ts: from the click on an opener to the first frame with the
// list's first rows drawn.
import { timedInteraction } from '../perf';

export const DRILLDOWN = 'leadlens:drilldown';

const drilldown = timedInteraction(DRILLDOWN, 'drilldownDone');
export const markDrilldownStart = drilldown.start;
export const markDrilldownPainted = drilldown.painted;
