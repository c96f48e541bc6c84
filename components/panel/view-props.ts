import type { Translate } from '../../lib/i18n';
import type { Formatters } from '../../lib/panel/format';
import type { PanelView } from '../../lib/panel/view-model';

/** What every chart-and-table view of the panel is drawn from. */
export interface ViewProps {
  view: PanelView;
  f: Formatters;
  t: Translate;
  rtl: boolean;
}
