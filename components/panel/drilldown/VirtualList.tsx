import { type CSSProperties, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';

// A windowed list: only the rows in view (and a few either side) are in the document, so a list of 100 000 leads
// opens as fast as one of 50. Rows have one fixed height, which makes the window a division. No library: the
// project has none for this, and the whole of it is this file. ARIA's table roles keep the rows' count and index
// for a screen reader although most rows are not rendered; block and inline offsets keep it right-to-left safe.
// Only what is in view is in the document, so the browser's find-in-page sees those rows; the CSV has them all.

export interface ListColumn<Row> {
  key: string;
  header: string;
  /** The column's CSS grid track, e.g. `minmax(8rem, 2fr)`. */
  track: string;
  cell(row: Row): ReactNode;
}

interface Props<Row> {
  rows: readonly Row[];
  columns: ReadonlyArray<ListColumn<Row>>;
  label: string;
  rowKey(row: Row, index: number): string;
  /** Pixels; the CSS gives rows the same height. */
  rowHeight?: number;
  /** The scrolling area's height in pixels. */
  height?: number;
  /** After the first rows are in the document (once per list). */
  onRowsShown?(): void;
  testId?: string;
}

const OVERSCAN = 8;

/** The rows to render for a scroll position: those in view plus `OVERSCAN` either side. */
export function visibleRange(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
): { first: number; end: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  return { first, end: Math.max(first, end) };
}

export function VirtualList<Row>({
  rows,
  columns,
  label,
  rowKey,
  rowHeight = 36,
  height = 420,
  onRowsShown,
  testId = 'virtual-list',
}: Props<Row>) {
  const scroller = useRef<HTMLTableSectionElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const template = columns.map((column) => column.track).join(' ');
  const { first, end } = visibleRange(scrollTop, height, rowHeight, rows.length);
  const shown = useRef(false);

  useEffect(() => {
    if (shown.current || rows.length === 0) return;
    shown.current = true;
    onRowsShown?.();
  }, [rows.length, onRowsShown]);

  // The keys a listbox user expects, in whole rows; the browser's own scrolling of a focused area moves in pixels.
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const area = scroller.current;
    if (!area || event.target !== area) return;
    const page = Math.max(1, Math.floor(height / rowHeight) - 1) * rowHeight;
    const moves: Record<string, number> = {
      ArrowDown: area.scrollTop + rowHeight,
      ArrowUp: area.scrollTop - rowHeight,
      PageDown: area.scrollTop + page,
      PageUp: area.scrollTop - page,
      Home: 0,
      End: rows.length * rowHeight,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    area.scrollTop = Math.max(0, to);
    setScrollTop(area.scrollTop);
  };

  const visible: ReactNode[] = [];
  for (let index = first; index < end; index++) {
    const row = rows[index] as Row;
    visible.push(
      <tr
        key={rowKey(row, index)}
        aria-rowindex={index + 2}
        className="ll-vlist-row"
        style={{ gridTemplateColumns: template, insetBlockStart: index * rowHeight, blockSize: rowHeight }}
      >
        {columns.map((column) => (
          <td key={column.key} className="ll-vlist-cell">
            {column.cell(row)}
          </td>
        ))}
      </tr>,
    );
  }

  // Table elements laid out as grids: the body is the scrolling area and its rows sit at their offsets over a
  // spacer as tall as every row (its `::before`). ARIA's row count and indexes give the whole list although few
  // rows are rendered.
  return (
    <div className="ll-vlist">
      <table aria-label={label} aria-rowcount={rows.length + 1} data-testid={testId}>
        <thead>
          <tr aria-rowindex={1} className="ll-vlist-row ll-vlist-head" style={{ gridTemplateColumns: template }}>
            {columns.map((column) => (
              <th key={column.key} scope="col" className="ll-vlist-cell">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody
          ref={scroller}
          className="ll-vlist-scroll"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling body must take focus to be scrolled by keyboard.
          tabIndex={0}
          style={{ blockSize: height, '--ll-vlist-total': `${rows.length * rowHeight}px` } as CSSProperties}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          onKeyDown={onKeyDown}
          data-testid={`${testId}-scroll`}
        >
          {visible}
        </tbody>
      </table>
    </div>
  );
}
