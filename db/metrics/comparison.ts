// 环比 and 同比 of a number: the change against the previous period and against the same period a year earlier.
export interface Compared {
  value: number | null;
  previous: number | null;
  yearAgo: number | null;
  /** For counts: relative change (0.12 = +12 %); for rates: the difference in rate points (0.03 = +3 points). */
  vsPrevious: number | null;
  vsYearAgo: number | null;
  kind: "count" | "rate";
}

export function compare(value: number | null, previous: number | null, yearAgo: number | null, kind: "count" | "rate"): Compared {
  const change = (base: number | null) => {
    if (value === null || base === null) return null;
    if (kind === "rate") return value - base;
    return base === 0 ? null : (value - base) / base;
  };
  return { value, previous, yearAgo, vsPrevious: change(previous), vsYearAgo: change(yearAgo), kind };
}
