// Calendar keys in the machine's local time zone. Budgets and "today" follow the
// user's wall clock, not UTC: a developer in Sydney expects the daily budget to
// reset at their midnight. Each row stores the day/month it was recorded in, so
// a later change of time zone does not move past rows between days.

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local date of `date` as YYYY-MM-DD. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** Local month of `date` as YYYY-MM. */
export function localMonth(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}`;
}

/** The local day `offset` days from `date` (negative goes back). Calendar arithmetic, so DST days count once. */
export function shiftDays(date: Date, offset: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + offset);
}

/**
 * Day keys bounding the local month of `date`: `[first, next)` where `first` is its
 * first day and `next` the first day of the following month, for `day >= first AND day < next`.
 */
export function monthDayRange(date: Date): { first: string; next: string } {
  const first = new Date(date.getFullYear(), date.getMonth(), 1);
  const next = new Date(date.getFullYear(), date.getMonth() + 1, 1);
  return { first: localDay(first), next: localDay(next) };
}
