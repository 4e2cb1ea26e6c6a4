// Every request leaves one ledger row, answered or not: the spend a user sees and
// the routing log on the dashboard both read from these rows.
import { ErrorCodes, type Attempt, type Kind } from '../../../shared/protocol';
import type { LedgerStore } from '../ledger/store';
import type { RequestRecord } from '../ledger/types';
import { ProviderError } from '../providers/errors';
import { AllCandidatesFailedError, RunCancelledError } from '../resilience';
import type { Decision } from './decide';
import { allFailed, cancelled, RouterError } from './errors';
import type { BilledEstimate } from './partial-stream';

/** What is known of a request before any decision: enough to record a blocked one. */
export interface RecordBase {
  workspaceId: string;
  /** ExecuteParams.client: who sent it, for spend by client. */
  client?: string;
  /** ExecuteParams.developer: whose gateway token sent it (team mode). */
  developer?: string;
  team?: string;
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
  /** The model declined to answer (an 'ok' outcome: answered, and billed, with a refusal). */
  refused?: boolean;
}

/** Resolves once the row is durable: callers release the answer only after it. */
export async function recordOutcome(ledger: LedgerStore, decision: Decision | undefined, base: RecordBase, o: Outcome): Promise<void> {
  await ledger.record({
    workspaceId: base.workspaceId,
    ...(base.client === undefined ? {} : { client: base.client }),
    ...(base.developer === undefined ? {} : { developer: base.developer }),
    ...(base.team === undefined ? {} : { team: base.team }),
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
    ...(o.refused ? { refused: true } : {}),
  });
}

function isEstimatedBill(attempt: Attempt): boolean {
  return attempt.billed !== undefined && !attempt.billed.reported;
}

/** What the streams of a failed request had delivered; that part still costs money. */
export interface StreamedSoFar {
  /** The estimate for the attempt in flight at a cancel, if it had streamed text. */
  onCancel(): BilledEstimate | undefined;
  /** The attempts, each one that streamed text and then failed carrying its estimated bill. */
  bill(attempts: readonly Attempt[], lastFailed: boolean): Attempt[];
}

/** Records a request that ended without an answer, and resolves with the error to throw. */
export async function recordFailure(
  ledger: LedgerStore,
  decision: Decision | undefined,
  base: RecordBase,
  latencyMs: number,
  error: unknown,
  streamed?: StreamedSoFar,
): Promise<unknown> {
  const chosen = decision?.selection.ordered[0]?.model.ref ?? '';
  const bill = (attempts: readonly Attempt[], lastFailed: boolean): Attempt[] =>
    (decision && streamed ? streamed.bill(attempts, lastFailed) : [...attempts]);
  if (error instanceof AllCandidatesFailedError) {
    const attempts = bill(error.attempts, true);
    const skipped = error.skipped.map((s) => ({ model: s.model, ok: false, error: `skipped: ${s.reason}` }));
    await recordOutcome(ledger, decision, base, {
      model: chosen, outcome: 'failed', latencyMs, attempts, tokensEstimated: attempts.some(isEstimatedBill),
    });
    return allFailed([...attempts, ...skipped]);
  }
  if (error instanceof ProviderError && error.reason === 'cancelled') {
    const attempts = bill(error instanceof RunCancelledError ? error.attempts : [], false);
    const partial = decision ? streamed?.onCancel() : undefined;
    const billed = partial
      ? {
          model: partial.model.ref,
          usage: partial.usage,
          cost: partial.cost,
          reasons: [...(decision?.reasons ?? []), partial.reason],
        }
      : { model: chosen };
    const estimated = partial !== undefined || attempts.some(isEstimatedBill);
    await recordOutcome(ledger, decision, base, { outcome: 'cancelled', latencyMs, attempts, tokensEstimated: estimated, ...billed });
    return cancelled();
  }
  if (error instanceof RouterError && error.code === ErrorCodes.BudgetBlocked) {
    await recordOutcome(ledger, decision, base, { model: '', outcome: 'blocked', latencyMs, attempts: [] });
  }
  return error;
}
