// request -> classify -> (budget) -> select. Pure decision, no provider call: it backs
// router/route directly and is the first half of router/execute.
import type { ExecuteParams, Kind, RouteResult } from '../../../shared/protocol';
import type { Settings } from '../../../shared/settings';
import { budgetStatus } from '../budget/budget';
import type { ModelInfo } from '../catalog/types';
import { classify } from '../classify/classify';
import type { Classification } from '../classify/types';
import type { TypicalOutput } from '../ledger/typical-output';
import { buildPrompt, capOutput, conversationPrompt, lastUserText, type BuiltPrompt } from '../prompt/build';
import { calibrateOutput } from '../prompt/calibrate';
import { selectModels, SelectionError, type Selection } from '../route/select';
import { ErrorCodes } from '../../../shared/protocol';
import { budgetBlocked, noCandidates, RouterError } from './errors';

export interface DecideContext {
  settings: Settings;
  models: ModelInfo[];
  catalogWarnings: string[];
  spend: { todayUsd: number; monthUsd: number };
  unavailable: (model: ModelInfo) => string | undefined;
  observedLatencyMs: (model: ModelInfo) => number | undefined;
  /** How long this workspace's answers of a kind usually are (its ledger). */
  typicalOutput: (kind: Kind) => TypicalOutput | undefined;
}

export interface Decision {
  classification: Classification;
  prompt: BuiltPrompt;
  selection: Selection;
  reasons: string[];
  warnings: string[];
}

/** The logical model names every caller may use besides `providerId/modelId`. */
export const LOGICAL_MODELS = ['auto'] as const;

/** `auto` routes; a `providerId/modelId` is forced; anything else is refused naming what exists. */
function forcedModelOf(model: string | undefined): string | undefined {
  if (model === undefined || model === 'auto') return undefined;
  if (model.includes('/')) return model;
  throw new RouterError(ErrorCodes.InvalidParams, `Unknown model "${model}": expected "providerId/modelId" or one of ${LOGICAL_MODELS.join(', ')}`, {
    path: 'model',
    issues: [{ path: 'model', message: 'unknown logical model' }],
  });
}

export function decide(ctx: DecideContext, params: ExecuteParams): Decision {
  // A conversation (HTTP gateway) is classified by its last user message and sent verbatim.
  const classification = classify(params.messages ? { kind: params.kind, prompt: lastUserText(params.messages) } : params);
  const built = params.messages
    ? conversationPrompt(classification.kind, params.messages)
    : buildPrompt(classification.kind, params.prompt, params.document, params.history);
  const calibrated = calibrateOutput(built, classification.kind, ctx.typicalOutput(classification.kind));
  const prompt = capOutput(calibrated.prompt, params.maxTokens);
  const budget = budgetStatus(ctx.settings.budget, ctx.spend);
  const onExceed = ctx.settings.budget.onExceed;
  if (budget.exceeded && onExceed === 'block') {
    throw budgetBlocked(`Budget exceeded: ${budget.messages.join('; ')}. Raise llmRouter.budget or wait.`, {
      budget: { ...budget },
    });
  }
  let selection: Selection;
  try {
    selection = selectModels({
      models: ctx.models,
      classification,
      routing: ctx.settings.routing,
      inputTokens: prompt.inputTokens,
      expectedOutputTokens: prompt.expectedOutputTokens,
      forcedModel: forcedModelOf(params.model),
      downgrade: budget.exceeded && onExceed === 'downgrade',
      maxRequestUsd: ctx.settings.budget.maxRequestUsd,
      unavailable: ctx.unavailable,
      observedLatencyMs: ctx.observedLatencyMs,
    });
  } catch (e) {
    if (e instanceof SelectionError) throw noCandidates(e.message);
    throw e;
  }
  const budgetWarnings = budget.state === 'ok' ? [] : budget.messages;
  const chosenRef = selection.ordered[0].model.ref;
  const catalogWarnings = ctx.catalogWarnings.filter((w) => w.includes(chosenRef));
  return {
    classification,
    prompt,
    selection,
    reasons: calibrated.note ? [...selection.reasons, calibrated.note] : selection.reasons,
    warnings: [...budgetWarnings, ...selection.warnings, ...catalogWarnings],
  };
}

export function toRouteResult(d: Decision): RouteResult {
  const [chosen, ...rest] = d.selection.ordered;
  return {
    model: chosen.model.ref,
    kind: d.classification.kind,
    difficulty: d.classification.difficulty,
    reasons: d.reasons,
    estimatedCostUsd: chosen.estimatedCostUsd ?? 0,
    ...(chosen.estimatedCostUsd === undefined ? { priceUnknown: true } : {}),
    fallbacks: rest.map((c) => c.model.ref),
    candidates: d.selection.ordered.map((c) => ({
      model: c.model.ref,
      ...(c.estimatedCostUsd === undefined ? {} : { estimatedCostUsd: c.estimatedCostUsd }),
      quality: c.quality,
      ...(c.unavailable === undefined ? {} : { unavailable: c.unavailable }),
    })),
    warnings: d.warnings,
  };
}
