import type { ReactNode } from 'react';
import type { Translate } from '../../lib/i18n';
import type { CsvTable, ExportName } from '../../lib/panel/csv-rows';
import { CsvButton } from './CsvButton';
import { Formula } from './Formula';

interface Props {
  id: Exclude<ExportName, 'kpis' | 'roi'>;
  title: string;
  t: Translate;
  /** The section's data as CSV; a function so large tables are only built when asked for. */
  csv?: () => CsvTable | Promise<CsvTable>;
  formula?: readonly string[];
  children: ReactNode;
}

/** One view of the panel: a heading, the view, its formula and its CSV export. */
export function ViewSection({ id, title, t, csv, formula, children }: Props) {
  return (
    <section className="ll-view" id={`view-${id}`} aria-labelledby={`view-${id}-heading`} data-testid={`view-${id}`}>
      <div className="ll-view-head">
        <h2 id={`view-${id}-heading`}>{title}</h2>
        {csv && <CsvButton name={id} csv={csv} t={t} />}
      </div>
      {children}
      {formula && <Formula lines={formula} t={t} testId={`formula-${id}`} />}
    </section>
  );
}
