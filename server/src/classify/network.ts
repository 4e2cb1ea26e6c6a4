// Scoring for the kind model's second part: a network with one small hidden layer
// over the same sparse features as the linear part. The linear part adds up what
// each feature says alone; the hidden units can learn what features mean together
// (a verb with a selection and a question form...), and the two, averaged, read
// unseen rows better than either (scripts/train-classifier.ts reports it).
import type { Features } from './features';

export interface NetworkWeights {
  /** Per input feature, its weight to each hidden unit. */
  input: Map<string, readonly number[]>;
  hiddenBias: readonly number[];
  /** Per hidden unit, its weight to each class. */
  output: readonly (readonly number[])[];
  outputBias: readonly number[];
}

/** The class scores (logits): ReLU hidden units, then a linear layer. */
export function networkScores(network: NetworkWeights, features: Features): number[] {
  const hidden = network.hiddenBias.slice();
  for (const [name, value] of features) {
    const row = network.input.get(name);
    if (!row) continue;
    for (let unit = 0; unit < hidden.length; unit++) hidden[unit] += row[unit] * value;
  }
  const scores = network.outputBias.slice();
  for (let unit = 0; unit < hidden.length; unit++) {
    const activation = hidden[unit];
    if (activation <= 0) continue;
    const row = network.output[unit];
    for (let c = 0; c < scores.length; c++) scores[c] += row[c] * activation;
  }
  return scores;
}
