// One call of one model with one key: bounded by the attempt timeout and by the
// user's cancel, whatever the call itself does with its signal. The timeout counts from
// the call's last sign of life: a stream that keeps coming is never cut, one that stalls is.
import { formatDuration } from '../providers/common/failure-message';
import { ProviderError } from '../providers/errors';
import { cancelledError } from './errors';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

/**
 * `start` gets `alive`, to call on every sign of life (each event of a stream): the
 * `timeoutMs` deadline then starts over. `cut`, when it aborts, ends the attempt at once with
 * its reason (a ProviderError), e.g. a call found stalled before its timeout.
 */
export async function attemptOnce<T>(
  start: (signal: AbortSignal, alive: () => void) => Promise<T>,
  userSignal: AbortSignal,
  timeoutMs: number,
  cut?: AbortSignal,
): Promise<Outcome<T>> {
  if (userSignal.aborted) return { ok: false, error: cancelledError() };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onUserAbort: (() => void) | undefined;
  let onCut: (() => void) | undefined;
  // Settles when the attempt must end early; it never resolves, it only rejects.
  const interrupted = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Worded as the provider call's own deadline words it (failureMessage): both run for
      // `timeoutMs`, and which fires first depends on a microtask turn or two.
      reject(new ProviderError('timeout', `timed out after ${formatDuration(timeoutMs)}`));
      controller.abort();
    }, timeoutMs);
    onUserAbort = () => {
      reject(cancelledError());
      controller.abort();
    };
    userSignal.addEventListener('abort', onUserAbort, { once: true });
    onCut = () => {
      reject(cut?.reason);
      controller.abort();
    };
    cut?.addEventListener('abort', onCut, { once: true });
  });
  // refresh() restarts the timer in place: no allocation per piece of a stream.
  const alive = () => void timer?.refresh();
  const call = Promise.resolve().then(() => start(controller.signal, alive));
  // A call that ignores its signal may still reject after we gave up on it.
  call.catch(() => undefined);
  try {
    return { ok: true, value: await Promise.race([call, interrupted]) };
  } catch (error) {
    return { ok: false, error: toProviderError(error) };
  } finally {
    clearTimeout(timer);
    if (onUserAbort) userSignal.removeEventListener('abort', onUserAbort);
    if (onCut) cut?.removeEventListener('abort', onCut);
  }
}

/** Anything else thrown is an adapter bug: another model (another adapter) may still work, this one won't. */
function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError('bad_request', `unexpected error: ${message}`);
}
