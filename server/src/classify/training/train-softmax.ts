// Multinomial logistic regression (softmax) over sparse features, trained by
// full-batch gradient descent with AdaGrad step sizes. Full batch keeps training
// deterministic (same data -> same model.json), and the data set is a few thousand
// rows, so each pass is cheap. Only the training scripts import this file.
import type { Features } from '../features';
import { softmax, type LinearWeights } from '../linear';
import { seededRandom } from './need-data';

export interface Example {
  features: Features;
  /** Index into the class list. */
  label: number;
  /** Loss multiplier for this example (default 1), on top of its class weight. */
  weight?: number;
}

export interface TrainOptions {
  classCount: number;
  /** L2 penalty per weight; keeps rare features from memorising single rows. */
  l2: number;
  epochs: number;
  learningRate: number;
  /** Per-class loss multiplier, e.g. to stop the majority class swamping the rest. */
  classWeights?: number[];
  /**
   * Share of each example's features hidden, afresh in every pass, while it is learned
   * from (dropout training; the rest are scaled up to keep the expected sum). A row can
   * then not be learned from its one telling word alone: the weight spreads over the
   * other words, word lists and forms that say the same, which is what an unseen
   * wording still has. 0 or absent: none. The mask comes from a fixed seed, so
   * training stays deterministic.
   */
  dropout?: number;
  /**
   * Multiplier of `l2` for a feature, by name (default 1): a feature that should move the
   * prediction only on strong evidence gets a stronger prior towards 0.
   */
  l2Scale?: (name: string) => number;
}

// Any seed: fixed so that the same rows give the same model.json.
const DROPOUT_SEED = 12345;

/** An example with features replaced by dense indices: training loops over these many times. */
interface IndexedExample {
  ids: Int32Array;
  values: Float64Array;
  label: number;
  weight: number;
}

export function trainSoftmax(examples: readonly Example[], options: TrainOptions): LinearWeights {
  const { classCount: k, l2, epochs, learningRate } = options;
  const classWeights = options.classWeights ?? new Array<number>(k).fill(1);
  const names: string[] = [];
  const indexOf = new Map<string, number>();
  const indexed: IndexedExample[] = examples.map((example) => {
    const ids = [...example.features.keys()].map((name) => {
      let id = indexOf.get(name);
      if (id === undefined) indexOf.set(name, (id = names.push(name) - 1));
      return id;
    });
    const weight = example.weight ?? 1;
    return { ids: Int32Array.from(ids), values: Float64Array.from(example.features.values()), label: example.label, weight };
  });
  // Each weight's own L2 penalty, laid out as the weights are (the bias row has none).
  const penalty = new Float64Array(names.length * k);
  names.forEach((name, id) => penalty.fill(l2 * (options.l2Scale?.(name) ?? 1), id * k, id * k + k));

  // Row `names.length` of these arrays holds the bias, which has no L2 penalty.
  const biasRow = names.length;
  const weights = new Float64Array((names.length + 1) * k);
  const gradient = new Float64Array(weights.length);
  const squaredSum = new Float64Array(weights.length);
  const scale = 1 / Math.max(indexed.length, 1);
  // A tiny floor keeps the first AdaGrad step finite.
  const epsilon = 1e-8;
  const dropout = options.dropout ?? 0;
  const random = seededRandom(DROPOUT_SEED);
  const keptScale = 1 / (1 - dropout);
  let shown = new Float64Array(64);

  for (let epoch = 0; epoch < epochs; epoch++) {
    gradient.fill(0);
    for (const { ids, values: allValues, label, weight: exampleWeight } of indexed) {
      let values = allValues;
      if (dropout > 0) {
        if (shown.length < allValues.length) shown = new Float64Array(allValues.length * 2);
        for (let f = 0; f < allValues.length; f++) shown[f] = random() < dropout ? 0 : allValues[f] * keptScale;
        values = shown;
      }
      const scores = new Array<number>(k);
      for (let c = 0; c < k; c++) scores[c] = weights[biasRow * k + c];
      for (let f = 0; f < ids.length; f++) {
        for (let c = 0; c < k; c++) scores[c] += weights[ids[f] * k + c] * values[f];
      }
      const probabilities = softmax(scores);
      const weight = classWeights[label] * exampleWeight * scale;
      for (let c = 0; c < k; c++) {
        const error = (probabilities[c] - (c === label ? 1 : 0)) * weight;
        gradient[biasRow * k + c] += error;
        for (let f = 0; f < ids.length; f++) gradient[ids[f] * k + c] += error * values[f];
      }
    }
    for (let i = 0; i < weights.length; i++) {
      const g = i < biasRow * k ? gradient[i] + penalty[i] * weights[i] : gradient[i];
      squaredSum[i] += g * g;
      weights[i] -= (learningRate * g) / Math.sqrt(squaredSum[i] + epsilon);
    }
  }

  const result: LinearWeights = { bias: Array.from(weights.subarray(biasRow * k)), weights: new Map() };
  names.forEach((name, id) => result.weights.set(name, Array.from(weights.subarray(id * k, id * k + k))));
  return result;
}
