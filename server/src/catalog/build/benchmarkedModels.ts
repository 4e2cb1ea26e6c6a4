// Merges aider's three leaderboards into one strength per model on a common scale.
//
// The edit leaderboard (133 Python exercises, 2023-24 models) and the polyglot leaderboard
// (225 hard exercises in 6 languages, 2024-25 models) measure the same skill at different
// difficulty: gpt-4o-mini solves 56% of the first and 4% of the second. Polyglot scores are
// mapped onto the edit scale with strength = a + b * sqrt(polyglot), fitted on models run on
// both boards within PAIR_WINDOW_DAYS (the square root straightens the relation: polyglot
// separates strong models, edit separates weak ones). The edit scale is the common one
// because it reads as "share of everyday coding tasks done right", which is what a routing
// prior should mean. The refactor board (89 large-method refactorings, single try) is put on
// the same scale by strength = a + b * refactor pass rate, fitted on models run on both the
// refactor and the edit boards within PAIR_WINDOW_DAYS; a pass rate from either board then
// means the same thing. Both fits are monotone, so each board's own ordering is kept.
// Every model keeps, in plain words, the evidence each figure came from.
import type { BenchmarkedModel, LinearFit } from '../snapshotTypes';
import type { LeaderboardRun } from './leaderboardRuns';
import { evaluate, fitLine, median } from './statistics';

const PAIR_WINDOW_DAYS = 120;
const DAY_MS = 86_400_000;
/**
 * A polyglot case is up to two attempts, each reading tests and writing a whole file or a
 * diff: roughly five typical routed responses. This factor is a judgement, not a measurement.
 */
const POLYGLOT_CASE_TO_RESPONSE = 0.2;
const MAX_LATENCY_PRIOR_MS = 120_000;

export interface Boards {
  polyglot: Map<string, LeaderboardRun>;
  edit: Map<string, LeaderboardRun>;
  refactor: Map<string, LeaderboardRun>;
}

export interface CommonScale {
  polyglotToEditScale: LinearFit;
  /** Calibrated refactor strength = intercept + slope * refactor pass rate. */
  refactorToEditScale: LinearFit;
  /** Multiply seconds per case by this to get milliseconds of one typical response. */
  msPerSecondOfCase: { polyglot: number; edit: number };
}

/** Models on both boards, each counted once (aliases skipped) and benchmarked close in time. */
function pairedRuns(
  from: Map<string, LeaderboardRun>,
  edits: Map<string, LeaderboardRun>,
): Array<[other: LeaderboardRun, edit: LeaderboardRun]> {
  const pairs: Array<[LeaderboardRun, LeaderboardRun]> = [];
  for (const [name, other] of from) {
    const edit = edits.get(name);
    if (other.name !== name || !edit || edit.name !== name) continue;
    const daysApart = Math.abs(Date.parse(other.date) - Date.parse(edit.date)) / DAY_MS;
    if (daysApart <= PAIR_WINDOW_DAYS) pairs.push([other, edit]);
  }
  return pairs;
}

export function fitCommonScale(boards: Boards): CommonScale {
  const pairs = pairedRuns(boards.polyglot, boards.edit);
  const polyglotToEditScale = fitLine(pairs.map(([p, e]) => [Math.sqrt(p.passRate), e.passRate]));
  const refactorToEditScale = fitLine(pairedRuns(boards.refactor, boards.edit).map(([r, e]) => [r.passRate, e.passRate]));
  // Edit cases are smaller; scale them by how much faster the same model was on them.
  const editCaseShare = median(pairs.map(([p, e]) => p.secondsPerCase / e.secondsPerCase));
  const polyglotFactor = 1000 * POLYGLOT_CASE_TO_RESPONSE;
  return { polyglotToEditScale, refactorToEditScale, msPerSecondOfCase: { polyglot: polyglotFactor, edit: polyglotFactor * editCaseShare } };
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
const onScale = (fit: LinearFit, x: number) => round3(clamp01(evaluate(fit, x)));
/**
 * Plain words for one result: `aider polyglot board: 3.6% pass, run gpt-4o-mini-2024-07-18 of 2024-12-21`.
 * No parentheses of its own: it is quoted inside a reason's, and run labels carry some.
 */
const evidence = (board: string, run: LeaderboardRun) =>
  `aider ${board} board: ${percent(run.passRate)} pass, run ${run.label} of ${run.date}`;
const latency = (seconds: number, factor: number) => Math.round(Math.min(MAX_LATENCY_PRIOR_MS, seconds * factor));

/** Every model of the boards, keyed by canonical name; polyglot (newer) wins over edit. */
export function benchmarkedModels(boards: Boards, scale: CommonScale): Record<string, BenchmarkedModel> {
  const models: Record<string, BenchmarkedModel> = {};
  for (const [name, run] of boards.polyglot) {
    models[name] = {
      strength: onScale(scale.polyglotToEditScale, Math.sqrt(run.passRate)),
      latencyMs: latency(run.secondsPerCase, scale.msPerSecondOfCase.polyglot),
      source: `aider polyglot ${run.date} ${run.label}: ${percent(run.passRate)}`,
      evidence: { code: evidence('polyglot', run) },
    };
  }
  for (const [name, run] of boards.edit) {
    models[name] ??= {
      strength: round3(run.passRate),
      latencyMs: latency(run.secondsPerCase, scale.msPerSecondOfCase.edit),
      source: `aider edit ${run.date} ${run.label}: ${percent(run.passRate)}`,
      evidence: { code: evidence('edit', run) },
    };
  }
  // A refactor result informs the refactor kind only: a model with nothing else has no
  // evidence for the code kinds, so it is left out rather than given one borrowed number.
  for (const [name, run] of boards.refactor) {
    const model = models[name];
    if (!model) continue;
    model.refactorStrength = onScale(scale.refactorToEditScale, run.passRate);
    model.evidence.refactor = evidence('refactor', run);
    model.source += `; refactor ${run.date} ${run.label}: ${percent(run.passRate)}`;
  }
  return models;
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
