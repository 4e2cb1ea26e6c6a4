// Builds quality.json: per-model strengths from aider's leaderboards plus the fallbacks
// the catalog needs for models no leaderboard ran.
import { canonicalModelName } from '../modelNames';
import type { BenchmarkedModel, PriceSnapshot, PriceTierLatency, QualitySnapshot } from '../snapshotTypes';
import { benchmarkedModels, type Boards, fitCommonScale, round3 } from './benchmarkedModels';
import { bestRunByName, type LeaderboardRun, readRuns } from './leaderboardRuns';
import { parseLeaderboardYaml } from './leaderboardYaml';
import { fitLine, median } from './statistics';

export interface LeaderboardTexts {
  polyglot: string;
  edit: string;
  refactor: string;
}

const FULL_TEST_CASES = { polyglot: 225, edit: 133, refactor: 89 };
/** Output-price bands (USD/MTok) for the latency prior of models no leaderboard timed. */
const LATENCY_TIER_BOUNDS = [1, 10, null] as const;

export function readBoards(texts: LeaderboardTexts): Boards {
  const board = (text: string, cases: number, field: string) =>
    bestRunByName(readRuns(parseLeaderboardYaml(text), cases, field));
  return {
    // The edit and polyglot boards' second try (after seeing test errors) is their headline.
    polyglot: board(texts.polyglot, FULL_TEST_CASES.polyglot, 'pass_rate_2'),
    edit: board(texts.edit, FULL_TEST_CASES.edit, 'pass_rate_2'),
    // The refactor board has a single try.
    refactor: board(texts.refactor, FULL_TEST_CASES.refactor, 'pass_rate_1'),
  };
}

/** Median output price per canonical name: resellers differ, the median ignores outliers. */
function outputPriceByName(prices: PriceSnapshot): Map<string, number> {
  const all = new Map<string, number[]>();
  for (const [key, entry] of Object.entries(prices.models)) {
    if (!(entry.output !== undefined && entry.output > 0)) continue;
    const name = canonicalModelName(key);
    all.set(name, [...(all.get(name) ?? []), entry.output]);
  }
  return new Map([...all].map(([name, outputs]) => [name, median(outputs)]));
}

/** Each model once: aliases (map key differs from the run's own name) are skipped. */
function pinned(board: Map<string, LeaderboardRun>): LeaderboardRun[] {
  return [...board].filter(([name, run]) => run.name === name).map(([, run]) => run);
}

function latencyTiers(priced: Array<{ price: number; model: BenchmarkedModel }>): PriceTierLatency[] {
  const allLatencies = priced.map(({ model }) => model.latencyMs);
  let lowerBound = 0;
  return LATENCY_TIER_BOUNDS.map((bound) => {
    const inTier = priced.filter(({ price }) => price >= lowerBound && (bound === null || price < bound));
    lowerBound = bound ?? Infinity;
    const latencies = inTier.map(({ model }) => model.latencyMs);
    return { belowOutputUsdPerMTok: bound, latencyMs: Math.round(median(latencies.length ? latencies : allLatencies)) };
  });
}

export function buildQualitySnapshot(texts: LeaderboardTexts, prices: PriceSnapshot, source: string): QualitySnapshot {
  const boards = readBoards(texts);
  const scale = fitCommonScale(boards);
  const models = benchmarkedModels(boards, scale);
  const outputPrices = outputPriceByName(prices);

  // Fitted on polyglot models only: on the 2023-24 edit board, $60/MTok gpt-4 scored below
  // today's $1 models, and that era's price/strength relation would underrate new models.
  const current = pinned(boards.polyglot).map((run) => ({ price: outputPrices.get(run.name), model: models[run.name] }));
  const priced = current.filter((m): m is { price: number; model: BenchmarkedModel } => m.price !== undefined);
  const priceFit = fitLine(priced.map(({ price, model }) => [Math.log10(price), model.strength]));
  const pricedStrengths = priced.map(({ model }) => model.strength);

  const localRuns = pinned(boards.edit).filter((run) => run.apiId.startsWith('ollama/'));
  return {
    source,
    polyglotToEditScale: roundFit(scale.polyglotToEditScale),
    refactorToEditScale: roundFit(scale.refactorToEditScale),
    strengthByLogOutputPrice: {
      ...roundFit(priceFit),
      minStrength: Math.min(...pricedStrengths),
      maxStrength: Math.max(...pricedStrengths),
    },
    localModelStrength: round3(median(localRuns.map((run) => models[run.name].strength))),
    // Old and new boards together: a model nobody priced or benchmarked is more likely
    // niche than frontier, so the typical benchmarked model, not the typical new one.
    unknownModelStrength: round3(median([...pinned(boards.polyglot), ...pinned(boards.edit)].map((run) => models[run.name].strength))),
    localModelLatencyMs: Math.round(median(localRuns.map((run) => models[run.name].latencyMs))),
    latencyByPriceTier: latencyTiers(priced),
    models,
  };
}

function roundFit<T extends { intercept: number; slope: number; correlation: number }>(fit: T): T {
  return { ...fit, intercept: round3(fit.intercept), slope: round3(fit.slope), correlation: round3(fit.correlation) };
}
