import { type ReactElement, useRef } from 'react';
import { type Translate, translator } from '../../lib/i18n';
import { labelsThatFit } from '../../lib/panel/chart-scale';

// What the panel's recharts charts share: bars (BarSeries), a line (LineSeries), bars with a line on a second axis
// (BarsAndLine) and the KPI cards' trend (Sparkline). Every chart is fed a few aggregated rows (months, steps, buckets,
// at most a dozen groups), never per-lead rows, draws with animation off (a filter change must redraw at once), and
// redraws only when its model (lib/panel/chart-model.ts) changes by value. Right-to-left reverses the category axis
// and puts the value axis on the right, so in Hebrew time runs right to left.

export interface ChartText {
  rtl: boolean;
  /** Tick and tooltip formatting of values. */
  value(value: number): string;
  category?(key: string): string;
}

export const HEIGHT = 200;
export const MARGIN = { top: 8, right: 8, bottom: 8, left: 8 };
/** A fixed height for the category axis: recharts measures an 'auto' one in the page after every draw. */
export const CATEGORY_AXIS = 24;
export const VALUE_AXIS = 64;
const LABEL_PX = 56;
const FONT = 11;
export const CATEGORY_COLUMN = 96;
/** Characters of a category name that fit the side column at 11 px. */
export const CATEGORY_ROOM = 14;

/**
 * This render's value, or the previous one when equal by value (JSON). Views build their series inline at each render;
 * an unchanged model keeps the memoised drawing from redrawing, and an unchanged axis or series keeps its recharts
 * element, which otherwise dispatches its settings to the chart's store again (every selector of the chart reruns).
 */
export function useByValue<T>(value: T): T {
  const previous = useRef<{ signature: string; value: T } | undefined>(undefined);
  const signature = JSON.stringify(value);
  if (previous.current?.signature !== signature) previous.current = { signature, value };
  return previous.current.value;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  verticalAnchor?: 'start' | 'middle' | 'end';
  fill?: string;
  width?: number | string;
  index?: number;
  visibleTicksCount?: number;
  payload?: { value?: unknown };
}

/**
 * An axis label drawn as a plain SVG text. recharts' own tick text measures each label in the page (a layout per
 * label per draw) to wrap it; these are short. `thin` drops labels that would overlap, from the axis' width.
 */
export function plainTick(label: (value: unknown) => string, thin: boolean): (props: TickProps) => ReactElement {
  // recharts calls this as a function with the tick's props, not as a component.
  return (props) => {
    const { x, y, textAnchor, verticalAnchor, fill, width, index = 0, visibleTicksCount = 0, payload } = props;
    if (thin && !labelsThatFit(visibleTicksCount, Number(width) || 0, LABEL_PX).has(index)) return <g />;
    const dy = verticalAnchor === 'start' ? '0.71em' : verticalAnchor === 'middle' ? '0.32em' : '0';
    return (
      <text x={x} y={y} dy={dy} textAnchor={textAnchor} fill={fill} fontSize={FONT} className="recharts-text">
        {label(payload?.value)}
      </text>
    );
  };
}

/**
 * The charts' own words (the table toggle, the keyboard hint). A view may pass its translator; without one the
 * direction names the language, as the panel has exactly one right-to-left language (lib/i18n).
 */
export function chartWords(t: Translate | undefined, rtl: boolean): Translate {
  return t ?? translator(rtl ? 'he' : 'en');
}
