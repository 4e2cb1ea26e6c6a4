// decide -> call (with resilience) -> record. The ledger row is committed before the
// answer is returned, so whatever a client saw survives a crash of the server.
import type { Attempt, ExecuteParams, ExecuteResult, FinishReason, ToolCallDelta } from '../../../shared/protocol';
import { refusalWarning } from '../../../shared/refusal-warning';
import { cachedInputPrice, cacheWriteInputPrice, costUsd } from '../catalog/catalog';
import { isPriceWarning } from '../catalog/describeModel';
import type { ModelInfo } from '../catalog/types';
import type { LedgerStore } from '../ledger/store';
import { roundUsd } from '../ledger/round-usd';
import type { CachedResponse } from '../ledger/types';
import type { ProviderClient } from '../providers/types';
import type { ProviderError } from '../providers/errors';
import { timeoutFor, type Resilience } from '../resilience';
import { answerFromCache, requestCacheKey } from './cache-answer';
import { streamWholeAnswer } from './whole-answer';
import { decide, type DecideContext, type Decision } from './decide';
import { outputTokensWithinCap } from '../budget/request-cap';
import { unknownPriceWarning } from '../route/select';
import { failedAttemptsCost, PartialStream } from './partial-stream';
import { optionsFor, reasoningEffortNote } from '../prompt/reasoning-effort';
import { reasoningRoom } from '../prompt/reasoning-room';
import { budgetBlocked } from './errors';
import { recordFailure, recordOutcome, type RecordBase } from './record';
import { trustedUsage } from './trusted-usage';
import { maximumCostUsd, reserveBudget } from './budget-reservation';
import type { BudgetCounters, Reservation, ScopeLimit, SharedCache } from '../shared-state/types';

/** Why a request must be refused before anything is decided (a developer's or team's limit), or undefined. */
export type Admission = (params: ExecuteParams) => Promise<string | undefined>;

export interface ExecuteContext extends DecideContext {
  ledger: LedgerStore;
  admission?: Admission;
  resilience: Resilience;
  clientFor: (model: ModelInfo) => ProviderClient;
  now: () => number;
  /** Spend counters shared by every replica (in-process: this server's), and the scopes this request is charged to. */
  budget: BudgetCounters;
  budgetScopes: readonly ScopeLimit[];
  /** The response cache shared by every replica; undefined: the ledger's. */
  cache?: SharedCache;
}

export interface StreamSink {
  signal: AbortSignal;
  /** Text deltas as they arrive, with the model writing them; `reset` when a fallback model starts over. */
  onDelta?: (delta: string, reset: boolean, model?: string) => void;
  /** With onDelta: pieces of tool calls as they arrive, with the model making them. */
  onToolCallDelta?: (delta: ToolCallDelta, model: string) => void;
  /** With onDelta: a model failed after part of its answer was streamed, and why (overloaded, rate limited...). */
  onStreamFailed?: (error: ProviderError, model: string) => void;
  /** With onDelta: pieces of the model's refusal as they arrive (it declined to answer), with the model writing them. */
  onRefusalDelta?: (text: string, model: string) => void;
}

