// Picks the model for one request and the order fallback will try the others in.
// Hard constraints first (context window, a forced or pinned model, budget downgrade),
// then the cheapest model expected to be good enough, by the user's strategy.
import type { Kind } from '../../../shared/protocol';
import type { Settings } from '../../../shared/settings';
import { costUsd } from '../catalog/catalog';
import type { ModelInfo } from '../catalog/types';
import { describeUnsure } from '../classify/kind-decision';
import type { Classification } from '../classify/types';
import { qualityBar } from './quality-bar';
import { rankScores, weightsFor } from './score';

export interface SelectionInput {
  models: ModelInfo[];
  classification: Classification;
  routing: Settings['routing'];
  inputTokens: number;
  expectedOutputTokens: number;
  /** A model the caller insists on (`providerId/modelId`). */
  forcedModel?: string;
  /** Over budget with onExceed "downgrade": the cheapest model that fits wins. */
  downgrade: boolean;
  /** `llmRouter.budget.maxRequestUsd`: models estimated to cost more are not candidates. */
  maxRequestUsd?: number;
  /** Why a model cannot be called right now (no key, circuit open), or undefined. */
  unavailable: (model: ModelInfo) => string | undefined;
  /** Observed typical latency, when there is any. */
  observedLatencyMs: (model: ModelInfo) => number | undefined;
}

export interface Candidate {
  model: ModelInfo;
  estimatedCostUsd: number | undefined;
  latencyMs: number;
  quality: number;
  /** Why the model cannot be called right now (no key, circuit open); it is then tried last. */
  unavailable?: string;
}

export interface Selection {
  ordered: Candidate[];
  reasons: string[];
  warnings: string[];
}

export class SelectionError extends Error {}

export function selectModels(input: SelectionInput): Selection {
  const { classification: c, routing } = input;
  const kind = c.kind;
  const needTokens = input.inputTokens + input.expectedOutputTokens;
  const fitting = input.models.filter((m) => m.contextWindow >= needTokens);
  if (fitting.length === 0) {
    throw new SelectionError(
      input.models.length === 0
        ? 'No models are configured: add a provider in the llmRouter.providers setting.'
        : `The request needs ~${needTokens} tokens, more than any configured model's context window.`,
    );
  }
  const reasons = [describeKind(c), describeDifficulty(c)];
  const candidates = withinRequestCap(fitting.map((m) => toCandidate(m, kind, input)), input, reasons);
  const bar = qualityBar(kind, c.difficultyScore, routing.strategy, routing.rules);
  const warnings: string[] = [];

  let ordered: Candidate[];
  if (input.downgrade) {
    ordered = [...candidates].sort(byCostThenQuality);
    reasons.push('over budget: downgraded to the cheapest model that fits the request');
  } else {
    ordered = orderByPolicy(candidates, bar, routing, reasons);
  }

  const pinned = input.forcedModel ?? routing.rules[kind]?.model;
  if (pinned) ordered = pinFirst(ordered, pinned, input.forcedModel !== undefined, reasons);

  // Models that cannot be called now go last: kept so a user sees why they were not used.
  ordered = ordered.map((o) => {
    const unavailable = input.unavailable(o.model);
    return unavailable === undefined ? o : { ...o, unavailable };
  });
  const blocked = ordered.filter((o) => o.unavailable !== undefined);
  for (const o of blocked) warnings.push(`${o.model.ref} skipped first: ${o.unavailable}`);
  ordered = [...ordered.filter((o) => o.unavailable === undefined), ...blocked];

  const chosen = ordered[0];
  reasons.unshift(describeChoice(chosen)); // the answer first: UIs show only the first few
  if (chosen.estimatedCostUsd === undefined) {
    warnings.push(`No price is known for ${chosen.model.ref}: its cost will be recorded as unknown, not $0.`);
  }
  return { ordered, reasons, warnings };
}

/**
 * Drops the candidates the per-request cap rules out: estimated above it, or with no known
 * price (nothing can hold those to a cap). A forced model above it is an error, not a skip.
 */
