// decide -> call (with resilience) -> record. The ledger row is committed before the
// answer is returned, so whatever a client saw survives a crash of the server.
import { ErrorCodes, type Attempt, type ExecuteParams, type ExecuteResult, type Kind } from '../../../shared/protocol';
import { costUsd } from '../catalog/catalog';
import type { ModelInfo } from '../catalog/types';
import { cacheKey } from '../ledger/cache';
import type { Ledger } from '../ledger/ledger';
import type { RequestRecord } from '../ledger/types';
import { ProviderError } from '../providers/errors';
import type { ChatResponse, ProviderClient } from '../providers/types';
import { AllCandidatesFailedError, RunCancelledError } from '../resilience';
import type { Resilience } from '../resilience';
import type { DecideContext, Decision } from './decide';
import { decide } from './decide';
import { allFailed, cancelled, RouterError } from './errors';

export interface ExecuteContext extends DecideContext {
  ledger: Ledger;
  resilience: Resilience;
  clientFor: (model: ModelInfo) => ProviderClient;
  now: () => number;
}

export interface StreamSink {
  signal: AbortSignal;
  /** Text deltas as they arrive; `reset` when a fallback model starts over. */
  onDelta?: (delta: string, reset: boolean) => void;
}

export async function execute(ctx: ExecuteContext, params: ExecuteParams, sink: StreamSink): Promise<ExecuteResult> {
  const startedAt = ctx.now();
  const base: RecordBase = { workspaceId: params.workspaceId, at: startedAt, kind: params.kind };
  let decision: Decision | undefined;
  try {
    decision = decide(ctx, params);
    const key = ctx.settings.cache.enabled ? requestCacheKey(decision, params) : undefined;
    const hit = key === undefined ? undefined : ctx.ledger.cacheGet(key, startedAt);
    if (hit) return answerFromCache(ctx, decision, hit, base, sink);

    const run = await callWithFallback(ctx, decision, sink);
    const cost = costUsd(run.model, run.value.inputTokens, run.value.outputTokens);
    const latencyMs = ctx.now() - startedAt;
    const warnings = [...decision.warnings];
    if (cost === undefined) warnings.push(`No price known for ${run.model.ref}: this request's cost is recorded as unknown.`);
    const reasons = [...decision.reasons];
    if (run.model !== decision.selection.ordered[0].model) {
      const failed = run.attempts.filter((a) => !a.ok).map((a) => `${a.model}: ${a.error}`);
      reasons.push(`fell back to ${run.model.ref} after ${failed.join('; ') || 'skipping unavailable models'}`);
    }
    record(ctx, decision, base, { model: run.model.ref, outcome: 'ok', latencyMs, attempts: run.attempts, usage: run.value, cost, reasons });
    if (key !== undefined) {
      const { text, inputTokens, outputTokens } = run.value;
      ctx.ledger.cachePut(key, { text, model: run.model.ref, inputTokens, outputTokens }, ctx.settings.cache.ttlHours * 3_600_000);
    }
    return {
      text: run.value.text,
      model: run.model.ref,
      kind: decision.classification.kind,
      reasons,
      attempts: run.attempts,
      usage: { inputTokens: run.value.inputTokens, outputTokens: run.value.outputTokens, costUsd: cost ?? 0 },
      cached: false,
      latencyMs,
      warnings,
    };
  } catch (error) {
    throw recordFailure(ctx, decision, base, error);
  }
}

async function callWithFallback(ctx: ExecuteContext, decision: Decision, sink: StreamSink) {
  let streamed = false;
  const onDelta = sink.onDelta;
  return ctx.resilience.run(
    decision.selection.ordered.map((c) => c.model),
    (model, apiKey, signal) =>
      ctx.clientFor(model).chat(
        {
          model: model.modelId,
          messages: decision.prompt.messages,
          maxTokens: Math.min(decision.prompt.maxOutputTokens, model.maxOutputTokens),
          temperature: 0,
          signal,
          timeoutMs: ctx.settings.resilience.timeoutMs,
          onDelta: onDelta
            ? (text) => {
                onDelta(text, false);
                streamed = true;
              }
            : undefined,
        },
        apiKey,
      ),
    {
      signal: sink.signal,
      onAttemptStart: () => {
        // A fallback starts its answer over: tell the client to drop the partial text.
        if (streamed && onDelta) onDelta('', true);
        streamed = false;
      },
    },
  );
}

