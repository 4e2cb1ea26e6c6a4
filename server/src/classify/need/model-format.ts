// The need model as saved (need-model.json) and as used: a linear score over
// need/features.ts, then the share of the training prompts that scored lower, so
// 0.78 reads "needs the strong model more than 78% of the benchmark prompts did".
import { FEATURE_COUNT, HASH_BITS, needFeatures } from './features';

export interface SavedNeedModel {
  /** Must match features.ts; a mismatch means the file is stale (retrain). */
  hashBits: number;
  featureCount: number;
  bias: number;
  /** Weights x weightScale, rounded: integers keep the file small. */
  weightScale: number;
  weights: number[];
  /** Raw scores of the training prompts at 0%, 1%, ..., 100%: maps a raw score to 0..1. */
  quantiles: number[];
  about: Record<string, unknown>;
}

export interface NeedModel {
  bias: number;
  weights: Float64Array;
  quantiles: number[];
}

export function loadNeedModel(saved: SavedNeedModel): NeedModel {
  if (saved.hashBits !== HASH_BITS || saved.featureCount !== FEATURE_COUNT || saved.weights.length !== FEATURE_COUNT) {
    throw new Error('need-model.json does not match the need features: run npm run train:need');
  }
  return {
    bias: saved.bias,
    weights: Float64Array.from(saved.weights, (w) => w / saved.weightScale),
    quantiles: saved.quantiles,
  };
}

/** The linear score: expected quality gained by going strong (0..1 quality scale). */
export function rawNeed(model: Pick<NeedModel, 'bias' | 'weights'>, prompt: string): number {
  const { ids, values } = needFeatures(prompt);
  let sum = model.bias;
  for (let i = 0; i < ids.length; i++) sum += model.weights[ids[i]] * values[i];
  return sum;
}

/** Share of the training prompts with a lower raw score, interpolated between percentiles. */
export function calibrate(quantiles: readonly number[], raw: number): number {
  const last = quantiles.length - 1;
  if (raw <= quantiles[0]) return 0;
  if (raw >= quantiles[last]) return 1;
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (quantiles[mid] <= raw) low = mid;
    else high = mid;
  }
  const span = quantiles[high] - quantiles[low];
  const within = span === 0 ? 0 : (raw - quantiles[low]) / span;
  return (low + within) / last;
}

/** The raw scores at 0%, 1%, ..., 100% of `scores`. */
export function percentiles(scores: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(scores).sort();
  return Array.from({ length: 101 }, (_, k) => sorted[Math.round((k / 100) * (sorted.length - 1))]);
}
