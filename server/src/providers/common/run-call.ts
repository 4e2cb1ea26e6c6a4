// Runs one provider call under its deadline and maps whatever fails to a ProviderError.
import { toProviderError } from './to-provider-error';
import type { SdkFailure } from './sdk-failure';

export interface CallSetup {
  label: string;
  /** The caller's signal: a user cancel, or the attempt's own timeout. */
  signal: AbortSignal;
  timeoutMs: number;
  apiKey: string | undefined;
  classify: (error: unknown) => SdkFailure;
}

/**
 * `body` gets a signal that aborts on the caller's signal or after `timeoutMs`. The SDKs'
 * own `timeout` only covers the wait for response headers, so a stream that stalls
 * half-way needs this deadline to end as a `timeout`.
 */
export async function runCall<T>(setup: CallSetup, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), setup.timeoutMs);
  try {
    return await body(AbortSignal.any([setup.signal, deadline.signal]));
  } catch (error) {
    throw toProviderError(
      error,
      {
        label: setup.label,
        apiKey: setup.apiKey,
        timeoutMs: setup.timeoutMs,
        callerSignal: setup.signal,
        deadlinePassed: deadline.signal.aborted,
      },
      setup.classify,
    );
  } finally {
    clearTimeout(timer);
  }
}