function withinRequestCap(candidates: Candidate[], input: SelectionInput, reasons: string[]): Candidate[] {
  const cap = input.maxRequestUsd;
  if (cap === undefined) return candidates;
  const within = candidates.filter((c) => c.estimatedCostUsd !== undefined && c.estimatedCostUsd <= cap);
  const over = candidates.filter((c) => !within.includes(c));
  const capText = `llmRouter.budget.maxRequestUsd ($${cap})`;
  const describe = (c: Candidate) => `${c.model.ref} (${c.estimatedCostUsd === undefined ? 'no known price' : `~$${c.estimatedCostUsd.toFixed(4)}`})`;
  const forced = over.find((c) => c.model.ref === input.forcedModel);
  if (forced) throw new SelectionError(`${describe(forced)} is over ${capText} for this request.`);
  if (within.length === 0) {
    throw new SelectionError(`Every model that fits this request is over ${capText}: ${over.map(describe).join(', ')}. Raise the cap or send less.`);
  }
  if (over.length > 0) reasons.push(`per-request cap $${cap}: skipped ${over.map(describe).join(', ')}`);
  return within;
}

function toCandidate(model: ModelInfo, kind: Kind, input: SelectionInput): Candidate {
  return {
    model,
    estimatedCostUsd: costUsd(model, input.inputTokens, input.expectedOutputTokens),
    latencyMs: input.observedLatencyMs(model) ?? model.latencyPriorMs,
    quality: model.quality[kind],
  };
}

function orderByPolicy(candidates: Candidate[], bar: number, routing: Settings['routing'], reasons: string[]) {
  const weights = weightsFor(routing.strategy, routing.weights);
  const strategy = `strategy ${routing.strategy}`;
  if (routing.strategy === 'best') {
    reasons.push(`${strategy}: the strongest model for the job`);
    return sortByScore(candidates, weights);
  }
  const qualified = candidates.filter((c) => c.quality >= bar);
  const rest = candidates.filter((c) => c.quality < bar).sort((a, b) => b.quality - a.quality);
  if (qualified.length === 0) {
    reasons.push(`${strategy}: no model reaches the quality bar ${bar.toFixed(2)}, using the strongest`);
    return rest;
  }
  const what = routing.strategy === 'fastest' ? 'the fastest' : 'the cheapest';
  reasons.push(
    `${strategy}: ${what} of ${qualified.length}/${candidates.length} models with quality >= ${bar.toFixed(2)}`,
  );
  return [...sortByScore(qualified, weights), ...rest];
}

function sortByScore(candidates: Candidate[], weights: Parameters<typeof rankScores>[1]): Candidate[] {
  const scores = rankScores(candidates, weights);
  return [...candidates].sort((a, b) => scores.get(a)! - scores.get(b)! || b.quality - a.quality);
}

function byCostThenQuality(a: Candidate, b: Candidate): number {
  const ca = a.estimatedCostUsd ?? Infinity;
  const cb = b.estimatedCostUsd ?? Infinity;
  return ca - cb || b.quality - a.quality;
}

function pinFirst(ordered: Candidate[], ref: string, forced: boolean, reasons: string[]): Candidate[] {
  const pinned = ordered.find((o) => o.model.ref === ref);
  if (!pinned) {
    if (forced) throw new SelectionError(`Unknown model "${ref}": it is not in llmRouter.providers, or its context window is too small for this request.`);
    reasons.push(`rule model ${ref} is not configured or too small; ignored`);
    return ordered;
  }
  reasons.push(forced ? `model ${ref} requested by the caller` : `rule: ${ref} is pinned for this kind`);
  return [pinned, ...ordered.filter((o) => o !== pinned)];
}

function describeKind(c: Classification): string {
  if (c.unsureOf) return describeUnsure(c.unsureOf);
  return c.kindSource === 'given'
    ? `kind ${c.kind} (given)`
    : `kind ${c.kind} (classified, ${Math.round(c.kindConfidence * 100)}% confident)`;
}

function describeDifficulty(c: Classification): string {
  const signals = c.signals.length > 0 ? `: ${c.signals.slice(0, 3).join('; ')}` : '';
  return `difficulty ${c.difficulty} (${c.difficultyScore.toFixed(2)})${signals}`;
}

function describeChoice(c: Candidate): string {
  const cost = c.estimatedCostUsd === undefined ? 'unknown cost' : `~$${c.estimatedCostUsd.toFixed(6)}`;
  return `chose ${c.model.ref}: ${cost}, quality ${c.quality.toFixed(2)} (${c.model.qualitySource})`;
}
