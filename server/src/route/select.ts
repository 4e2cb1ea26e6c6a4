// Picks the model for one request and the order fallback will try the others in.
// Hard constraints first (context window, what the request needs of a model, a forced
// model or an alias's list, budget downgrade), then the cheapest model expected to be
// good enough, by the strategy; a model continuing a tool loop keeps it.
import type { Kind } from '../../../shared/protocol';
import type { Settings } from '../../../shared/settings';
import { costUsd } from '../catalog/catalog';
import type { ModelInfo } from '../catalog/types';
import { describeUnsure } from '../classify/kind-decision';
import type { Classification } from '../classify/types';
import { describeExclusions, forcedModelCannotTake, noModelCanTake, sortOutModels, type Exclusion } from './eligibility';
import { describeQualityBar, qualityBar } from './quality-bar';
import { describeRequirement, type Requirement } from './requirements';
import { rankScores, weightsFor } from './score';

export interface SelectionInput {
  models: ModelInfo[];
  classification: Classification;
  routing: Settings['routing'];
  inputTokens: number;
  expectedOutputTokens: number;
  /** What the request needs of a model (tools, images, JSON schema, parameters): see requirements.ts. */
  requirements?: Requirement[];
  /** A model the caller insists on (`providerId/modelId`). */
  forcedModel?: string;
  /** An alias's models: the only candidates, tried in this order. */
  onlyModels?: { name: string; refs: string[] };
  /** The model that made the tool calls this request answers: kept first, so the loop stays on one model. */
  toolLoopModel?: string;
  /** Says which logical model was asked for, e.g. `model "cheap": strategy cheapest for this request`. */
  requestNote?: string;
  /** Over budget with onExceed "downgrade": the cheapest model that fits wins. */
  downgrade: boolean;
  /** Which budget is over when it is not the workspace's ("all workspaces"), named in the reason. */
  downgradeScope?: string;
  /** `llmRouter.budget.maxRequestUsd`: models estimated to cost more are not candidates. */
  maxRequestUsd?: number;
  /** Why a model cannot be called right now (no key, circuit open), or undefined. */
  unavailable: (model: ModelInfo) => string | undefined;
  /** Observed typical latency, when there is any. */
  observedLatencyMs: (model: ModelInfo) => number | undefined;
  /**
   * The model's quality for the kind as the workspace's feedback moved it (learn/learner.ts),
   * with the reason in words; undefined leaves its prior quality.
   */
  learnedQuality?: (model: ModelInfo, kind: Kind) => LearnedQuality | undefined;
}

export interface LearnedQuality {
  quality: number;
  demoted: boolean;
  reason: string;
}

export interface Candidate {
  model: ModelInfo;
  estimatedCostUsd: number | undefined;
  latencyMs: number;
  quality: number;
  /** Why the model cannot be called right now (no key, circuit open); it is then tried last. */
  unavailable?: string;
  /** Set when the workspace's feedback moved the model's quality for this kind. */
  learned?: LearnedQuality;
}

export interface Selection {
  ordered: Candidate[];
  /** Configured models that cannot take this request at all (context window, a capability), and why. */
  excluded: Exclusion[];
  reasons: string[];
  warnings: string[];
}

export class SelectionError extends Error {}

