// Reads of typed arrays and rows are cast (`as number`): every index is bounded by its loop or a binary search,
// which `noUncheckedIndexedAccess` cannot see.
import { tzOffset } from '@date-fns/tz';
import type { BusinessHours, Weekday } from '../model/settings.ts';

/** A half-open span `[from, to)` of instants (ms since epoch); not called Window, which is the DOM's. */
export interface Span {
  from: number;
  to: number;
}

export const minuteMs = 60_000;
export const hourMs = 3_600_000;
export const dayMs = 86_400_000;

const weekdayIndex: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

export function intersect(a: Span, b: Span): Span {
  const from = Math.max(a.from, b.from);
  return { from, to: Math.max(from, Math.min(a.to, b.to)) };
}

/** Index of the first element of a sorted array that is ≥ value (`lowerBound`), as in C++. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** `[first, end)` indices of the sorted times inside W. */
export function rangeIn(sorted: Float64Array, span: Span): [number, number] {
  if (span.to <= span.from) return [0, 0];
  return [lowerBound(sorted, span.from), lowerBound(sorted, span.to)];
}

/** Index of the last element ≤ value, or -1. */
function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Month number since year 0 (`year × 12 + month0`), the key of a local calendar month. */
export type MonthIndex = number;

export function monthKeyOf(month: MonthIndex): string {
  const year = Math.floor(month / 12);
  return `${String(year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

export function monthIndexOfKey(key: string): MonthIndex {
  const [year, month] = key.split('-').map(Number) as [number, number];
  return year * 12 + month - 1;
}

/**
 * Local time in one IANA zone, fast enough for per-lead use.
 *
 * Why not `TZDate` per instant: constructing one costs ≈ 15 µs here (it asks `Intl` several times), so 100 000 leads
 * would spend over a second on it. Instead the zone's UTC offsets come from the date library (`tzOffset`, which reads
 * the runtime's tz database) once per day of the covered span, each change located to the minute; conversions are
 * then a binary search over those few changes. The unit tests check this against `TZDate` and date-fns `addMonths`.
 *
 * Wall-clock times are represented as "wall ms": the UTC ms of the same calendar date and clock time.
 */
export class ZoneClock {
  // Offsets are piecewise constant: `offsets[i]` (ms) applies from `changeAt[i]` on; changeAt[0] = -Infinity.
  private changeAt: number[] = [];
  private offsets: number[] = [];
  private coveredFrom = Number.POSITIVE_INFINITY;
  private coveredTo = Number.NEGATIVE_INFINITY;
  private readonly monthStarts = new Map<MonthIndex, number>();

  constructor(
    readonly timeZone: string,
    around?: Span,
  ) {
    if (around) this.cover(around.from, around.to);
  }

  private offsetFromLibrary(at: number): number {
    return tzOffset(this.timeZone, new Date(at)) * minuteMs;
  }

  private scan(from: number, to: number): void {
    const start = Math.floor(from / dayMs) * dayMs;
    const end = Math.ceil(to / dayMs) * dayMs;
    const changeAt: number[] = [Number.NEGATIVE_INFINITY];
    let previous = this.offsetFromLibrary(start);
    const offsets: number[] = [previous];
    for (let day = start + dayMs; day <= end; day += dayMs) {
      const offset = this.offsetFromLibrary(day);
      if (offset === previous) continue;
      // The change lies in (day - 1 d, day]; find its first minute.
      let low = day - dayMs;
      let high = day;
      while (high - low > minuteMs) {
        const mid = low + Math.floor((high - low) / 2 / minuteMs) * minuteMs;
        if (this.offsetFromLibrary(mid) === previous) low = mid;
        else high = mid;
      }
      changeAt.push(high);
      offsets.push(offset);
      previous = offset;
    }
    this.changeAt = changeAt;
    this.offsets = offsets;
    this.coveredFrom = start;
    this.coveredTo = end;
  }

  /** Makes later look-ups in `[from, to]` exact. */
  cover(from: number, to: number): void {
    if (from >= this.coveredFrom && to <= this.coveredTo) return;
    // Grow with a margin so a run of nearby look-ups does not rescan each time.
    this.scan(Math.min(from, this.coveredFrom) - 30 * dayMs, Math.max(to, this.coveredTo) + 30 * dayMs);
  }

  /** UTC offset (ms) in force at an instant. */
  offsetAt(at: number): number {
    if (at < this.coveredFrom || at > this.coveredTo) this.cover(at, at);
    return this.offsets[lastAtOrBefore(this.changeAt, at)] as number;
  }

  toWall(at: number): number {
    return at + this.offsetAt(at);
  }

  /**
   * The instant a wall-clock time names. A time skipped by a DST change means the first instant after the gap
   * (METRICS.md: "a local midnight skipped by DST means the first instant after it"); a time that occurs twice
   * means its first occurrence.
   */
  fromWall(wall: number): number {
    const guess = wall - this.offsetAt(wall);
    this.cover(guess - 2 * dayMs, guess + 2 * dayMs);
    const segment = lastAtOrBefore(this.changeAt, guess);
    let best = Number.POSITIVE_INFINITY;
    for (let i = Math.max(0, segment - 1); i <= Math.min(this.offsets.length - 1, segment + 1); i++) {
      const at = wall - (this.offsets[i] as number);
      const segmentEnd = this.changeAt[i + 1] ?? Number.POSITIVE_INFINITY;
      if (at >= (this.changeAt[i] as number) && at < segmentEnd && at < best) best = at;
    }
    if (best !== Number.POSITIVE_INFINITY) return best;
    // In a gap: the wall time falls between two segments; the change instant is the first one after it.
    for (let i = Math.max(1, segment); i <= Math.min(this.offsets.length - 1, segment + 1); i++) {
      const change = this.changeAt[i] as number;
      if (wall - (this.offsets[i - 1] as number) >= change && wall - (this.offsets[i] as number) < change)
        return change;
    }
    return guess;
  }

  /** The local calendar month of an instant. */
  monthOf(at: number): MonthIndex {
    const wall = new Date(this.toWall(at));
    return wall.getUTCFullYear() * 12 + wall.getUTCMonth();
  }

  /** The instant a local month begins (its local midnight of day 1). */
  monthStart(month: MonthIndex): number {
    let start = this.monthStarts.get(month);
    if (start === undefined) {
      start = this.fromWall(Date.UTC(Math.floor(month / 12), month % 12, 1));
      this.monthStarts.set(month, start);
    }
    return start;
  }

  /** The local midnight starting a local date `YYYY-MM-DD`. */
  localMidnight(date: string): number {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return this.fromWall(Date.UTC(year, month - 1, day));
  }

  /** The local date `YYYY-MM-DD` of an instant. */
  localDate(at: number): string {
    return new Date(this.toWall(at)).toISOString().slice(0, 10);
  }

  /** Adds n calendar months keeping the local wall-clock time, the day clamped to the month's end. */
  addMonths(at: number, months: number): number {
    if (months === 0) return at;
    const wall = new Date(this.toWall(at));
    const year = wall.getUTCFullYear();
    const target = wall.getUTCMonth() + months;
    const lastDay = new Date(Date.UTC(year, target + 1, 0)).getUTCDate();
    const timeOfDay = wall.getTime() - Date.UTC(year, wall.getUTCMonth(), wall.getUTCDate());
    return this.fromWall(Date.UTC(year, target, Math.min(wall.getUTCDate(), lastDay)) + timeOfDay);
  }

  /**
   * months(W): each local calendar month overlapping W contributes the fraction of it (in ms) inside W.
   */
  monthsIn(span: Span): number {
    if (span.to <= span.from) return 0;
    let total = 0;
    const last = this.monthOf(span.to - 1);
    for (let month = this.monthOf(span.from); month <= last; month++) {
      const start = this.monthStart(month);
      const end = this.monthStart(month + 1);
      total += (Math.min(end, span.to) - Math.max(start, span.from)) / (end - start);
    }
    return total;
  }

  /** The local months overlapping W, each clipped to W. */
  monthWindows(span: Span): Array<{ month: MonthIndex; key: string; window: Span }> {
    const result: Array<{ month: MonthIndex; key: string; window: Span }> = [];
    if (span.to <= span.from) return result;
    const last = this.monthOf(span.to - 1);
    for (let month = this.monthOf(span.from); month <= last; month++) {
      const from = Math.max(this.monthStart(month), span.from);
      const to = Math.min(this.monthStart(month + 1), span.to);
      result.push({ month, key: monthKeyOf(month), window: { from, to } });
    }
    return result;
  }
}

function wallClockMs(text: string): number {
  const [hours, minutes] = text.split(':').map(Number) as [number, number];
  return (hours * 60 + minutes) * minuteMs;
}

/**
 * Business time as a sorted array of intervals (one per listed weekday that is not a holiday, built from local
 * wall-clock times, so a DST change inside business hours shortens or lengthens that day) with prefix sums: the
 * business time between two instants is two binary searches.
 */
export class BusinessClock {
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  // before[i] = business ms of intervals 0..i-1.
  private before = new Float64Array(1);
  private coveredFrom = Number.POSITIVE_INFINITY;
  private coveredTo = Number.NEGATIVE_INFINITY;

  constructor(
    readonly zone: ZoneClock,
    readonly hours: BusinessHours,
    around?: Span,
  ) {
    if (around) this.build(around.from, around.to);
  }

  private build(from: number, to: number): void {
    const { zone, hours } = this;
    const days = new Set(hours.days.map((day) => weekdayIndex[day]));
    // A holiday is a local date, so it is compared as the wall ms of its local midnight, like `day` below.
    const holidays = new Set((hours.holidays ?? []).map((date) => Date.parse(`${date}T00:00:00Z`)));
    const open = wallClockMs(hours.start);
    const close = wallClockMs(hours.end);
    const starts: number[] = [];
    const ends: number[] = [];
    // One day of margin each side so intervals straddling the bounds are whole.
    const first = Date.parse(`${zone.localDate(from)}T00:00:00Z`) - dayMs;
    const last = Date.parse(`${zone.localDate(to)}T00:00:00Z`) + dayMs;
    zone.cover(first - 2 * dayMs, last + 2 * dayMs);
    if (close > open) {
      for (let day = first; day <= last; day += dayMs) {
        if (!days.has(new Date(day).getUTCDay()) || holidays.has(day)) continue;
        const start = zone.fromWall(day + open);
        const end = zone.fromWall(day + close);
        if (end > start) {
          starts.push(start);
          ends.push(end);
        }
      }
    }
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    this.before = new Float64Array(starts.length + 1);
    for (let i = 0; i < starts.length; i++) {
      this.before[i + 1] = (this.before[i] as number) + (ends[i] as number) - (starts[i] as number);
    }
    this.coveredFrom = from;
    this.coveredTo = to;
  }

  /** Business ms from the beginning of the covered span to `at`. */
  private cumulative(at: number): number {
    const i = lastAtOrBefore(this.starts, at);
    if (i < 0) return 0;
    return (this.before[i] as number) + Math.min(at, this.ends[i] as number) - (this.starts[i] as number);
  }

  /** Business ms inside `[from, to)`; 0 when to ≤ from. */
  msBetween(from: number, to: number): number {
    if (to <= from) return 0;
    if (from < this.coveredFrom || to > this.coveredTo) this.extend(from, to);
    return this.cumulative(to) - this.cumulative(from);
  }

  // Out of line, so that `msBetween` stays small enough to be inlined into the report's per-lead pass: a call that is
  // not inlined returns its double boxed on the heap.
  private extend(from: number, to: number): void {
    this.build(Math.min(from, this.coveredFrom) - 30 * dayMs, Math.max(to, this.coveredTo) + 30 * dayMs);
  }

  get intervalCount(): number {
    return this.starts.length;
  }
}

/** Minutes between two instants as response times count them: business minutes when business hours are set. */
export type MinutesBetween = (from: number, to: number) => number;

export function minutesMeasure(business: BusinessClock | null): MinutesBetween {
  if (business === null) return (from, to) => Math.max(0, to - from) / minuteMs;
  return (from, to) => business.msBetween(from, to) / minuteMs;
}

// The overlays ask per lead; rebuilding a zone's offsets for each would waste the point of precomputing them.
const zoneCache = new Map<string, ZoneClock>();
const businessCache = new Map<string, BusinessClock>();

export function zoneClockFor(timeZone: string): ZoneClock {
  let clock = zoneCache.get(timeZone);
  if (clock === undefined) {
    if (zoneCache.size > 16) zoneCache.clear();
    clock = new ZoneClock(timeZone);
    zoneCache.set(timeZone, clock);
  }
  return clock;
}

export function businessClockFor(timeZone: string, hours: BusinessHours | null): BusinessClock | null {
  if (hours === null) return null;
  const key = `${timeZone}|${hours.days.join(',')}|${hours.start}|${hours.end}|${(hours.holidays ?? []).join(',')}`;
  let clock = businessCache.get(key);
  if (clock === undefined) {
    if (businessCache.size > 16) businessCache.clear();
    clock = new BusinessClock(zoneClockFor(timeZone), hours);
    businessCache.set(key, clock);
  }
  return clock;
}
