// The KPI keys a target may be set for (METRICS.md, "Targets"): the settings' schema and the metrics' comparison
// both read this one list. Its own file, free of zod, so the metrics take it without the schema library.

export const targetKeys = [
  'roi',
  'revenueChange',
  'leadToCustomerRate',
  'medianResponseMinutes',
  'p90ResponseMinutes',
  'shareWithinSla',
  'medianSalesCycleDays',
  'cac',
  'clv',
  'nps',
  'csat',
] as const;
export type TargetKey = (typeof targetKeys)[number];
