// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { BarSeries } from '../../../components/panel/BarSeries';
import { BarsAndLine } from '../../../components/panel/BarsAndLine';
import { LineSeries } from '../../../components/panel/LineSeries';

// The drawing itself is recharts' (checked in a browser: test/e2e/panel-charts.spec.ts); here, the frame around it:
// its name, and the table alternative with the same figures the tooltip shows.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
function render(node: React.ReactNode): HTMLDivElement {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(node));
  return container;
}
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const text = (rtl: boolean) => ({
  rtl,
  value: (v: number) => `${v} leads`,
  category: (key: string) => key.toUpperCase(),
});

function showTable(view: HTMLElement): string[][] {
  const toggle = view.querySelector('figure button') as HTMLButtonElement;
  act(() => toggle.click());
  return [...view.querySelectorAll('[data-testid="chart-table"] tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''),
  );
}

describe('panel charts', () => {
  it('name the figure and swap the chart for a table of the same figures, and back', () => {
    const view = render(
      <BarSeries
        data={[
          { key: 'a', value: 10 },
          { key: 'b', value: 40 },
        ]}
        text={text(false)}
        name="Leads"
        highlight="b"
        label="Funnel"
      />,
    );
    const figure = view.querySelector('figure');
    expect(figure?.getAttribute('aria-label')).toBe('Funnel');
    expect(figure?.getAttribute('data-shown')).toBe('chart');
    expect(view.querySelector('button')?.textContent).toBe('Show as table');
    expect(showTable(view)).toEqual([
      ['Category', 'Leads'],
      ['A', '10 leads'],
      ['B', '40 leads'],
    ]);
    expect(figure?.getAttribute('data-shown')).toBe('table');
    const back = view.querySelector('button') as HTMLButtonElement;
    expect(back.textContent).toBe('Show as chart');
    expect(back.getAttribute('aria-pressed')).toBe('true');
    act(() => back.click());
    expect(view.querySelector('[data-testid="chart-table"]')).toBeNull();
  });

  it('write a missing value as "—" and each series in its own format', () => {
    const view = render(
      <BarsAndLine
        data={[
          { key: 'fast', bar: 100, line: 0.2 },
          { key: 'slow', bar: 50, line: null },
        ]}
        text={text(false)}
        lineText={(v) => `${Math.round(v * 100)} %`}
        barName="Leads"
        lineName="Won rate"
        label="Speed"
      />,
    );
    expect(showTable(view)).toEqual([
      ['Category', 'Leads', 'Won rate'],
      ['FAST', '100 leads', '20 %'],
      ['SLOW', '50 leads', '—'],
    ]);
  });

  it('speak Hebrew on a right-to-left page', () => {
    const view = render(
      <LineSeries
        data={[
          { key: 'jan', value: 1 },
          { key: 'feb', value: null },
        ]}
        text={text(true)}
        name="לידים"
        label="מגמות"
      />,
    );
    expect(view.querySelector('button')?.textContent).toBe('הצגה כטבלה');
    expect(showTable(view)).toEqual([
      ['קטגוריה', 'לידים'],
      ['JAN', '1 leads'],
      ['FEB', '—'],
    ]);
  });
});
