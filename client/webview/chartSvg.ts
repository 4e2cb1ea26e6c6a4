// Draws the daily-spend bars as inline SVG (no chart library, no remote resources).
// Colours come from the theme through CSS classes (media/dashboard.css).
import type { DailySpend } from '../../shared/protocol';
import { formatUsd } from '../src/format/money';
import { axisLabels, barChart } from './chart';
import { chartSummary } from './chartCaption';

const SVG = 'http://www.w3.org/2000/svg';
const SIZE = { width: 600, height: 140, gap: 2 };

export function dailyChart(daily: DailySpend[]): SVGSVGElement {
  const { bars } = barChart(daily, SIZE);
  const svg = document.createElementNS(SVG, 'svg');
  svg.id = 'daily-chart';
  svg.setAttribute('viewBox', `0 0 ${SIZE.width} ${SIZE.height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', chartSummary(daily));
  for (const bar of bars) {
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('class', 'bar');
    rect.setAttribute('data-day', bar.day);
    rect.setAttribute('x', bar.x.toFixed(2));
    rect.setAttribute('y', bar.y.toFixed(2));
    rect.setAttribute('width', bar.width.toFixed(2));
    rect.setAttribute('height', bar.height.toFixed(2));
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${bar.day}: ${formatUsd(bar.costUsd)} in ${bar.requests} request${bar.requests === 1 ? '' : 's'}`;
    rect.append(title);
    svg.append(rect);
  }
  const baseline = document.createElementNS(SVG, 'line');
  baseline.setAttribute('class', 'baseline');
  baseline.setAttribute('x1', '0');
  baseline.setAttribute('x2', String(SIZE.width));
  baseline.setAttribute('y1', String(SIZE.height));
  baseline.setAttribute('y2', String(SIZE.height));
  svg.append(baseline);
  return svg;
}

/** The chart with its axes: dollars up the left (the highest day, half, $0), dates along the bottom. */
export function dailyChartWithAxes(daily: DailySpend[]): HTMLElement {
  const labels = axisLabels(daily, formatUsd);
  const figure = document.createElement('div');
  figure.className = 'chart-frame';
  const yAxis = document.createElement('div');
  yAxis.className = 'y-axis';
  yAxis.setAttribute('aria-hidden', 'true');
  for (const label of labels.y) yAxis.append(span(label));
  const xAxis = document.createElement('div');
  xAxis.className = 'x-axis';
  xAxis.setAttribute('aria-hidden', 'true');
  for (const label of labels.x) xAxis.append(span(label));
  const corner = span('');
  figure.append(yAxis, dailyChart(daily), corner, xAxis);
  return figure;
}

function span(text: string): HTMLSpanElement {
  const node = document.createElement('span');
  node.textContent = text;
  return node;
}
