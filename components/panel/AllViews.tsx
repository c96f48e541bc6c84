import type { MissingFieldsRow } from '../../lib/panel/view-model';
import { DataQualityView, ForecastView, FunnelView, GroupView, SpeedView, TrendsView, type ViewProps } from './Views';

/**
 * Every chart and table view of the panel. Loaded as its own chunk, so the
 * KPI cards and the ROI card paint before the charts' code has even been parsed.
 */
export default function AllViews(props: ViewProps & { allMissing: () => Promise<MissingFieldsRow[]> }) {
  const { allMissing, ...viewProps } = props;
  return (
    <>
      <FunnelView {...viewProps} />
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
