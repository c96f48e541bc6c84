import { intersect, rangeIn, type Span } from './calendar.ts';
import type { PreparedReport } from './prepare.ts';

/**
 * W' = W ∩ [adoption, ∞): LeadLens costs and saves only from adoption on. Without an adoption date nothing is
 * clipped (METRICS.md: "no clipping").
 */
export function adoptedPart(prepared: Pick<PreparedReport, 'adoptionAt'>, span: Span): Span {
  return prepared.adoptionAt === null ? span : intersect(span, { from: prepared.adoptionAt, to: Infinity });
}

// Money and hours settings left unset (null, "not entered") count as 0 in every formula (METRICS.md, "Settings").

export interface HoursSaved {
  automatedTouches: number;
  months: number;
  hours: number;
  value: number;
}

/** Automated touches in W' × minutes saved each / 60 + manual hours per month × months(W'); value at `hourlyCost`. */
export function hoursSaved(prepared: PreparedReport, span: Span): HoursSaved {
  const { settings } = prepared;
  const part = adoptedPart(prepared, span);
  const [first, end] = rangeIn(prepared.automatedAt, part);
  const automatedTouches = end - first;
  const months = prepared.clock.monthsIn(part);
  const hours =
    (automatedTouches * (settings.minutesSavedPerAutomatedTouch ?? 0)) / 60 +
    (settings.manualHoursSavedPerMonth ?? 0) * months;
  return { automatedTouches, months, hours, value: hours * (settings.hourlyCost ?? 0) };
}

export interface SystemCost {
  months: number;
  running: number;
  oneOff: number;
  total: number;
}

/** months(W') × (licence + maintenance), plus implementation and training when adoption falls in W. */
export function systemCost(prepared: PreparedReport, span: Span): SystemCost {
  const { settings, adoptionAt } = prepared;
  const months = prepared.clock.monthsIn(adoptedPart(prepared, span));
  const running = months * ((settings.licensePerMonth ?? 0) + (settings.maintenancePerMonth ?? 0));
  const adoptedInside = adoptionAt !== null && adoptionAt >= span.from && adoptionAt < span.to;
  const oneOff = adoptedInside ? (settings.implementationCost ?? 0) + (settings.trainingCost ?? 0) : 0;
  return { months, running, oneOff, total: running + oneOff };
}
