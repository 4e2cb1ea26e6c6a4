// Least squares and medians for fitting the quality priors at build time.
import type { LinearFit } from '../snapshotTypes';

export type Point = readonly [x: number, y: number];

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Ordinary least squares y = intercept + slope * x. Needs two distinct x values. */
export function fitLine(points: Point[]): LinearFit {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
    syy += (y - meanY) ** 2;
  }
  if (!(sxx > 0)) throw new Error(`cannot fit a line through ${n} point(s) with one x value`);
  const slope = sxy / sxx;
  return {
    intercept: meanY - slope * meanX,
    slope,
    samples: n,
    correlation: syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0,
  };
}

export function evaluate(fit: LinearFit, x: number): number {
  return fit.intercept + fit.slope * x;
}
