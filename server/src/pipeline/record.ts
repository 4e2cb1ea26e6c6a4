// Every request leaves one ledger row, answered or not: the spend a user sees and
// the routing log on the dashboard both read from these rows.
import { ErrorCodes, type Attempt, type Kind } from '../../../shared/protocol';
import type { Ledger } from '../ledger/ledger';
import type { RequestRecord } from '../ledger/types';
import { ProviderError } from '../providers/errors';
import { AllCandidatesFailedError, RunCancelledError } from '../resilience';
import type { Decision } from './decide';
import { allFailed, cancelled, RouterError } from './errors';
import type { BilledEstimate } from './partial-stream';

/** What is known of a request before any decision: enough to record a blocked one. */
export interface RecordBase {
  workspaceId: string;
  at: number;
  kind?: Kind;
}

export interface Outcome {
  model: string;
  outcome: RequestRecord['outcome'];
  latencyMs: number;
  attempts: Attempt[];
  usage?: { inputTokens: number; outputTokens: number };
  /** Undefined with usage: the price is unknown (recorded as NULL, not $0). */
  cost?: number;
  cached?: boolean;
  reasons?: string[];
  /** The usage is the router's estimate, not the provider's report. */
  tokensEstimated?: boolean;
}

export function recordOutcome(ledger: Ledger, decision: Decision | undefined, base: RecordBase, o: Outcome): void {
  ledger.record({
    workspaceId: base.workspaceId,
    at: base.at,
    kind: decision?.classification.kind ?? base.kind ?? 'ask',
    difficulty: decision?.classification.difficulty ?? 'medium',
    model: o.model,
    inputTokens: o.usage?.inputTokens ?? 0,
    outputTokens: o.usage?.outputTokens ?? 0,
    costUsd: o.usage ? (o.cost ?? null) : 0,
    latencyMs: o.latencyMs,
    outcome: o.outcome,
    cached: o.cached ?? false,
    reasons: o.reasons ?? decision?.reasons ?? [],
    attempts: o.attempts,
    tokensEstimated: o.tokensEstimated ?? false,
  });
}

/**
 * Records a request that ended without an answer, and returns the error to throw.
 * `streamed` tells what a stream had already delivered, asked only for a cancel: that
 * part still costs money.
 */
export function recordFailure(
  ledger: Ledger,
  decision: Decision | undefined,
  base: RecordBase,
  latencyMs: number,
  error: unknown,
  streamed?: () => BilledEstimate | undefined,
): unknown {
  const chosen = decision?.selection.ordered[0]?.model.ref ?? '';
  if (error instanceof AllCandidatesFailedError) {
    const skipped = error.skipped.map((s) => ({ model: s.model, ok: false, error: `skipped: ${s.reason}` }));
    recordOutcome(ledger, decision, base, { model: chosen, outcome: 'failed', latencyMs, attempts: error.attempts });
    return allFailed([...error.attempts, ...skipped]);
  }
  if (error instanceof ProviderError && error.reason === 'cancelled') {
    const attempts = error instanceof RunCancelledError ? error.attempts : [];
    const partial = decision ? streamed?.() : undefined;
    const billed = partial
      ? {
          model: partial.model.ref,
          usage: partial.usage,
          cost: partial.cost,
          tokensEstimated: true,
          reasons: [...(decision?.reasons ?? []), partial.reason],
        }
      : { model: chosen };
    recordOutcome(ledger, decision, base, { outcome: 'cancelled', latencyMs, attempts, ...billed });
    return cancelled();
  }
  if (error instanceof RouterError && error.code === ErrorCodes.BudgetBlocked) {
    recordOutcome(ledger, decision, base, { model: '', outcome: 'blocked', latencyMs, attempts: [] });
  }
  return error;
}
