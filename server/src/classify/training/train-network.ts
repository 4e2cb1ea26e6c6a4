// Trains the kind model's network part (network.ts): one hidden layer of ReLU units
// over the sparse features, softmax output, minibatch Adam with an L2 penalty on the
// weights. Seeded, so the same rows give the same model.json. Only the training
// scripts import this file.
import type { NetworkWeights } from '../network';
import type { Example } from './train-softmax';

export interface NetworkOptions {
  classCount: number;
  hidden: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty on the input and output weights (not the biases). */
  l2: number;
  /** Per-class loss multiplier, as for the linear part. */
  classWeights: number[];
  seed: number;
}

const BATCH_SIZE = 32;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;
// Small random input weights: large ones would start many units dead (never above 0).
const INPUT_INIT_SCALE = 0.1;

/** One parameter array and its Adam moments. */
class Parameters {
  readonly gradient: Float64Array;
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  constructor(readonly values: Float64Array, private readonly penalised: boolean) {
    this.gradient = new Float64Array(values.length);
    this.first = new Float64Array(values.length);
    this.second = new Float64Array(values.length);
  }
  /** Applies and clears the gradient at one index (step t counts from 1). */
  step(index: number, t: number, options: NetworkOptions): void {
    const g = this.gradient[index] + (this.penalised ? options.l2 * this.values[index] : 0);
    this.first[index] = BETA1 * this.first[index] + (1 - BETA1) * g;
    this.second[index] = BETA2 * this.second[index] + (1 - BETA2) * g * g;
    const mean = this.first[index] / (1 - BETA1 ** t);
    const variance = this.second[index] / (1 - BETA2 ** t);
    this.values[index] -= (options.learningRate * mean) / (Math.sqrt(variance) + EPSILON);
    this.gradient[index] = 0;
  }
}

export function trainNetwork(examples: readonly Example[], options: NetworkOptions): NetworkWeights {
  const { classCount: k, hidden: h } = options;
  const names: string[] = [];
  const indexOf = new Map<string, number>();
  const rows = examples.map((example) => ({
    ids: Int32Array.from([...example.features.keys()].map((name) => {
      let id = indexOf.get(name);
      if (id === undefined) indexOf.set(name, (id = names.push(name) - 1));
      return id;
    })),
    values: Float64Array.from(example.features.values()),
    label: example.label,
    weight: (example.weight ?? 1) * options.classWeights[example.label],
  }));
  const random = seededRandom(options.seed);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const input = new Parameters(Float64Array.from({ length: names.length * h }, () => gaussian() * INPUT_INIT_SCALE), true);
  const hiddenBias = new Parameters(new Float64Array(h).fill(0.01), false);
  const output = new Parameters(Float64Array.from({ length: h * k }, () => gaussian() * Math.sqrt(2 / h)), true);
  const outputBias = new Parameters(new Float64Array(k), false);

  const activation = new Float64Array(h);
  const probabilities = new Float64Array(k);
  const hiddenError = new Float64Array(h);
  const order = rows.map((_, i) => i);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < order.length; start += BATCH_SIZE) {
      const batch = order.slice(start, start + BATCH_SIZE);
      const touched = new Set<number>();
      for (const n of batch) {
        const { ids, values, label, weight } = rows[n];
        activation.set(hiddenBias.values);
        for (let f = 0; f < ids.length; f++) {
          const base = ids[f] * h;
          for (let u = 0; u < h; u++) activation[u] += input.values[base + u] * values[f];
        }
        for (let u = 0; u < h; u++) if (activation[u] < 0) activation[u] = 0;
        let max = -Infinity;
        for (let c = 0; c < k; c++) {
          let score = outputBias.values[c];
          for (let u = 0; u < h; u++) score += activation[u] * output.values[u * k + c];
          probabilities[c] = score;
          max = Math.max(max, score);
        }
        let total = 0;
        for (let c = 0; c < k; c++) total += probabilities[c] = Math.exp(probabilities[c] - max);
        const scale = weight / batch.length;
        hiddenError.fill(0);
        for (let c = 0; c < k; c++) {
          const error = (probabilities[c] / total - (c === label ? 1 : 0)) * scale;
          outputBias.gradient[c] += error;
          for (let u = 0; u < h; u++) {
            output.gradient[u * k + c] += error * activation[u];
            hiddenError[u] += error * output.values[u * k + c];
          }
        }
        for (let u = 0; u < h; u++) {
          if (activation[u] <= 0) continue;
          hiddenBias.gradient[u] += hiddenError[u];
          for (let f = 0; f < ids.length; f++) input.gradient[ids[f] * h + u] += hiddenError[u] * values[f];
        }
        for (const id of ids) touched.add(id);
      }
      t++;
      // Only the input rows of features this batch holds move (their penalty waits with them): sparse updates keep an epoch cheap.
      for (const id of touched) for (let u = 0; u < h; u++) input.step(id * h + u, t, options);
      for (const parameters of [hiddenBias, output, outputBias]) {
        for (let i = 0; i < parameters.values.length; i++) parameters.step(i, t, options);
      }
    }
  }
  const inputRows = new Map<string, number[]>();
  names.forEach((name, id) => inputRows.set(name, Array.from(input.values.subarray(id * h, id * h + h))));
  return {
    input: inputRows,
    hiddenBias: Array.from(hiddenBias.values),
    output: Array.from({ length: h }, (_, u) => Array.from(output.values.subarray(u * k, u * k + k))),
    outputBias: Array.from(outputBias.values),
  };
}

/** Numerical Recipes' linear congruential generator, as cross-validate.ts: seeded, unlike Math.random. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
