import type { Attempt } from '../../../shared/protocol';
import { ProviderError } from '../providers/errors';

/** A candidate that was passed over without a call, and why (e.g. "circuit open for another 12 s"). */
export interface Skip {
  model: string;
  reason: string;
}

/** Thrown by `Resilience.run` when no candidate produced a result; maps to ErrorCodes.AllCandidatesFailed. */
export class AllCandidatesFailedError extends Error {
  constructor(
    readonly attempts: Attempt[],
    readonly skipped: Skip[],
  ) {
    super(summarise(attempts, skipped));
    this.name = 'AllCandidatesFailedError';
  }
}

export function cancelledError(): ProviderError {
  return new ProviderError('cancelled', 'cancelled');
}

/**
 * Thrown by `Resilience.run` when the user cancels: a ProviderError with reason
 * 'cancelled' that also carries the calls made so far, for the request's history entry.
 */
export class RunCancelledError extends ProviderError {
  constructor(
    readonly attempts: Attempt[],
    readonly skipped: Skip[],
  ) {
    super('cancelled', 'cancelled');
  }
}

function summarise(attempts: Attempt[], skipped: Skip[]): string {
  const parts = [
    ...attempts.map((a) => `${a.model}: ${a.error ?? 'ok'}`),
    ...skipped.map((s) => `${s.model}: skipped, ${s.reason}`),
  ];
  if (parts.length === 0) return 'All models failed: there was no candidate model to try';
  return `All models failed. ${parts.join('; ')}`;
}