function answerFromCache(
  ctx: ExecuteContext,
  decision: Decision,
  hit: { text: string; model: string; inputTokens: number; outputTokens: number },
  base: RecordBase,
  sink: StreamSink,
): ExecuteResult {
  sink.onDelta?.(hit.text, false);
  const latencyMs = ctx.now() - base.at;
  const reasons = [...decision.reasons, `answered from cache (first answered by ${hit.model})`];
  const attempts: Attempt[] = [];
  const usage = { inputTokens: hit.inputTokens, outputTokens: hit.outputTokens };
  ctx.ledger.record({
    ...recordBase(decision, base),
    model: hit.model,
    ...usage,
    costUsd: 0,
    latencyMs,
    outcome: 'ok',
    cached: true,
    reasons,
    attempts,
  });
  return {
    text: hit.text,
    model: hit.model,
    kind: decision.classification.kind,
    reasons,
    attempts,
    usage: { ...usage, costUsd: 0 },
    cached: true,
    latencyMs,
    warnings: decision.warnings,
  };
}

/** Identical deterministic requests (temperature 0, same messages, same forced model) share an answer. */
function requestCacheKey(decision: Decision, params: ExecuteParams): string {
  return cacheKey({ v: 1, kind: decision.classification.kind, model: params.model ?? null, messages: decision.prompt.messages });
}

interface Outcome {
  model: string;
  outcome: RequestRecord['outcome'];
  latencyMs: number;
  attempts: Attempt[];
  usage?: ChatResponse;
  cost?: number;
  reasons?: string[];
}

function record(ctx: ExecuteContext, decision: Decision | undefined, base: RecordBase, o: Outcome) {
  ctx.ledger.record({
    ...recordBase(decision, base),
    model: o.model,
    inputTokens: o.usage?.inputTokens ?? 0,
    outputTokens: o.usage?.outputTokens ?? 0,
    costUsd: o.usage ? (o.cost ?? null) : 0,
    latencyMs: o.latencyMs,
    outcome: o.outcome,
    cached: false,
    reasons: o.reasons ?? decision?.reasons ?? [],
    attempts: o.attempts,
  });
}

interface RecordBase {
  workspaceId: string;
  at: number;
  kind?: Kind;
}

function recordBase(decision: Decision | undefined, base: RecordBase) {
  return {
    workspaceId: base.workspaceId,
    at: base.at,
    kind: decision?.classification.kind ?? base.kind ?? 'ask',
    difficulty: decision?.classification.difficulty ?? 'medium',
  } as const;
}

/** Records a request that ended without an answer, and returns the error to throw. */
function recordFailure(ctx: ExecuteContext, decision: Decision | undefined, base: RecordBase, error: unknown): unknown {
  const latencyMs = ctx.now() - base.at;
  const chosen = decision?.selection.ordered[0]?.model.ref ?? '';
  if (error instanceof AllCandidatesFailedError) {
    const skipped = error.skipped.map((s) => ({ model: s.model, ok: false, error: `skipped: ${s.reason}` }));
    const attempts = [...error.attempts, ...skipped];
    record(ctx, decision, base, { model: chosen, outcome: 'failed', latencyMs, attempts: error.attempts });
    return allFailed(attempts);
  }
  if (error instanceof ProviderError && error.reason === 'cancelled') {
    const attempts = error instanceof RunCancelledError ? error.attempts : [];
    record(ctx, decision, base, { model: chosen, outcome: 'cancelled', latencyMs, attempts });
    return cancelled();
  }
  if (error instanceof RouterError && error.code === ErrorCodes.BudgetBlocked) {
    record(ctx, decision, base, { model: '', outcome: 'blocked', latencyMs, attempts: [] });
  }
  return error;
}
