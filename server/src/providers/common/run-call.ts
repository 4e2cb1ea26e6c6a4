// Runs one provider call under the attempt's deadline and maps whatever fails to a ProviderError.
import type { ChatRequest, ChatResponse } from '../types';
import { toProviderError } from './to-provider-error';
import type { SdkFailure } from './sdk-failure';

export interface CallSetup {
  label: string;
  request: ChatRequest;
  apiKey: string | undefined;
  classify: (error: unknown) => SdkFailure;
}

/**
 * `body` gets a signal that aborts on the caller's signal or after `timeoutMs`. The SDKs'
 * own `timeout` only covers the wait for response headers, so a stream that stalls
 * half-way needs this deadline to end as a `timeout`.
 */
export async function runCall(
  setup: CallSetup,
  body: (signal: AbortSignal) => Promise<ChatResponse>,
): Promise<ChatResponse> {
  const { request } = setup;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
  try {
    return await body(AbortSignal.any([request.signal, deadline.signal]));
  } catch (error) {
    throw toProviderError(
      error,
      {
        label: setup.label,
        apiKey: setup.apiKey,
        timeoutMs: request.timeoutMs,
        callerSignal: request.signal,
        deadlinePassed: deadline.signal.aborted,
      },
      setup.classify,
    );
  } finally {
    clearTimeout(timer);
  }
}
