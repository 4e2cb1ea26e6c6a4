// Anthropic SDK error classes -> SDK-neutral failure facts.
import { classifyPlainError, connectionDetail, type SdkFailure } from '../common/sdk-failure';
import { anthropicSdk } from './load-sdk';

export function classifyAnthropicError(error: unknown): SdkFailure {
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } = anthropicSdk();
  // Subclasses before their parents: a timeout is a connection error, and both are APIErrors.
  if (error instanceof APIUserAbortError) return { kind: 'aborted' };
  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout' };
  if (error instanceof APIConnectionError) return { kind: 'connection', detail: connectionDetail(error.cause) };
  if (error instanceof APIError) {
    const providerMessage = error.apiMessage ?? undefined;
    // A status-less APIError is an `event: error` inside a stream (e.g. overloaded_error).
    if (error.status === undefined) {
      return { kind: 'stream-error', errorType: error.type ?? undefined, providerMessage };
    }
    return { kind: 'http', status: error.status, headers: error.headers, providerMessage };
  }
  return classifyPlainError(error);
}
