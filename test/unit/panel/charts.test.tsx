// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { BarSeries } from '../../../components/panel/BarSeries';
import { BarsAndLine } from '../../../components/panel/BarsAndLine';
import { LineSeries } from '../../../components/panel/LineSeries';

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

const data = [
  { key: 'a', value: 10 },
  { key: 'b', value: 40 },
  { key: 'c', value: 20 },
];
const text = (rtl: boolean) => ({
  rtl,
  value: (v: number) => `${v} leads`,
  category: (key: string) => key.toUpperCase(),
});
const xOf = (element: Element) => Number(element.getAttribute('x')) + Number(element.getAttribute('width')) / 2;

describe('BarSeries', () => {
  it('draws one bar per category, its height by value, its value in its title, the highlight in the alarm colour', () => {
    const view = render(<BarSeries data={data} text={text(false)} name="Leads" highlight="b" label="Funnel" />);
    expect(view.querySelector('figure')?.getAttribute('aria-label')).toBe('Funnel');
    const bars = [...view.querySelectorAll('rect')];
    expect(bars).toHaveLength(3);
    const heights = bars.map((bar) => Number(bar.getAttribute('height')));
    expect(heights[1]).toBeGreaterThan(heights[2] as number);
    expect(heights[2]).toBeGreaterThan(heights[0] as number);
    // 40 of an axis up to 40: twice the 20 bar.
    expect((heights[1] as number) / (heights[2] as number)).toBeCloseTo(2, 5);
    expect(bars.map((bar) => bar.querySelector('title')?.textContent)).toEqual([
      'A — Leads: 10 leads',
      'B — Leads: 40 leads',
      'C — Leads: 20 leads',
    ]);
    expect(bars.map((bar) => bar.getAttribute('fill'))).toEqual([
      'var(--ll-accent)',
      'var(--ll-bad)',
      'var(--ll-accent)',
    ]);
    // The value axis is formatted by the caller.
    expect(view.textContent).toContain('40 leads');
  });

  it('runs right to left in Hebrew: the first category on the right', () => {
    const ltr = [
      ...render(<BarSeries data={data} text={text(false)} name="Leads" label="Funnel" />).querySelectorAll('rect'),
    ];
    expect(xOf(ltr[0] as Element)).toBeLessThan(xOf(ltr[2] as Element));
    act(() => root.unmount());
    container.remove();
    const rtl = [
      ...render(<BarSeries data={data} text={text(true)} name="Leads" label="Funnel" />).querySelectorAll('rect'),
    ];
    expect(xOf(rtl[0] as Element)).toBeGreaterThan(xOf(rtl[2] as Element));
  });

  it('lays bars across with the categories down the side, long names cut with the whole name as title', () => {
    const long = [
      { key: 'a very long campaign name indeed', value: 5 },
      { key: 'short', value: 10 },
    ];
    const view = render(
      <BarSeries
        data={long}
        text={{ rtl: false, value: String }}
        name="Revenue"
        label="By campaign"
        layout="vertical"
      />,
    );
    const bars = [...view.querySelectorAll('rect')];
    expect(Number(bars[1]?.getAttribute('width'))).toBeCloseTo(2 * Number(bars[0]?.getAttribute('width')), 5);
    const labels = [...view.querySelectorAll('text')].filter((label) => label.querySelector('title'));
    expect(labels[0]?.querySelector('title')?.textContent).toBe('a very long campaign name indeed');
    expect(labels[0]?.firstChild?.textContent?.endsWith('…')).toBe(true);
    expect(labels[1]?.firstChild?.textContent).toBe('short');
  });
});

describe('LineSeries and BarsAndLine', () => {
  it('join the points that have a value, bridging the gaps', () => {
    const view = render(
      <LineSeries
        data={[
          { key: 'jan', value: 1 },
          { key: 'feb', value: null },
          { key: 'mar', value: 3 },
        ]}
        text={text(false)}
        name="Won"
        label="Trend"
      />,
    );
    expect(view.querySelectorAll('circle')).toHaveLength(2);
    expect(view.querySelector('path')?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
  });

  it('draw bars on one axis and the line on a second, each with its own format', () => {
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
    expect(view.querySelectorAll('rect')).toHaveLength(2);
    expect(view.querySelector('circle title')?.textContent).toBe('FAST — Won rate: 20 %');
    expect(view.textContent).toContain('20 %');
    expect(view.textContent).toContain('100 leads');
  });
});
