// Geometry of the dashboard's daily-spend bar chart, kept apart from the DOM so it is
// unit-tested. Days without a request are filled in, so the bars keep a true time scale.
import type { DailySpend } from '../../shared/protocol';

export interface Bar {
  day: string;
  costUsd: number;
  requests: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartSize {
  width: number;
  height: number;
  /** Gap between bars, in the same units. */
  gap: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every day from the first to the last one reported, zero where nothing was spent. */
export function continuousDays(daily: DailySpend[]): DailySpend[] {
  if (daily.length === 0) return [];
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const sorted = [...byDay.keys()].sort();
  const first = Date.parse(`${sorted[0]}T00:00:00Z`);
  const last = Date.parse(`${sorted[sorted.length - 1]}T00:00:00Z`);
  if (Number.isNaN(first) || Number.isNaN(last)) return daily;
  const days: DailySpend[] = [];
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, costUsd: 0, requests: 0 });
  }
  return days;
}

export function barChart(daily: DailySpend[], size: ChartSize): { bars: Bar[]; maxUsd: number } {
  const days = continuousDays(daily);
  const maxUsd = Math.max(0, ...days.map((d) => d.costUsd));
  const slot = days.length > 0 ? size.width / days.length : 0;
  const bars = days.map((d, index) => {
    // A day with spend always gets a visible sliver, however small next to the maximum.
    const scaled = maxUsd > 0 ? (d.costUsd / maxUsd) * size.height : 0;
    const height = d.costUsd > 0 ? Math.max(scaled, 1) : 0;
    return {
      day: d.day,
      costUsd: d.costUsd,
      requests: d.requests,
      x: index * slot + size.gap / 2,
      y: size.height - height,
      width: Math.max(slot - size.gap, 1),
      height,
    };
  });
  return { bars, maxUsd };
}

export interface AxisLabels {
  /** Dollar labels from the top of the chart down: the highest day, half of it, $0 (blank where one would repeat another). */
  y: string[];
  /** Date labels from left to right: the first day, the middle one, the last (fewer for short ranges). */
  x: string[];
}

/** The labels of the chart's axes; `formatUsd` is passed in so this file stays free of formatting rules. */
export function axisLabels(daily: DailySpend[], formatUsd: (usd: number) => string): AxisLabels {
  const days = continuousDays(daily);
  if (days.length === 0) return { y: [], x: [] };
  const maxUsd = Math.max(0, ...days.map((d) => d.costUsd));
  const picks = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])];
  return { y: distinctDollarLabels(formatUsd(maxUsd), formatUsd(maxUsd / 2), formatUsd(0)), x: picks.map((i) => days[i].day) };
}

/**
 * An axis that reads "$0.00, $0.00, $0.00" (nothing spent) or "<$0.0001" twice says nothing:
 * a label the same as one below it is left blank, so each amount is shown once, $0 always.
 */
function distinctDollarLabels(top: string, half: string, zero: string): string[] {
  return [top === zero ? '' : top, half === top || half === zero ? '' : half, zero];
}
