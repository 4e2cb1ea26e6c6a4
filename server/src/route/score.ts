// Orders the models that clear the quality bar. Prices span four orders of magnitude,
// so cost and latency are compared on a log scale normalised over the candidates:
// otherwise one expensive model would squash every cheap one to "equally free".
import type { Strategy } from '../../../shared/settings';

export interface Scored {
  estimatedCostUsd: number | undefined;
  latencyMs: number;
  quality: number;
}

export interface Weights {
  cost: number;
  latency: number;
  quality: number;
}

const STRATEGY_WEIGHTS: Record<Exclude<Strategy, 'balanced'>, Weights> = {
  cheapest: { cost: 1, latency: 0, quality: 0.05 },
  fastest: { cost: 0.05, latency: 1, quality: 0 },
  best: { cost: 0.01, latency: 0, quality: 1 },
};

export function weightsFor(strategy: Strategy, configured: Weights): Weights {
  return strategy === 'balanced' ? configured : STRATEGY_WEIGHTS[strategy];
}

/** Lower is better. Unknown prices rank as the most expensive candidate: never as free. */
export function rankScores<T extends Scored>(items: T[], w: Weights): Map<T, number> {
  // Runs for every request: the ranges in one pass each, without arrays of logs or closures.
  const costs = logRange(items, costOf);
  const latencies = logRange(items, latencyOf);
  const scores = new Map<T, number>();
  for (const item of items) {
    const cost = item.estimatedCostUsd === undefined ? 1 : logPosition(item.estimatedCostUsd, costs);
    const score = w.cost * cost + w.latency * logPosition(item.latencyMs, latencies) + w.quality * (1 - item.quality);
    scores.set(item, score);
  }
  return scores;
}

const FLOOR = 1e-9; // free local models: log(0) is -Infinity

const costOf = (item: Scored) => item.estimatedCostUsd;
const latencyOf = (item: Scored) => item.latencyMs;

/** The smallest and largest log of the known values. */
function logRange(items: readonly Scored[], valueOf: (item: Scored) => number | undefined): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const item of items) {
    const value = valueOf(item);
    if (value === undefined) continue;
    const log = Math.log(Math.max(value, FLOOR));
    if (log < lo) lo = log;
    if (log > hi) hi = log;
  }
  return { lo, hi };
}

/** A value mapped to 0..1 by its log's position between the smallest and largest (0 when they are one). */
function logPosition(value: number, { lo, hi }: { lo: number; hi: number }): number {
  if (!(hi > lo)) return 0;
  return (Math.log(Math.max(value, FLOOR)) - lo) / (hi - lo);
}
