// The on-disk shape of the trained kind model (model.json), shared by the trainer
// that writes it and the classifier that loads it. Weights are stored as parallel
// arrays, not an object keyed by feature, so the JSON stays compact and the
// TypeScript type of the imported module stays trivial.
import { KINDS, type Kind } from '../../../shared/protocol';
import type { Features } from './features';
import { linearScores, softmax, type LinearWeights } from './linear';
import { networkScores, type NetworkWeights } from './network';

export interface SavedKindModel {
  /** Class order of `bias` and of each row of `weights`. */
  classes: string[];
  /** The kind each class stands for; several classes (fine-grained intents) may share one. */
  classKinds: string[];
  bias: number[];
  features: string[];
  weights: number[][];
  /**
   * The weights (`weights`, and the network's `input` and `output`) are stored as whole
   * numbers: the weight is the stored number divided by this. "-12" is 3 characters where
   * "-0.12" is 5, a fifth of model.json. Absent: the numbers are the weights.
   */
  weightScale?: number;
  /** How the model was made and how well it cross-validated, for humans. */
  about: Record<string, string | number | boolean | object>;
  /** The second part (network.ts), over the same classes; absent in a linear-only model. */
  network?: SavedNetwork;
}

export interface SavedNetwork {
  /** The linear part's share of the averaged class probabilities; the network has the rest. */
  linearShare: number;
  /** Input features, parallel to `input` (each row: a weight per hidden unit). */
  features: string[];
  input: number[][];
  hiddenBias: number[];
  /** Per hidden unit, a weight per class. */
  output: number[][];
  outputBias: number[];
}

export interface LoadedKindModel {
  classKinds: Kind[];
  linear: LinearWeights;
  network?: { weights: NetworkWeights; linearShare: number };
  /** Trained to read a verb it never learned as its WordNet anchor verb (model-features.ts). */
  unknownVerbsAsAnchors: boolean;
  /** Trained to read a word it never learned as its nearest learned word in word vectors, at this cosine or more (nearest-word.ts). */
  unknownWordsAsNearest?: number;
}

export function loadKindModel(saved: SavedKindModel): LoadedKindModel {
  const classKinds = saved.classKinds.map((name) => {
    if (!KINDS.includes(name as Kind)) throw new Error(`model.json: unknown kind ${name}`);
    return name as Kind;
  });
  if (classKinds.length !== saved.classes.length) throw new Error('model.json: classes and classKinds differ in length');
  if (saved.bias.length !== saved.classes.length) throw new Error('model.json: classes and bias differ in length');
  if (saved.features.length !== saved.weights.length) throw new Error('model.json: features and weights differ in length');
  const scale = saved.weightScale ?? 1;
  const unscale = (row: readonly number[]): number[] => (scale === 1 ? row.slice() : row.map((stored) => stored / scale));
  const weights = new Map<string, number[]>();
  saved.features.forEach((name, index) => weights.set(name, unscale(saved.weights[index])));
  return {
    classKinds,
    linear: { bias: saved.bias, weights },
    network: saved.network && loadNetwork(saved.network, classKinds.length, unscale),
    unknownVerbsAsAnchors: saved.about.unknownVerbsAsAnchors === true,
    unknownWordsAsNearest: typeof saved.about.unknownWordsAsNearest === 'number' ? saved.about.unknownWordsAsNearest : undefined,
  };
}

function loadNetwork(saved: SavedNetwork, classCount: number, unscale: (row: readonly number[]) => number[]): LoadedKindModel['network'] {
  if (saved.features.length !== saved.input.length) throw new Error('model.json: network features and input differ in length');
  if (saved.output.length !== saved.hiddenBias.length) throw new Error('model.json: network hidden units and output differ in length');
  if (saved.outputBias.length !== classCount) throw new Error('model.json: network and linear classes differ in number');
  const input = new Map<string, readonly number[]>();
  saved.features.forEach((name, index) => input.set(name, unscale(saved.input[index])));
  const output = saved.output.map(unscale);
  return { weights: { input, hiddenBias: saved.hiddenBias, output, outputBias: saved.outputBias }, linearShare: saved.linearShare };
}

/** Class probabilities: the linear part's, averaged with the network's when the model has one. */
export function classProbabilities(model: LoadedKindModel, features: Features): number[] {
  const linear = softmax(linearScores(model.linear, features, model.classKinds.length));
  if (!model.network) return linear;
  const { weights, linearShare } = model.network;
  const network = softmax(networkScores(weights, features));
  return linear.map((p, c) => linearShare * p + (1 - linearShare) * network[c]);
}

/** Probability of each kind: the sum over the classes that stand for it. */
export function kindProbabilities(model: LoadedKindModel, perClass: readonly number[]): Record<Kind, number> {
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
  model.classKinds.forEach((kind, index) => (byKind[kind] += perClass[index]));
  return byKind;
}
