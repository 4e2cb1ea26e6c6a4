// The response cache: an identical deterministic request (temperature 0, same
// messages, same forced model) is answered from the ledger's cache table at $0.
import type { ExecuteParams, ExecuteResult } from '../../../shared/protocol';
import { cacheKey } from '../ledger/cache';
import type { LedgerStore } from '../ledger/store';
import type { CachedResponse } from '../ledger/types';
import type { Decision } from './decide';
import { recordOutcome, type RecordBase } from './record';

/**
 * Undefined when the answer is not deterministic (temperature above 0), or when the request
 * carries tools or output options: an agent's turn acts on the world (a repeated tool call
 * must really be made again), and the cache keeps text only.
 */
export function requestCacheKey(decision: Decision, params: ExecuteParams): string | undefined {
  if ((params.temperature ?? 0) > 0) return undefined;
  if (params.tools !== undefined || params.toolChoice !== undefined || params.options !== undefined) return undefined;
  // maxTokens is left out of the JSON when absent, so keys of older requests stay valid.
  return cacheKey({ v: 1, kind: decision.classification.kind, model: params.model ?? null, messages: decision.prompt.messages, maxTokens: params.maxTokens });
}

export async function answerFromCache(
  ledger: LedgerStore,
  decision: Decision,
  hit: CachedResponse,
  base: RecordBase,
  latencyMs: number,
  onDelta?: (delta: string, reset: boolean, model?: string) => void,
): Promise<ExecuteResult> {
  onDelta?.(hit.text, false, hit.model);
  const reasons = [...decision.reasons, `answered from cache (first answered by ${hit.model})`];
  const usage = { inputTokens: hit.inputTokens, outputTokens: hit.outputTokens };
  await recordOutcome(ledger, decision, base, { model: hit.model, outcome: 'ok', latencyMs, attempts: [], usage, cost: 0, cached: true, reasons });
  return {
    text: hit.text,
    model: hit.model,
    kind: decision.classification.kind,
    reasons,
    attempts: [],
    usage: { ...usage, costUsd: 0 },
    cached: true,
    latencyMs,
    warnings: decision.warnings,
  };
}