export async function execute(ctx: ExecuteContext, params: ExecuteParams, sink: StreamSink): Promise<ExecuteResult> {
  const startedAt = ctx.now();
  const base: RecordBase = {
    workspaceId: params.workspaceId,
    client: params.client,
    developer: params.developer,
    team: params.team,
    at: startedAt,
    kind: params.kind,
  };
  let decision: Decision | undefined;
  const partial = new PartialStream();
  let reservation: Reservation | undefined;
  let settledCost = 0;
  try {
    // Without admission checks (all but a team gateway) no await: each is a turn of the microtask queue.
    const refusal = ctx.admission ? await ctx.admission(params) : undefined;
    // Refused like an exceeded workspace budget: recorded as blocked, answered 402 by the gateway.
    if (refusal !== undefined) throw budgetBlocked(refusal, { developer: params.developer, team: params.team });
    decision = decide(ctx, params);
    const key = ctx.settings.cache.enabled ? requestCacheKey(decision, params) : undefined;
    const hit = key === undefined ? undefined : await cacheGet(ctx, key, startedAt);
    if (hit) return await answerFromCache(ctx.ledger, decision, hit, base, ctx.now() - startedAt, sink.onDelta);

    const chosen = decision;
    const maxUsd = maximumCostUsd(chosen, ctx.settings.resilience.maxModels, (model) => maxOutputTokens(ctx, chosen, model));
    reservation = await reserveBudget(ctx.budget, ctx.budgetScopes, ctx.settings, maxUsd, new Date(startedAt));
    const called = await callWithFallback(ctx, decision, params, sink, partial);
    const usage = trustedUsage(called.model, called.value, decision.prompt.inputTokens);
    const run = { ...called, value: usage.response };
    const { inputTokens, outputTokens, cachedInputTokens, cacheWriteInputTokens } = run.value;
    const answerCost = costUsd(run.model, inputTokens, outputTokens, cachedInputTokens, cacheWriteInputTokens);
    const attempts = partial.billAttempts(run.attempts, decision.prompt.inputTokens, false);
    const failed = failedAttemptsCost(attempts);
    // What the request cost in all: its answer plus what failed attempts were billed.
    const cost = answerCost === undefined ? undefined : answerCost + failed.costUsd;
    const latencyMs = ctx.now() - startedAt;
    const tokensCounted = run.value.usageEstimated === true;
    const { reasons, warnings } = describeRun(ctx, decision, { ...run, attempts }, answerCost, tokensCounted, params.options, usage.warning);
    await recordOutcome(ctx.ledger, decision, base, {
      model: run.model.ref,
      outcome: 'ok',
      latencyMs,
      attempts,
      usage: run.value,
      cost: answerCost,
      reasons,
      tokensEstimated: tokensCounted || failed.estimated > 0,
      ...(run.value.refusal === undefined ? {} : { refused: true }),
    });
    settledCost = cost ?? 0;
    // An answer cut at its length limit, or a refusal, is not worth repeating for free: the next ask gets a fresh try.
    if (key !== undefined && !run.value.truncated && run.value.refusal === undefined) {
      const { text } = run.value;
      await cachePut(ctx, key, { text, model: run.model.ref, inputTokens, outputTokens }, ctx.settings.cache.ttlHours * 3_600_000);
    }
    return {
      text: run.value.text,
      model: run.model.ref,
      kind: decision.classification.kind,
      reasons,
      // The figures as a person writes them, as the ledger reports them (round-usd.ts); the ledger keeps every digit.
      attempts: attempts.map(withRoundedBill),
      usage: {
        inputTokens: run.value.inputTokens,
        outputTokens: run.value.outputTokens,
        costUsd: roundUsd(cost ?? 0),
        ...(cachedInputTokens ? { cachedInputTokens } : {}),
        ...(cacheWriteInputTokens ? { cacheWriteInputTokens } : {}),
        ...(run.value.reasoningTokens ? { reasoningTokens: run.value.reasoningTokens } : {}),
        ...(tokensCounted || failed.estimated > 0 ? { estimated: true } : {}),
        ...(cost === undefined ? { priceUnknown: true } : {}),
      },
      cached: false,
      latencyMs,
      warnings,
      ...(run.value.truncated ? { truncated: true } : {}),
      ...(run.value.toolCalls?.length ? { toolCalls: run.value.toolCalls } : {}),
      ...(run.value.stopSequence !== undefined ? { stopSequence: run.value.stopSequence } : {}),
      ...(run.value.refusal !== undefined ? { refusal: run.value.refusal } : {}),
      ...(run.value.refusalDetails !== undefined ? { refusalDetails: run.value.refusalDetails } : {}),
      finishReason: finishReasonOf(run.value),
    };
  } catch (error) {
    const promptTokens = decision?.prompt.inputTokens ?? 0;
    throw await recordFailure(ctx.ledger, decision, base, ctx.now() - startedAt, error, {
      onCancel: () => partial.billedOnCancel(promptTokens),
      bill: (attempts, lastFailed) => partial.billAttempts(attempts, promptTokens, lastFailed),
    });
  } finally {
    // After the ledger row: a counter re-seeded from the ledger meanwhile already holds this cost.
    // (What failed attempts of an unanswered request were billed reaches the shared counters at
    // their next seeding from the ledger.)
    if (reservation) await ctx.budget.settle(reservation, settledCost);
  }
}

