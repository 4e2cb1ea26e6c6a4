// request -> classify -> (budget) -> select. Pure decision, no provider call: it backs
// router/route directly and is the first half of router/execute.
import { contentText, type ConversationMessage } from '../../../shared/conversation';
import type { ExecuteParams, Kind, RouteResult } from '../../../shared/protocol';
import type { Settings } from '../../../shared/settings';
import { allWorkspacesLimits, budgetStatus, strictestBudget } from '../budget/budget';
import { ALL_WORKSPACES_LABEL, ALL_WORKSPACES_SCOPE, raiseHint, workspaceScopeKey } from '../budget/scopes';
import { isPriceWarning } from '../catalog/describeModel';
import type { ModelInfo } from '../catalog/types';
import { classify } from '../classify/classify';
import type { Classification } from '../classify/types';
import type { TypicalOutput } from '../ledger/typical-output';
import { buildPrompt, capOutput, conversationPrompt, lastUserText, type BuiltPrompt } from '../prompt/build';
import { calibrateOutput } from '../prompt/calibrate';
import { resolveModel, UnknownModelName, type ModelRequest } from '../route/logical-models';
import { requirementsOf } from '../route/requirements';
import { selectModels, SelectionError, unknownPriceWarning, type Selection, type SelectionInput } from '../route/select';
import { toolLoopModel } from '../route/tool-loop';
import { ErrorCodes } from '../../../shared/protocol';
import { budgetBlocked, noCandidates, RouterError } from './errors';

export interface DecideContext {
  settings: Settings;
  models: ModelInfo[];
  catalogWarnings: string[];
  spend: { todayUsd: number; monthUsd: number };
  /** Every workspace's spend together, read only when llmRouter.budget.allWorkspaces sets a limit (local ledger). */
  allWorkspacesSpend?: { todayUsd: number; monthUsd: number };
  unavailable: (model: ModelInfo) => string | undefined;
  observedLatencyMs: (model: ModelInfo) => number | undefined;
  /** How long this workspace's answers of a kind usually are (its ledger). */
  typicalOutput: (kind: Kind) => TypicalOutput | undefined;
  /** The model that made a tool call, by the call's id, when the router remembers it. */
  toolCallOwner?: (id: string) => string | undefined;
  /** A model's quality for a kind as this workspace's feedback moved it (learn/learner.ts). */
  learnedQuality?: SelectionInput['learnedQuality'];
}

export interface Decision {
  classification: Classification;
  prompt: BuiltPrompt;
  selection: Selection;
  reasons: string[];
  warnings: string[];
}

/** A `model` that names nothing configured as a logical model is refused, listing the names that exist. */
function modelRequestOf(params: ExecuteParams, aliases: Settings['aliases']): ModelRequest {
  try {
    return resolveModel(params.model, aliases);
  } catch (e) {
    if (!(e instanceof UnknownModelName)) throw e;
    throw new RouterError(ErrorCodes.InvalidParams, e.message, {
      path: 'model',
      issues: [{ path: 'model', message: `unknown logical model; known: ${e.known.join(', ')}` }],
    });
  }
}

/**
 * A conversation is classified by its task, the last user message with words: in an agent
 * loop the turns after it are tool results, which say nothing about what kind of work it is
 * or how hard, so a short tool result must not make the task look easy.
 */
function classifyConversation(kind: Kind | undefined, messages: ConversationMessage[]): { classification: Classification; note?: string } {
  const classification = classify({ kind, prompt: lastUserText(messages) });
  const task = messages.findLastIndex((m) => m.role === 'user' && contentText(m.content).trim() !== '');
  const results = messages.slice(task + 1).filter((m) => m.role === 'tool').length;
  if (results === 0) return { classification };
  return { classification, note: `continues a task after ${results} tool result${results === 1 ? '' : 's'}: classified from its last user message` };
}

