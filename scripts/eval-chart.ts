// Cost-quality curves as a small hand-written SVG: share of calls sent to the strong
// model (cost is about proportional to it) against the quality of the routed answers,
// one line per router, always-weak and always-strong at the ends.
import type { CurvePoint } from '../server/src/classify/training/routing-metrics';

export interface ChartLine {
  label: string;
  colour: string;
  points: readonly CurvePoint[];
  dashed?: boolean;
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 64, right: 20, top: 40, bottom: 56 };
// A curve of 14,000 prompts has a point per prompt; a few hundred draw the same line.
const MAX_POINTS = 400;

/** A published operating point: the share of strong calls at which a router reached some quality. */
export interface ChartMarker {
  label: string;
  points: readonly CurvePoint[];
}

export function costQualityChart(title: string, lines: readonly ChartLine[], marker?: ChartMarker): string {
  const qualities = lines.flatMap((line) => line.points.map((p) => p.quality));
  const [low, high] = padded(Math.min(...qualities), Math.max(...qualities));
  const x = (p: number) => MARGIN.left + p * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (q: number) => HEIGHT - MARGIN.bottom - ((q - low) / (high - low)) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15">${escape(title)}</text>`,
  ];
  for (let k = 0; k <= 10; k += 2) {
    const p = k / 10;
    parts.push(`<line x1="${x(p)}" y1="${y(low)}" x2="${x(p)}" y2="${y(high)}" stroke="#eee"/>`);
    parts.push(`<text x="${x(p)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${k * 10}%</text>`);
  }
  for (let k = 0; k <= 5; k++) {
    const q = low + ((high - low) * k) / 5;
    parts.push(`<line x1="${x(0)}" y1="${y(q)}" x2="${x(1)}" y2="${y(q)}" stroke="#eee"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y(q) + 4}" text-anchor="end">${q.toFixed(3)}</text>`);
  }
  parts.push(`<text x="${x(0.5)}" y="${HEIGHT - 14}" text-anchor="middle">calls sent to the strong model (cost)</text>`);
  parts.push(`<text transform="translate(16 ${y((low + high) / 2)}) rotate(-90)" text-anchor="middle">quality of routed answers</text>`);
  parts.push(`<rect x="${x(0)}" y="${y(high)}" width="${x(1) - x(0)}" height="${y(low) - y(high)}" fill="none" stroke="#999"/>`);
  for (const line of lines) {
    const path = thin(line.points).map((p) => `${x(p.p).toFixed(1)},${y(p.quality).toFixed(1)}`).join(' ');
    const dash = line.dashed ? ' stroke-dasharray="5 4"' : '';
    parts.push(`<polyline points="${path}" fill="none" stroke="${line.colour}" stroke-width="2"${dash}/>`);
  }
  for (const point of marker?.points ?? []) {
    parts.push(`<circle cx="${x(point.p).toFixed(1)}" cy="${y(point.quality).toFixed(1)}" r="4" fill="#d55e00"/>`);
  }
  // The legend sits bottom right, below the diagonal, where a router better than random never goes.
  const entries = lines.length + (marker ? 1 : 0);
  const legendTop = y(low) - 10 - entries * 16;
  parts.push(`<rect x="${x(0.36)}" y="${legendTop - 12}" width="${x(1) - x(0.36) - 2}" height="${entries * 16 + 8}" fill="white" fill-opacity="0.9" stroke="#ccc"/>`);
  lines.forEach((line, index) => {
    const legendY = legendTop + index * 16;
    const dash = line.dashed ? ' stroke-dasharray="5 4"' : '';
    parts.push(`<line x1="${x(0.37)}" y1="${legendY - 4}" x2="${x(0.42)}" y2="${legendY - 4}" stroke="${line.colour}" stroke-width="2"${dash}/>`);
    parts.push(`<text x="${x(0.43)}" y="${legendY}">${escape(line.label)}</text>`);
  });
  if (marker) {
    const legendY = legendTop + lines.length * 16;
    parts.push(`<circle cx="${x(0.395)}" cy="${legendY - 4}" r="4" fill="#d55e00"/>`);
    parts.push(`<text x="${x(0.43)}" y="${legendY}">${escape(marker.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function thin(points: readonly CurvePoint[]): CurvePoint[] {
  if (points.length <= MAX_POINTS) return [...points];
  const step = (points.length - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, k) => points[Math.round(k * step)]);
}

function padded(low: number, high: number): [number, number] {
  const pad = (high - low) * 0.05 || 0.01;
  return [low - pad, high + pad];
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
