// The on-disk shape of the trained kind model (model.json), shared by the trainer
// that writes it and the classifier that loads it. Weights are stored as parallel
// arrays, not an object keyed by feature, so the JSON stays compact and the
// TypeScript type of the imported module stays trivial.
import { KINDS, type Kind } from '../../../shared/protocol';
import type { Features } from './features';
import { linearScores, softmax, type LinearWeights } from './linear';

export interface SavedKindModel {
  /** Class order of `bias` and of each row of `weights`. */
  classes: string[];
  /** The kind each class stands for; several classes (fine-grained intents) may share one. */
  classKinds: string[];
  bias: number[];
  features: string[];
  weights: number[][];
  /** How the model was made and how well it cross-validated, for humans. */
  about: Record<string, string | number | boolean>;
}

export interface LoadedKindModel {
  classKinds: Kind[];
  linear: LinearWeights;
}

export function loadKindModel(saved: SavedKindModel): LoadedKindModel {
  const classKinds = saved.classKinds.map((name) => {
    if (!KINDS.includes(name as Kind)) throw new Error(`model.json: unknown kind ${name}`);
    return name as Kind;
  });
  if (classKinds.length !== saved.classes.length) throw new Error('model.json: classes and classKinds differ in length');
  if (saved.bias.length !== saved.classes.length) throw new Error('model.json: classes and bias differ in length');
  if (saved.features.length !== saved.weights.length) throw new Error('model.json: features and weights differ in length');
  const weights = new Map<string, number[]>();
  saved.features.forEach((name, index) => weights.set(name, saved.weights[index]));
  return { classKinds, linear: { bias: saved.bias, weights } };
}

export function classProbabilities(model: LoadedKindModel, features: Features): number[] {
  return softmax(linearScores(model.linear, features, model.classKinds.length));
}

/** Probability of each kind: the sum over the classes that stand for it. */
export function kindProbabilities(model: LoadedKindModel, perClass: readonly number[]): Record<Kind, number> {
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
  model.classKinds.forEach((kind, index) => (byKind[kind] += perClass[index]));
  return byKind;
}