export function selectModels(input: SelectionInput): Selection {
  const { classification: c, routing } = input;
  const kind = c.kind;
  const requirements = input.requirements ?? [];
  const needTokens = input.inputTokens + input.expectedOutputTokens;
  if (input.models.length === 0) throw new SelectionError('No models are configured: add a provider in the llmRouter.providers setting.');
  const { eligible, uncertain, excluded } = sortOutModels(input.models, needTokens, requirements);
  if (input.forcedModel !== undefined) refuseUnfitForcedModel(input, needTokens, requirements, excluded);
  const pool = input.onlyModels ? aliasPool(input.onlyModels, input.models, eligible, excluded, needTokens, requirements) : eligible;
  if (pool.length === 0) throw new SelectionError(noModelCanTake(needTokens, requirements, excluded));

  const reasons = [describeKind(c), describeDifficulty(c)];
  if (input.requestNote) reasons.push(input.requestNote);
  if (requirements.length > 0 || excluded.length > 0) reasons.push(describeRequirements(requirements, excluded));
  const candidates = withinRequestCap(pool.map((m) => toCandidate(m, kind, input)), input, reasons);
  reasons.push(...describeLearned(candidates));
  const bar = qualityBar(kind, c.difficultyScore, routing.strategy, routing.rules);
  const warnings: string[] = [];

  let ordered: Candidate[];
  if (input.onlyModels) {
    ordered = candidates; // the alias's own order
    reasons.push(`model "${input.onlyModels.name}": its models in order (${candidates.map((o) => o.model.ref).join(', ')})`);
  } else if (input.downgrade) {
    ordered = [...candidates].sort(byCostThenQuality);
    const over = input.downgradeScope === undefined ? 'over budget' : `over budget (${input.downgradeScope})`;
    reasons.push(`${over}: downgraded to the cheapest model that fits the request`);
  } else {
    reasons.push(describeQualityBar(kind, c.difficulty, c.difficultyScore, routing.strategy, routing.rules));
    ordered = orderByPolicy(candidates, bar, routing, reasons);
  }
  if (!input.onlyModels) ordered = knownCapableFirst(ordered, uncertain, reasons);

  const policyChoice = ordered[0];
  if (input.forcedModel !== undefined) {
    ordered = pinFirst(ordered, input.forcedModel, reasons, `model ${input.forcedModel} requested by the caller`);
  } else if (!input.onlyModels) {
    const ruled = routing.rules[kind]?.model;
    if (ruled) ordered = pinRule(ordered, ruled, reasons);
    if (input.toolLoopModel) ordered = keepToolLoopModel(ordered, input.toolLoopModel, excluded, reasons);
  }
  if (ordered[0] !== policyChoice) relabelPolicyAsFallback(reasons);

  // Models that cannot be called now go last: kept so a user sees why they were not used.
  ordered = ordered.map((o) => {
    const unavailable = input.unavailable(o.model);
    return unavailable === undefined ? o : { ...o, unavailable };
  });
  const blocked = ordered.filter((o) => o.unavailable !== undefined);
  // Only the model that would have answered is worth a warning on the answer; one further down
  // the list was not going to be used anyway (Check Providers and the model list say why it cannot be).
  if (ordered[0]?.unavailable !== undefined) warnings.push(`${ordered[0].model.ref} skipped first: ${ordered[0].unavailable}`);
  ordered = [...ordered.filter((o) => o.unavailable === undefined), ...blocked];

  const chosen = ordered[0];
  reasons.unshift(describeChoice(chosen, kind)); // the answer first: UIs show only the first few
  if (chosen.estimatedCostUsd === undefined) warnings.push(unknownPriceWarning(chosen.model.ref));
  for (const unknown of uncertain.get(chosen.model) ?? []) warnings.push(`${chosen.model.ref}: ${unknown}.`);
  return { ordered, excluded, reasons, warnings };
}

export function unknownPriceWarning(ref: string): string {
  return `No price is known for ${ref}: its cost will be recorded as unknown, not $0.`;
}

/** A forced model that is not configured, or cannot take the request, is an error naming it. */
function refuseUnfitForcedModel(input: SelectionInput, needTokens: number, requirements: Requirement[], excluded: Exclusion[]): void {
  const ref = input.forcedModel!;
  if (!input.models.some((m) => m.ref === ref)) {
    const configured = input.models.map((m) => m.ref).join(', ');
    throw new SelectionError(`Unknown model "${ref}": it is not in llmRouter.providers (configured: ${configured}).`);
  }
  const unfit = excluded.find((e) => e.model.ref === ref);
  if (unfit) throw new SelectionError(forcedModelCannotTake(needTokens, requirements, unfit));
}

/** An alias's models that can take the request, in the alias's order; each one left out is said why. */
function aliasPool(
  alias: { name: string; refs: string[] },
  models: ModelInfo[],
  eligible: ModelInfo[],
  excluded: Exclusion[],
  needTokens: number,
  requirements: Requirement[],
): ModelInfo[] {
  const listed = alias.refs.map((ref) => models.find((m) => m.ref === ref)).filter((m): m is ModelInfo => m !== undefined);
  const pool = listed.filter((m) => eligible.includes(m));
  if (pool.length > 0) return pool;
  const unfit = excluded.filter((e) => listed.includes(e.model));
  if (unfit.length > 0) throw new SelectionError(noModelCanTake(needTokens, requirements, unfit, `model of "${alias.name}"`));
  throw new SelectionError(`None of the models of "${alias.name}" (${alias.refs.join(', ')}) is in llmRouter.providers: fix llmRouter.aliases.${alias.name}.models.`);
}

