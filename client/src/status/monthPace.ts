// Where this month's spend is heading, for the status-bar tooltip and the dashboard: the
// spend so far scaled to the whole month. A straight line, said to be one, and not shown
// in the first days of a month, when one busy morning would read as a fortune.
import type { UsageReport } from '../../../shared/protocol';
import { formatUsd } from '../format/money';

/** Days of the month that must have passed (today counting) before a projection says anything. */
const MIN_DAYS = 3;

/** Spend at the end of `now`'s month if the rest goes at the pace of the days so far (today counted in full). */
export function projectedMonthSpend(monthUsd: number, now: Date): number | undefined {
  const day = now.getDate();
  if (day < MIN_DAYS || !(monthUsd > 0)) return undefined;
  const daysInMonth = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
  return (monthUsd / day) * daysInMonth;
}

/** e.g. "on pace for about $12.40 this month, over the $10.00 monthly budget"; undefined when there is no pace yet. */
export function describeMonthPace(usage: UsageReport, now: Date): string | undefined {
  const projected = projectedMonthSpend(usage.month.costUsd, now);
  if (projected === undefined) return undefined;
  const monthly = usage.budget.monthlyUsd;
  const versus = monthly === undefined ? '' : projected > monthly
    ? `, over the ${formatUsd(monthly)} monthly budget`
    : `, within the ${formatUsd(monthly)} monthly budget`;
  return `on pace for about ${formatUsd(projected)} this month${versus}`;
}
