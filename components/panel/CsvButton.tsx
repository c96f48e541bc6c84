import type { Translate } from '../../lib/i18n';
import { type CsvTable, csvText, type ExportName } from '../../lib/panel/csv-rows';
import { downloadText } from './download';

/** "Export CSV" for one part of the panel: saves `leadlens-{name}.csv`, built only when pressed. */
export function CsvButton({
  name,
  csv,
  t,
}: {
  name: ExportName;
  csv: () => CsvTable | Promise<CsvTable>;
  t: Translate;
}) {
  const exportCsv = async () => {
    downloadText(`leadlens-${name}.csv`, csvText(await csv()), 'text/csv;charset=utf-8');
  };
  return (
    <button
      type="button"
      className="ll-secondary ll-no-print"
      data-testid={`export-${name}`}
      onClick={() => void exportCsv()}
    >
      {t('panel.exportCsv')}
    </button>
  );
}