/** "needs tool calling: left out a/b (no tool calling, ...)"; "left out a/b (context window 8192 tokens)". */
function describeRequirements(requirements: Requirement[], excluded: Exclusion[]): string {
  const leftOut = excluded.length === 0 ? '' : `left out ${describeExclusions(excluded)}`;
  if (requirements.length === 0) return leftOut;
  const needs = `needs ${requirements.map(describeRequirement).join(' and ')}`;
  return leftOut ? `${needs}: ${leftOut}` : needs;
}

/** Models whose support for what the request needs is unknown go after the ones known to have it. */
function knownCapableFirst(ordered: Candidate[], uncertain: Map<ModelInfo, string[]>, reasons: string[]): Candidate[] {
  const unsure = ordered.filter((o) => uncertain.has(o.model));
  if (unsure.length === 0 || unsure.length === ordered.length) return ordered;
  reasons.push(`tried after the models known to take this request: ${unsure.map((o) => `${o.model.ref} (${uncertain.get(o.model)!.join('; ')})`).join(', ')}`);
  return [...ordered.filter((o) => !uncertain.has(o.model)), ...unsure];
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
  const learned = input.learnedQuality?.(model, kind);
  return {
    model,
    estimatedCostUsd: costUsd(model, input.inputTokens, input.expectedOutputTokens),
    latencyMs: input.observedLatencyMs(model) ?? model.latencyPriorMs,
    quality: learned?.quality ?? model.quality[kind],
    ...(learned ? { learned } : {}),
  };
}

/** What the user's feedback changed, demotions first: "3 of the last 5 explanations from a/b were retried: asking for more (...)". */
function describeLearned(candidates: Candidate[]): string[] {
  const learned = candidates.flatMap((c) => (c.learned ? [c.learned] : []));
  return [...learned.filter((l) => l.demoted), ...learned.filter((l) => !l.demoted)].map((l) => `feedback: ${l.reason}`);
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

/**
 * A pinned model (asked for by the caller, a rule, a tool loop) went ahead of the policy's
 * pick: the policy's line now orders only the fallbacks, and says so, instead of reading as
 * the choice beside the pin ("the cheapest of 3 models" and "requested by the caller").
 */
function relabelPolicyAsFallback(reasons: string[]): void {
  const i = reasons.findIndex((r) => r.startsWith('strategy '));
  // After the pin's own line, which says what was chosen; this one says what comes next.
  if (i >= 0) reasons.push(`fallbacks after it, by ${reasons.splice(i, 1)[0]}`);
}

function pinFirst(ordered: Candidate[], ref: string, reasons: string[], why: string): Candidate[] {
  const pinned = ordered.find((o) => o.model.ref === ref)!;
  reasons.push(why);
  return [pinned, ...ordered.filter((o) => o !== pinned)];
}

function pinRule(ordered: Candidate[], ref: string, reasons: string[]): Candidate[] {
  if (!ordered.some((o) => o.model.ref === ref)) {
    reasons.push(`rule model ${ref} is not configured or cannot take this request; ignored`);
    return ordered;
  }
  return pinFirst(ordered, ref, reasons, `rule: ${ref} is pinned for this kind`);
}

/** The model that made the tool calls being answered keeps the loop: its call ids and prompt cache stay valid. */
function keepToolLoopModel(ordered: Candidate[], ref: string, excluded: Exclusion[], reasons: string[]): Candidate[] {
  if (ordered.some((o) => o.model.ref === ref)) return pinFirst(ordered, ref, reasons, `continues the tool loop started by ${ref}`);
  const unfit = excluded.find((e) => e.model.ref === ref);
  const why = unfit ? `cannot take this request (${unfit.why})` : 'is no longer configured';
  reasons.push(`the tool loop was started by ${ref}, which ${why}; routed afresh`);
  return ordered;
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

function describeChoice(c: Candidate, kind: Kind): string {
  const cost = c.estimatedCostUsd === undefined ? 'unknown cost' : `~$${c.estimatedCostUsd.toFixed(6)}`;
  const evidence = c.model.qualitySourceByKind?.[kind] ?? c.model.qualitySource;
  const source = !c.learned ? evidence : `${evidence}, ${c.learned.demoted ? 'lowered by feedback' : 'feedback: good enough'}`;
  return `chose ${c.model.ref}: ${cost}, quality ${c.quality.toFixed(2)} for ${kind} (${source})`;
}