function cacheGet(ctx: ExecuteContext, key: string, now: number) {
  return ctx.cache ? ctx.cache.get(key, now) : ctx.ledger.cacheGet(key, now);
}

async function cachePut(ctx: ExecuteContext, key: string, value: CachedResponse, ttlMs: number): Promise<void> {
  if (ctx.cache) await ctx.cache.put(key, value, ttlMs);
  else await ctx.ledger.cachePut(key, value, ttlMs);
}

type Run = Awaited<ReturnType<typeof callWithFallback>>;

/** The attempt with what it was billed rounded as a report gives it (round-usd.ts). */
function withRoundedBill(attempt: Attempt): Attempt {
  const costUsd = attempt.billed?.costUsd;
  return costUsd === undefined ? attempt : { ...attempt, billed: { ...attempt.billed!, costUsd: roundUsd(costUsd) } };
}

function finishReasonOf(response: { truncated?: boolean; toolCalls?: unknown[]; refusal?: string }): FinishReason {
  if (response.refusal !== undefined) return 'refusal';
  if (response.truncated) return 'length';
  return response.toolCalls?.length ? 'tool_calls' : 'stop';
}

/** The decision's reasons and warnings, plus what only the call revealed: a fallback, an estimate, a cap. */
function describeRun(
  ctx: ExecuteContext,
  decision: Decision,
  run: Run,
  answerCost: number | undefined,
  tokensCounted: boolean,
  options: ExecuteParams['options'],
  /** Set when the provider's token counts were not plausible (trusted-usage.ts). */
  distrustedUsage?: string,
) {
  const chosen = decision.selection.ordered[0].model;
  // After a fallback the chosen model's missing price no longer bears on the cost: the answering model's does.
  const warnings = run.model === chosen ? [...decision.warnings] : decision.warnings.filter((w) => !aboutPriceOf(w, chosen.ref));
  const reasons = [...decision.reasons];
  if (answerCost === undefined && !warnings.some((w) => aboutPriceOf(w, run.model.ref))) {
    warnings.push(`No price known for ${run.model.ref}: this request's cost is recorded as unknown.`);
  }
  // A refusal is answered and billed, not retried elsewhere: the warning says the model declined.
  if (run.value.refusal !== undefined) warnings.push(refusalWarning(run.model.ref, run.value.refusal));
  if (run.value.truncated) {
    warnings.push(`The answer stopped at its length limit (${maxOutputTokens(ctx, decision, run.model)} tokens): it is incomplete.`);
  }
  const capNote = outputCapNote(ctx, decision, run.model);
  if (capNote) reasons.push(capNote);
  const room = reasoningRoom(run.model, decision.prompt);
  if (room > 0) reasons.push(`${run.model.ref} reasons before answering: its output limit has ${room} more tokens for that`);
  const effortNote = reasoningEffortNote(run.model, options);
  if (effortNote) reasons.push(effortNote);
  const cachedNote = describeCachedPrompt(run.model, run.value.cachedInputTokens);
  if (cachedNote) reasons.push(cachedNote);
  const writeNote = describeCacheWrite(run.model, run.value.cacheWriteInputTokens);
  if (writeNote) reasons.push(writeNote);
  const failedNote = describeFailedAttemptsCost(run.attempts);
  if (failedNote) reasons.push(failedNote);
  if (distrustedUsage) {
    warnings.push(distrustedUsage);
    reasons.push(`tokens estimated: ${run.model.ref}'s reported usage was not plausible`);
  } else if (tokensCounted) {
    warnings.push(`${run.model.ref} reported no token counts: they were counted locally, so the cost is an estimate.`);
    reasons.push(`tokens counted locally: ${run.model.ref} sent no usage`);
  }
  if (run.model !== decision.selection.ordered[0].model) {
    const failed = run.attempts.filter((a) => !a.ok).map((a) => `${a.model}: ${a.error}`);
    reasons.push(`fell back to ${run.model.ref} after ${failed.join('; ') || 'skipping unavailable models'}`);
  }
  return { reasons, warnings };
}

