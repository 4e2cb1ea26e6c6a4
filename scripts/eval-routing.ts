// The routing half of `npm run eval`: every router's score for every RouteLLM prompt,
// held out where the router is learned. The learned need is scored by nested 5-fold
// cross-validation by prompt (the ridge penalty and benchmark weight chosen by 3-fold
// cross-validation inside each outer training side), so no prompt's score comes from
// a model that saw it. MT-Bench's 72 prompts are dealt over the same folds as the
// others; a second run trains on MMLU and GSM8K only and scores MT-Bench out of domain.
import { classify } from '../server/src/classify/classify';
import { assessDifficulty } from '../server/src/classify/difficulty';
import { calibrate, percentiles } from '../server/src/classify/need/model-format';
import {
  chooseHyperparameters,
  fitNeed,
  NEED_GRID,
  nestedCrossValidation,
  predictNeed,
  prepareRows,
  type NeedHyperparameters,
} from '../server/src/classify/training/need-cv';
import type { RouteLlmBench, RouteLlmOutcome } from '../server/src/classify/training/routellm-data';
import { routingCurve, routingReport, type CurvePoint, type RoutingReport } from '../server/src/classify/training/routing-metrics';

// RouteLLM paper v4, Tables 1-3: its best router per benchmark (trained on Arena data).
export const PAPER_BEST: Record<RouteLlmBench, { router: string; apgr: number; cpt50: number; cpt80: number }> = {
  mmlu: { router: 'SW ranking', apgr: 0.603, cpt50: 0.354, cpt80: 0.7155 },
  gsm8k: { router: 'causal LLM', apgr: 0.622, cpt50: 0.3364, cpt80: 0.6326 },
  'mt-bench': { router: 'matrix factorisation', apgr: 0.802, cpt50: 0.134, cpt80: 0.3131 },
};

export const OUTER_FOLDS = 5;
export const INNER_FOLDS = 3;
const SEED = 1;

export interface RouterResult {
  router: string;
  bench: RouteLlmBench;
  report: RoutingReport;
  curve: CurvePoint[];
}

export interface RoutingEvaluation {
  results: RouterResult[];
  /** Hyperparameters each outer fold chose on its own training side. */
  chosen: NeedHyperparameters[];
}

export function evaluateRouting(rows: readonly RouteLlmOutcome[]): RoutingEvaluation {
  const data = prepareRows(rows);
  const nested = nestedCrossValidation(data, NEED_GRID, OUTER_FOLDS, INNER_FOLDS, SEED);
  // The routed difficulty reads the need as a percentile: calibrate each held-out score
  // against the held-out scores (a monotone map, so the learned need's ranking is kept).
  const quantiles = percentiles(nested.scores);
  const heldOutNeed = new Map(rows.map((row, i) => [row.prompt, calibrate(quantiles, nested.scores[i])]));

  const scorers: Array<[string, (row: RouteLlmOutcome, i: number) => number]> = [
    ['prompt length alone', (row) => row.prompt.length],
    ['hand-weighted difficulty (before)', (row) => handWeighted(row.prompt)],
    ['learned need (nested CV)', (_, i) => nested.scores[i]],
    ['difficulty as routed (nested CV)', (row) => routedDifficulty(row.prompt, heldOutNeed.get(row.prompt) ?? 0)],
  ];
  const results: RouterResult[] = [];
  for (const bench of ['mmlu', 'gsm8k', 'mt-bench'] as const) {
    const indices = rows.flatMap((row, i) => (row.bench === bench ? [i] : []));
    for (const [router, score] of scorers) {
      const scored = indices.map((i) => ({ score: score(rows[i], i), weak: rows[i].weak, strong: rows[i].strong }));
      results.push({ router, bench, report: routingReport(scored), curve: routingCurve(scored) });
    }
  }
  results.push(mtBenchOutOfDomain(rows, data));
  return { results, chosen: nested.chosen };
}

/** The difficulty score before the learned need: the same function with no need term. */
function handWeighted(prompt: string): number {
  return assessDifficulty(classify({ prompt }).kind, prompt, undefined, () => 0).score;
}

/** classify()'s difficulty for a bare prompt, with a held-out need in place of the bundled model. */
function routedDifficulty(prompt: string, need: number): number {
  return assessDifficulty(classify({ prompt }).kind, prompt, undefined, () => need).score;
}

/** MT-Bench scored by a model trained (and tuned) on MMLU and GSM8K only. */
function mtBenchOutOfDomain(rows: readonly RouteLlmOutcome[], data: ReturnType<typeof prepareRows>): RouterResult {
  const train = rows.flatMap((row, i) => (row.bench === 'mt-bench' ? [] : [i]));
  const test = rows.flatMap((row, i) => (row.bench === 'mt-bench' ? [i] : []));
  const { hyper } = chooseHyperparameters(data, train, NEED_GRID, INNER_FOLDS, SEED + 1);
  const scores = predictNeed(data, test, fitNeed(data, train, hyper));
  const scored = test.map((i, k) => ({ score: scores[k], weak: rows[i].weak, strong: rows[i].strong }));
  return { router: 'learned need, never saw MT-Bench', bench: 'mt-bench', report: routingReport(scored), curve: routingCurve(scored) };
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One line of the evaluation table: a label column, then right-aligned figures. */
export function tableRow(...cells: string[]): string {
  return cells[0].padEnd(58) + cells.slice(1).map((c) => c.padStart(10)).join('');
}

/** The routing rows of the evaluation table, per benchmark, random and the paper's best first. */
export function routingTable(evaluation: RoutingEvaluation): string[] {
  const out = [
    `ROUTING: RouteLLM protocol; learned rows by nested ${OUTER_FOLDS}-fold (inner ${INNER_FOLDS}-fold) cross-validation by prompt`,
    tableRow('', 'n', 'APGR', 'CPT(50%)', 'CPT(80%)'),
  ];
  for (const bench of ['mmlu', 'gsm8k', 'mt-bench'] as const) {
    const ours = evaluation.results.filter((r) => r.bench === bench);
    const best = PAPER_BEST[bench];
    out.push(tableRow(`${bench}: random router`, String(ours[0].report.n), '0.500', '50.0%', '80.0%'));
    out.push(tableRow(`${bench}: RouteLLM best published (${best.router})`, '', best.apgr.toFixed(3), pct(best.cpt50), pct(best.cpt80)));
    for (const r of ours) out.push(tableRow(`${bench}: ${r.router}`, String(r.report.n), r.report.apgr.toFixed(3), pct(r.report.cpt50), pct(r.report.cpt80)));
  }
  return out;
}
