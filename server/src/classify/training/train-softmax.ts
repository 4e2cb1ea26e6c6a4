// Multinomial logistic regression (softmax) over sparse features, trained by
// full-batch gradient descent with AdaGrad step sizes. Full batch keeps training
// deterministic (same data -> same model.json), and the data set is a few hundred
// rows, so each pass is cheap. Only the training scripts import this file.
import type { Features } from '../features';
import { softmax, type LinearWeights } from '../linear';

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
}

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

  // Row `names.length` of these arrays holds the bias, which has no L2 penalty.
  const biasRow = names.length;
  const weights = new Float64Array((names.length + 1) * k);
  const gradient = new Float64Array(weights.length);
  const squaredSum = new Float64Array(weights.length);
  const scale = 1 / Math.max(indexed.length, 1);
  // A tiny floor keeps the first AdaGrad step finite.
  const epsilon = 1e-8;

  for (let epoch = 0; epoch < epochs; epoch++) {
    gradient.fill(0);
    for (const { ids, values, label, weight: exampleWeight } of indexed) {
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
      const g = i < biasRow * k ? gradient[i] + l2 * weights[i] : gradient[i];
      squaredSum[i] += g * g;
      weights[i] -= (learningRate * g) / Math.sqrt(squaredSum[i] + epsilon);
    }
  }

  const result: LinearWeights = { bias: Array.from(weights.subarray(biasRow * k)), weights: new Map() };
  names.forEach((name, id) => result.weights.set(name, Array.from(weights.subarray(id * k, id * k + k))));
  return result;
}
