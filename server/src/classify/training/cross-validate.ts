// Stratified k-fold cross-validation on the training rows only: the honest way
// to choose hyperparameters without ever looking at eval.jsonl.
import { KINDS } from '../../../../shared/protocol';
import type { IntentRow } from './dataset';
import { fitKindModel, predictorOf, type Hyperparameters } from './fit';
import type { SavedKindModel } from '../model-format';
import type { Outcome } from './metrics';
import type { LocatedOutcome } from './location-recall';

/**
 * Deals each kind's rows round-robin into `folds` folds after a seeded shuffle,
 * so every fold has every kind in proportion and the result is reproducible.
 */
export function stratifiedFolds(rows: readonly IntentRow[], folds: number, seed: number): IntentRow[][] {
  const result: IntentRow[][] = Array.from({ length: folds }, () => []);
  const random = seededRandom(seed);
  let next = 0;
  for (const kind of KINDS) {
    const ofKind = rows.filter((row) => row.kind === kind);
    for (let i = ofKind.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ofKind[i], ofKind[j]] = [ofKind[j], ofKind[i]];
    }
    for (const row of ofKind) result[next++ % folds].push(row);
  }
  return result;
}

/**
 * Scores only the upstream rows, fold by fold. Authored rows are always on the
 * training side: they are there to help, never to be graded.
 */
export function crossValidate(
  rows: readonly IntentRow[],
  hyper: Hyperparameters,
  folds: number,
  seed: number,
  authored: readonly IntentRow[] = [],
): Outcome[] {
  const parts = stratifiedFolds(rows, folds, seed);
  return parts.flatMap((heldOut, index) => {
    const training = parts.filter((_, other) => other !== index).flat();
    const predict = predictorOf(fitKindModel(training, hyper, authored));
    return heldOut.map((row) => ({ expected: row.kind, predicted: predict(row) }));
  });
}

/**
 * Every row, upstream and authored, scored once while held out, with where it
 * came from: for reports on all labelled data (scripts/cv-kinds.ts). Both sets
 * are split into folds; each fold trains as the shipped model does (authored
 * rows at `hyper.authoredWeight`) on the other folds of both.
 */
export function crossValidateAll(
  rows: readonly IntentRow[],
  authored: readonly IntentRow[],
  hyper: Hyperparameters,
  folds: number,
  seed: number,
): LocatedOutcome[] {
  return outOfFoldAll(rows, authored, hyper, folds, seed, (saved) => {
    const predict = predictorOf(saved);
    return (row) => ({ expected: row.kind, predicted: predict(row), location: row.location, request: row.request });
  });
}

/**
 * The folds of crossValidateAll, with what to do for each held-out row given
 * the model fitted without it: a prediction, its probabilities...
 */
export function outOfFoldAll<T>(
  rows: readonly IntentRow[],
  authored: readonly IntentRow[],
  hyper: Hyperparameters,
  folds: number,
  seed: number,
  scorerOf: (model: SavedKindModel) => (row: IntentRow) => T,
): T[] {
  const upstreamParts = stratifiedFolds(rows, folds, seed);
  const authoredParts = stratifiedFolds(authored, folds, seed);
  return upstreamParts.flatMap((heldOut, index) => {
    const others = <R>(parts: R[][]): R[] => parts.filter((_, other) => other !== index).flat();
    const score = scorerOf(fitKindModel(others(upstreamParts), hyper, others(authoredParts)));
    return [...heldOut, ...authoredParts[index]].map(score);
  });
}

/**
 * Leave one batch out: each group of rows (one authored file, or the upstream
 * file) is scored by a model fitted on all the other groups only. Rows written
 * together share wording habits that a random split lets the model borrow;
 * here it cannot, so this is the closer guess at requests worded by others.
 */
export function crossValidateByGroup(groups: ReadonlyMap<string, readonly IntentRow[]>, hyper: Hyperparameters): Array<LocatedOutcome & { group: string }> {
  return [...groups].flatMap(([group, heldOut]) => {
    const training = [...groups].filter(([other]) => other !== group).flatMap(([, groupRows]) => groupRows);
    const predict = predictorOf(fitKindModel(training, hyper));
    return heldOut.map((row) => ({ group, expected: row.kind, predicted: predict(row), location: row.location, request: row.request }));
  });
}

/**
 * A linear congruential generator (the Numerical Recipes constants): plenty
 * random for shuffling a few hundred rows, and unlike Math.random it takes a seed.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
