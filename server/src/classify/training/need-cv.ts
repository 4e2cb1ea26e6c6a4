// Cross-validation of the need model by the RouteLLM protocol, nested so that the
// hyperparameters of each outer fold are chosen on its training folds only: the
// held-out prompts never influence the model that scores them, not even through l2.
import { FEATURE_COUNT, needFeatures } from '../need/features';
import { foldsByPrompt, needTarget } from './need-data';
import { fitRidge, predictRows, selectRows, toSparseMatrix, type RidgeFit, type SparseMatrix } from './ridge';
import type { RouteLlmBench, RouteLlmOutcome } from './routellm-data';
import { routingReport } from './routing-metrics';

export interface NeedHyperparameters {
  /** Ridge penalty on the squared weights. */
  l2: number;
  /**
   * Loss weight of a GSM8K or MT-Bench row relative to an MMLU row: MMLU has ten times
   * the prompts, and without a boost its subjects would set every shared weight.
   */
  minorityWeight: number;
}

export const NEED_GRID: readonly NeedHyperparameters[] = [3, 10, 30].flatMap((l2) =>
  [1, 3].map((minorityWeight) => ({ l2, minorityWeight })),
);

/** Rows with their features computed once, for the many fits of a cross-validation. */
export interface PreparedRows {
  rows: readonly RouteLlmOutcome[];
  matrix: SparseMatrix;
  targets: Float64Array;
}

export function prepareRows(rows: readonly RouteLlmOutcome[]): PreparedRows {
  return {
    rows,
    matrix: toSparseMatrix(rows.map((row) => needFeatures(row.prompt)), FEATURE_COUNT),
    targets: Float64Array.from(rows, needTarget),
  };
}

export function fitNeed(data: PreparedRows, indices: readonly number[], hyper: NeedHyperparameters, start?: RidgeFit): RidgeFit {
  const x = selectRows(data.matrix, indices);
  const y = Float64Array.from(indices, (i) => data.targets[i]);
  const rowWeights = Float64Array.from(indices, (i) => (data.rows[i].bench === 'mmlu' ? 1 : hyper.minorityWeight));
  return fitRidge(x, y, { l2: hyper.l2, rowWeights, start });
}

export function predictNeed(data: PreparedRows, indices: readonly number[], fit: RidgeFit): Float64Array {
  return predictRows(selectRows(data.matrix, indices), fit);
}

/** Mean APGR over the benchmarks with enough prompts to rank hyperparameters (MMLU, GSM8K). */
export function selectionScore(rows: readonly RouteLlmOutcome[], scores: ArrayLike<number>): number {
  const benches: RouteLlmBench[] = ['mmlu', 'gsm8k'];
  const apgrs = benches.map((bench) => {
    const scored = rows.flatMap((row, i) => (row.bench === bench ? [{ score: scores[i], weak: row.weak, strong: row.strong }] : []));
    return scored.length > 0 ? routingReport(scored).apgr : undefined;
  });
  const present = apgrs.filter((a): a is number => a !== undefined);
  return present.reduce((s, a) => s + a, 0) / present.length;
}

/**
 * Held-out scores of `indices` by `folds`-fold cross-validation by prompt at fixed
 * hyperparameters, one array per grid entry (the grid shares each fold's matrix and
 * warm-starts from the previous entry's solution).
 */
export function crossValidatedScores(
  data: PreparedRows,
  indices: readonly number[],
  grid: readonly NeedHyperparameters[],
  folds: number,
  seed: number,
): Float64Array[] {
  const foldOf = foldsByPrompt(indices.map((i) => data.rows[i]), folds, seed);
  const out = grid.map(() => new Float64Array(indices.length));
  for (let fold = 0; fold < folds; fold++) {
    const train = indices.filter((_, k) => foldOf[k] !== fold);
    const heldPositions = indices.flatMap((_, k) => (foldOf[k] === fold ? [k] : []));
    const held = heldPositions.map((k) => indices[k]);
    let previous: RidgeFit | undefined;
    grid.forEach((hyper, g) => {
      previous = fitNeed(data, train, hyper, previous);
      const predicted = predictNeed(data, held, previous);
      heldPositions.forEach((k, j) => (out[g][k] = predicted[j]));
    });
  }
  return out;
}

export interface HyperChoice {
  hyper: NeedHyperparameters;
  score: number;
  /** Selection score of every grid entry, in grid order. */
  scores: number[];
  /** Held-out scores of the rows (in `indices` order) at the chosen hyperparameters. */
  heldOut: Float64Array;
}

/** The grid entry with the best cross-validated selection score on `indices` alone. */
export function chooseHyperparameters(
  data: PreparedRows,
  indices: readonly number[],
  grid: readonly NeedHyperparameters[],
  folds: number,
  seed: number,
): HyperChoice {
  const held = crossValidatedScores(data, indices, grid, folds, seed);
  const rows = indices.map((i) => data.rows[i]);
  const scores = held.map((s) => selectionScore(rows, s));
  const best = scores.indexOf(Math.max(...scores));
  return { hyper: grid[best], score: scores[best], scores, heldOut: held[best] };
}

export interface NestedResult {
  /** Held-out score of every row, from a model that never saw its prompt. */
  scores: Float64Array;
  /** Hyperparameters each outer fold chose on its own training folds. */
  chosen: NeedHyperparameters[];
}

export function nestedCrossValidation(
  data: PreparedRows,
  grid: readonly NeedHyperparameters[],
  folds: number,
  innerFolds: number,
  seed: number,
): NestedResult {
  const all = data.rows.map((_, i) => i);
  const foldOf = foldsByPrompt(data.rows, folds, seed);
  const scores = new Float64Array(data.rows.length);
  const chosen: NeedHyperparameters[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = all.filter((i) => foldOf[i] !== fold);
    const held = all.filter((i) => foldOf[i] === fold);
    const { hyper } = grid.length === 1 ? { hyper: grid[0] } : chooseHyperparameters(data, train, grid, innerFolds, seed + 1);
    chosen.push(hyper);
    const predicted = predictNeed(data, held, fitNeed(data, train, hyper));
    held.forEach((i, j) => (scores[i] = predicted[j]));
  }
  return { scores, chosen };
}
