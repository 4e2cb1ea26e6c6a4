// Scoring for a linear multi-class model: per-class scores are a bias plus the
// sum of feature value x weight, turned into probabilities by softmax. Used at
// inference by the classifier and during training by the trainer.
import type { Features } from './features';

export interface LinearWeights {
  bias: number[];
  weights: Map<string, number[]>;
}

export function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

export function linearScores(model: LinearWeights, features: Features, classCount: number): number[] {
  const scores = model.bias.slice(0, classCount);
  for (const [name, value] of features) {
    const row = model.weights.get(name);
    if (!row) continue;
    for (let c = 0; c < classCount; c++) scores[c] += row[c] * value;
  }
  return scores;
}

