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
 * `body` gets a signal that aborts on the caller's signal or once the call has gone
 * `timeoutMs` without a sign of life, and `alive`, which a stream calls on each piece it
 * reads: the deadline then starts over, so a long answer that keeps coming is never cut
 * (a slow local model, a long refactoring), while one that stalls half-way ends as a
 * `timeout`. The SDKs' own `timeout` only covers the wait for response headers.
 */
export async function runCall<T>(setup: CallSetup, body: (signal: AbortSignal, alive: () => void) => Promise<T>): Promise<T> {
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
  // refresh() restarts the timer in place: no allocation per piece of a stream.
  const alive = () => void timer.refresh();
  try {
    return await body(call.signal, alive);
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

/** A stream's sign of life: restarts this call's own deadline and tells the caller (ChatRequest.onAlive). */
export function aliveFor(request: { onAlive?: () => void }, alive: () => void): () => void {
  const onAlive = request.onAlive;
  if (!onAlive) return alive;
  return () => {
    alive();
    onAlive();
  };
}