/** A warning that `ref` has no known price: the catalog's (naming the setting) or the selection's. */
function aboutPriceOf(warning: string, ref: string): boolean {
  return (isPriceWarning(warning) && warning.includes(`"${ref}"`)) || warning === unknownPriceWarning(ref);
}

/** Says how much of the prompt the provider read from its prompt cache, and at what price. */
function describeCachedPrompt(model: ModelInfo, cachedInputTokens: number | undefined): string | undefined {
  const price = cachedInputPrice(model);
  if (!cachedInputTokens || price === undefined || model.inputUsdPerMTok === undefined) return undefined;
  const billing = price < model.inputUsdPerMTok
    ? `billed at $${price}/MTok instead of $${model.inputUsdPerMTok}`
    : 'no cached price known, billed at the input price';
  return `${cachedInputTokens} prompt tokens read from ${model.ref}'s prompt cache: ${billing}`;
}

/** Says how much of the prompt the provider wrote to its prompt cache, and at what price. */
function describeCacheWrite(model: ModelInfo, cacheWriteInputTokens: number | undefined): string | undefined {
  const price = cacheWriteInputPrice(model);
  if (!cacheWriteInputTokens || price === undefined) return undefined;
  const billing = model.cacheWriteInputUsdPerMTok === undefined
    ? `no cache-write price known, billed at the input price ($${price}/MTok)`
    : `billed at the cache-write price of $${price}/MTok (input: $${model.inputUsdPerMTok})`;
  return `${cacheWriteInputTokens} prompt tokens written to ${model.ref}'s prompt cache: ${billing}`;
}

/** Names the failed attempts the provider billed, and what they cost (estimated for a broken-off stream). */
function describeFailedAttemptsCost(attempts: readonly Attempt[]): string | undefined {
  const parts = attempts.flatMap(({ model, billed }) => {
    if (!billed) return [];
    const cost = billed.costUsd === undefined ? 'no known price' : `${billed.reported ? '' : '~'}$${billed.costUsd.toFixed(6)}`;
    const what = billed.reported ? `${billed.outputTokens} output tokens reported` : `${billed.outputTokens} tokens streamed, estimated`;
    return [`${model} (${what}, ${cost})`];
  });
  if (parts.length === 0) return undefined;
  return `includes what failed attempts were billed: ${parts.join(', ')}`;
}

/** Says so when the per-request cap, not the prompt or the model, limited the answer's length. */
function outputCapNote(ctx: ExecuteContext, decision: Decision, model: ModelInfo): string | undefined {
  const limit = maxOutputTokens(ctx, decision, model);
  if (limit >= Math.min(decision.prompt.maxOutputTokens, model.maxOutputTokens)) return undefined;
  return `answer limited to ${limit} tokens to stay under llmRouter.budget.maxRequestUsd ($${ctx.settings.budget.maxRequestUsd})`;
}

/**
 * The answer's length limit: the prompt's (with room for reasoning on a model that
 * reasons), the model's, and what keeps the request under the per-request cap.
 */