export function decide(ctx: DecideContext, params: ExecuteParams): Decision {
  const asked = modelRequestOf(params, ctx.settings.aliases);
  const kind = params.kind ?? asked.kind;
  // A conversation (HTTP gateway) is classified by its task and sent verbatim.
  const { classification, note: taskNote } = params.messages
    ? classifyConversation(kind, params.messages)
    : { classification: classify({ ...params, kind }), note: undefined };
  const built = params.messages
    ? conversationPrompt(classification.kind, params.messages)
    : buildPrompt(classification.kind, params.prompt, params.document, params.history);
  const calibrated = calibrateOutput(built, classification.kind, ctx.typicalOutput(classification.kind));
  const prompt = capOutput(calibrated.prompt, params.maxTokens);
  // The workspace's budget and, when set, all workspaces' together: the stricter one acts.
  const budget = strictestBudget([
    { label: '', limits: ctx.settings.budget, spend: ctx.spend },
    ...(ctx.allWorkspacesSpend
      ? [{ label: ALL_WORKSPACES_LABEL, limits: allWorkspacesLimits(ctx.settings.budget), spend: ctx.allWorkspacesSpend }]
      : []),
  ]);
  // Each scope past its limit acts by its own onExceed (all workspaces': the user's); the strictest wins.
  if (budget.action === 'block') {
    // The data names the budget that refused (the workspace's when it blocks) with its limits.
    const allLimits = allWorkspacesLimits(ctx.settings.budget);
    const blocking = budget.exceededScopes.filter((label) => (label === '' ? ctx.settings.budget : allLimits).onExceed === 'block');
    const workspaceRefused = blocking.includes('');
    const limits = workspaceRefused ? ctx.settings.budget : allLimits;
    throw budgetBlocked(`Budget exceeded: ${budget.messages.join('; ')}. ${raiseHint(blocking)}`, {
      budget: { ...budgetStatus(limits, workspaceRefused ? ctx.spend : (ctx.allWorkspacesSpend ?? ctx.spend)), messages: budget.messages },
      scope: workspaceRefused ? workspaceScopeKey(params.workspaceId) : ALL_WORKSPACES_SCOPE,
    });
  }
  const routing = asked.strategy ? { ...ctx.settings.routing, strategy: asked.strategy } : ctx.settings.routing;
  const owners = ctx.toolCallOwner;
  let selection: Selection;
  try {
    selection = selectModels({
      models: ctx.models,
      classification,
      routing,
      inputTokens: prompt.inputTokens,
      expectedOutputTokens: prompt.expectedOutputTokens,
      requirements: requirementsOf(params),
      forcedModel: asked.forcedModel,
      onlyModels: asked.onlyModels,
      toolLoopModel: owners ? toolLoopModel(params.messages, owners) : undefined,
      requestNote: [asked.note, taskNote].filter((n) => n !== undefined).join('; ') || undefined,
      downgrade: budget.action === 'downgrade',
      downgradeScope: budget.exceededScopes.includes('') && ctx.settings.budget.onExceed === 'downgrade' ? undefined : 'all workspaces',
      maxRequestUsd: ctx.settings.budget.maxRequestUsd,
      unavailable: ctx.unavailable,
      observedLatencyMs: ctx.observedLatencyMs,
      learnedQuality: ctx.learnedQuality,
    });
  } catch (e) {
    if (e instanceof SelectionError) throw noCandidates(e.message);
    throw e;
  }
  const budgetWarnings = budget.state === 'ok' ? [] : budget.messages;
  const chosenRef = selection.ordered[0].model.ref;
  const catalogWarnings = ctx.catalogWarnings.filter((w) => w.includes(chosenRef));
  // The catalog's word on a missing price names the setting to fix; the selection's says the same again.
  const selectionWarnings = catalogWarnings.some(isPriceWarning)
    ? selection.warnings.filter((w) => w !== unknownPriceWarning(chosenRef))
    : selection.warnings;
  return {
    classification,
    prompt,
    selection,
    reasons: calibrated.note ? [...selection.reasons, calibrated.note] : selection.reasons,
    warnings: [...budgetWarnings, ...selectionWarnings, ...catalogWarnings],
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
    candidates: [
      ...d.selection.ordered.map((c) => ({
        model: c.model.ref,
        ...(c.estimatedCostUsd === undefined ? {} : { estimatedCostUsd: c.estimatedCostUsd }),
        quality: c.quality,
        ...(c.unavailable === undefined ? {} : { unavailable: c.unavailable }),
      })),
      // Models that cannot take this request at all follow, never as fallbacks, saying why.
      ...d.selection.excluded.map((e) => ({
        model: e.model.ref,
        quality: e.model.quality[d.classification.kind],
        unavailable: `cannot take this request: ${e.why}`,
      })),
    ],
    warnings: d.warnings,
  };
}
