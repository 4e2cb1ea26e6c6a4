// The words under the dashboard's daily-spend chart (and its screen-reader label). Pure, free of
// the DOM, so the unit tests cover it.
import type { DailySpend } from '../../shared/protocol';
import { formatUsd } from '../src/format/money';
import { continuousDays } from './chart';

/** One sentence for the caption and the screen reader: the range and the highest day. */
export function chartSummary(daily: DailySpend[]): string {
  const days = continuousDays(daily);
  if (days.length === 0) return 'No spend recorded yet.';
  const range = [days[0].day, days[days.length - 1].day];
  const maxUsd = Math.max(0, ...days.map((d) => d.costUsd));
  if (maxUsd === 0) return `Nothing spent from ${range[0]} to ${range[1]}.`;
  return `From ${range[0]} to ${range[1]}; the highest day cost ${formatUsd(maxUsd)}.`;
}

/** The caption under the chart: the summary, and the hint to hover only when there are bars to hover. */
export function chartCaption(daily: DailySpend[]): string {
  const spent = daily.some((d) => d.costUsd > 0);
  return spent ? `${chartSummary(daily)} Hover a bar for its day.` : chartSummary(daily);
}
