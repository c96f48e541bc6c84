import type { MissingFieldsRow } from '../../lib/panel/view-model';
import { DataQualityView } from './DataQualityView';
import { DealFunnelView } from './DealFunnelView';
import { ForecastView } from './ForecastView';
import { FunnelView } from './FunnelView';
import { GroupView } from './GroupView';
import { SpeedView } from './SpeedView';
import { TrendsView } from './TrendsView';
import type { ViewProps } from './view-props';

/**
 * Every chart and table view of the panel. Loaded as its own chunk, so the
 * KPI cards and the ROI card paint before the charts' code has even been parsed.
 */
export default function AllViews(props: ViewProps & { allMissing: () => Promise<MissingFieldsRow[]> }) {
  const { allMissing, ...viewProps } = props;
  return (
    <>
      <FunnelView {...viewProps} />
      <DealFunnelView {...viewProps} />
      <SpeedView {...viewProps} />
      <TrendsView {...viewProps} />
      <GroupView {...viewProps} kind="source" />
      <GroupView {...viewProps} kind="campaign" />
      <GroupView {...viewProps} kind="rep" />
      <ForecastView {...viewProps} />
      <DataQualityView {...viewProps} allMissing={allMissing} />
    </>
  );
}
