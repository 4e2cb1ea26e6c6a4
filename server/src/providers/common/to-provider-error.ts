// The single place where any failure of a provider call becomes a ProviderError.
import { ProviderError, type FailureReason } from '../errors';
import { providerFailure } from './failure-message';
import { reasonForErrorType, reasonForStatus } from './failure-reason';
import { parseRetryAfterMs } from './retry-after';
import type { SdkFailure } from './sdk-failure';

export interface CallFacts {
  /** `providerId/modelId` */
  label: string;
  apiKey: string | undefined;
  timeoutMs: number;
  callerSignal: AbortSignal;
  /** True once the attempt's own deadline passed. */
  deadlinePassed: boolean;
}

export function toProviderError(
  error: unknown,
  call: CallFacts,
  classify: (error: unknown) => SdkFailure,
): ProviderError {
  // Aborts come first: an aborted SDK stream ends quietly or half-read, whatever error that leaves behind.
  if (call.callerSignal.aborted) {
    return isTimeoutReason(call.callerSignal.reason) ? timeoutError(call) : simple('cancelled', call);
  }
  if (call.deadlinePassed) return timeoutError(call);
  if (error instanceof ProviderError) return error;

  const failure = classify(error);
  switch (failure.kind) {
    case 'http': {
      const reason = reasonForStatus(failure.status, failure.errorCode);
      const retryAfterMs = parseRetryAfterMs(failure.headers);
      const detail = hasUsefulDetail(reason) ? failure.providerMessage : undefined;
      return providerFailure(call.label, reason, { status: failure.status, retryAfterMs, detail }, { apiKey: call.apiKey });
    }
    case 'stream-error': {
      const reason = reasonForErrorType(failure.errorType);
      const explanation = failure.providerMessage ? ` (${failure.providerMessage})` : '';
      const detail = `mid-stream ${failure.errorType ?? 'error'}${explanation}`;
      return providerFailure(call.label, reason, { detail }, { apiKey: call.apiKey });
    }
    case 'timeout':
      return timeoutError(call);
    case 'aborted':
      return simple('cancelled', call);
    case 'connection':
      return simple('connection', call, failure.detail);
    case 'malformed':
      return simple('malformed', call, failure.detail);
    case 'unmappable':
      return simple('bad_request', call, failure.detail);
  }
}

/** A caller that aborts with AbortSignal.timeout() (or its own TimeoutError) is timing out, not cancelling. */
function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TimeoutError';
}

/** Rate-limit and overload messages are boilerplate; the others say what to fix (bad model id, revoked key). */
function hasUsefulDetail(reason: FailureReason): boolean {
  return reason === 'bad_request' || reason === 'auth' || reason === 'server';
}

function timeoutError(call: CallFacts): ProviderError {
  return providerFailure(call.label, 'timeout', { timeoutMs: call.timeoutMs }, { apiKey: call.apiKey });
}

function simple(reason: FailureReason, call: CallFacts, detail?: string): ProviderError {
  return providerFailure(call.label, reason, { detail }, { apiKey: call.apiKey });
}