function maxOutputTokens(ctx: ExecuteContext, decision: Decision, model: ModelInfo): number {
  const capped = outputTokensWithinCap(model, decision.prompt.inputTokens, ctx.settings.budget.maxRequestUsd);
  const wanted = decision.prompt.maxOutputTokens + reasoningRoom(model, decision.prompt);
  return Math.max(1, Math.min(wanted, model.maxOutputTokens, capped ?? Infinity));
}

async function callWithFallback(
  ctx: ExecuteContext,
  decision: Decision,
  params: ExecuteParams,
  sink: StreamSink,
  partial: PartialStream,
) {
  let streamed = false;
  const { onDelta, onToolCallDelta, onRefusalDelta } = sink;
  // A client that wants the answer whole still gets it streamed from the provider when it may
  // take longer to write than the attempt timeout (whole-answer.ts); what a broken-off answer
  // delivered is then billed like a stream's.
  const typical = ctx.typicalOutput(decision.classification.kind);
  // Each asked several times per attempt (the call, its first-byte deadline): worked out once per model.
  const limits = new Map<ModelInfo, number>();
  const limitOf = (model: ModelInfo) => {
    let limit = limits.get(model);
    if (limit === undefined) limits.set(model, (limit = maxOutputTokens(ctx, decision, model)));
    return limit;
  };
  const streaming = new Map<ModelInfo, boolean>();
  const streamsFromProvider = (model: ModelInfo) => {
    let streams = streaming.get(model);
    if (streams === undefined) {
      streams =
        onDelta !== undefined ||
        streamWholeAnswer(ctx.settings.resilience, model, { limitTokens: limitOf(model), limitGiven: decision.prompt.capGiven === true, typical });
      streaming.set(model, streams);
    }
    return streams;
  };
  const keepForTheBill = (text: string) => partial.append(text);
  return ctx.resilience.run(
    decision.selection.ordered.map((c) => c.model),
    (model, apiKey, signal, progress) =>
      ctx.clientFor(model).chat(
        {
          model: model.modelId,
          messages: decision.prompt.messages,
          maxTokens: limitOf(model),
          temperature: params.temperature ?? 0,
          tools: params.tools,
          toolChoice: params.toolChoice,
          options: optionsFor(model, params.options),
          signal,
          timeoutMs: timeoutFor(ctx.settings.resilience, model),
          onAlive: progress, // each event of a stream: the call is alive (resilience/stalls.ts, attempt.ts)
          onDelta: onDelta
            ? (text) => {
                partial.append(text);
                onDelta(text, false, model.ref);
                streamed = true;
              }
            : streamsFromProvider(model) ? keepForTheBill : undefined,
          onToolCallDelta:
            onDelta && onToolCallDelta
              ? (delta) => {
                  // A tool call is billed output like text: a broken-off one still cost what it streamed.
                  partial.append((delta.name ?? '') + (delta.arguments ?? ''));
                  onToolCallDelta(delta, model.ref);
                  streamed = true;
                }
              : !onDelta && streamsFromProvider(model)
                ? (delta) => keepForTheBill((delta.name ?? '') + (delta.arguments ?? ''))
                : undefined,
          // A refusal's words are billed output like text: a broken-off one still cost what it streamed.
          onRefusalDelta: onDelta
            ? (text) => {
                partial.append(text);
                onRefusalDelta?.(text, model.ref);
                streamed = true;
              }
            : streamsFromProvider(model) ? keepForTheBill : undefined,
        },
        apiKey,
      ),
    {
      signal: sink.signal,
      streamed: streamsFromProvider,
      onAttemptStart: (model, attemptNo) => {
        partial.startAttempt(model, attemptNo - 1);
        // A fallback starts its answer over: tell the client to drop the partial text.
        if (streamed && onDelta) onDelta('', true);
        streamed = false;
      },
      onAttemptFailed: (model, error) => {
        if (streamed) sink.onStreamFailed?.(error, model.ref);
        // 'malformed' is a reply the provider sent with success and we could not read.
        if (error.reason === 'malformed') partial.unreadableReply();
      },
    },
  );
}
