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
  const costs = logNormaliser(items.map((i) => i.estimatedCostUsd).filter((c): c is number => c !== undefined));
  const latencies = logNormaliser(items.map((i) => i.latencyMs));
  const scores = new Map<T, number>();
  for (const item of items) {
    const cost = item.estimatedCostUsd === undefined ? 1 : costs(item.estimatedCostUsd);
    const score = w.cost * cost + w.latency * latencies(item.latencyMs) + w.quality * (1 - item.quality);
    scores.set(item, score);
  }
  return scores;
}

/** Maps values to 0..1 by log position between the smallest and largest. */
function logNormaliser(values: number[]): (v: number) => number {
  const FLOOR = 1e-9; // free local models: log(0) is -Infinity
  const logs = values.map((v) => Math.log(Math.max(v, FLOOR)));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  if (!(hi > lo)) return () => 0;
  return (v) => (Math.log(Math.max(v, FLOOR)) - lo) / (hi - lo);
}
