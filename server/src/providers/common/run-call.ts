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
  // One controller that the caller's signal and the deadline both abort, as AbortSignal.any
  // would give, without its weak references and finalizers (a cost on every call under load).
  const call = new AbortController();
  let deadlinePassed = false;
  const timer = setTimeout(() => {
    deadlinePassed = true;
    call.abort();
  }, setup.timeoutMs);
  const onCallerAbort = () => call.abort(setup.signal.reason);
  if (setup.signal.aborted) onCallerAbort();
  else setup.signal.addEventListener('abort', onCallerAbort, { once: true });
  try {
    return await body(call.signal);
  } catch (error) {
    throw toProviderError(
      error,
      {
        label: setup.label,
        apiKey: setup.apiKey,
        timeoutMs: setup.timeoutMs,
        callerSignal: setup.signal,
        deadlinePassed,
      },
      setup.classify,
    );
  } finally {
    clearTimeout(timer);
    setup.signal.removeEventListener('abort', onCallerAbort);
  }
}
