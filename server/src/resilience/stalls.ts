// Calls in flight per model, so a model that stopped answering is noticed while its calls
// hang, not when they time out. A breaker that only counts finished failures lets every
// request arriving during the whole-call timeout (60 s by default) join the wait; here,
// once `threshold` calls of one model have passed the first-byte deadline with nothing to
// show, the model counts as failing: its breaker opens and those calls are cut, so they
// fall back at once and new requests go elsewhere.
import { ProviderError } from '../providers/errors';

export interface WatchedCall {
  /** The call produced its first token (or its answer): it is alive. */
  progress(): void;
  /** The call settled, one way or another. */
  end(): void;
  readonly progressed: boolean;
}

interface InFlight extends WatchedCall {
  progressed: boolean;
  pastDeadline: boolean;
  ended: boolean;
  cut: (error: ProviderError) => void;
}

export class StallWatch {
  private readonly calls = new Map<string, Set<InFlight>>();

  /** Registers a call of `ref`; `cut` ends it early with the given error. */
  begin(ref: string, cut: (error: ProviderError) => void): WatchedCall {
    const calls = this.calls.get(ref) ?? new Set<InFlight>();
    this.calls.set(ref, calls);
    const call: InFlight = {
      pastDeadline: false,
      ended: false,
      progressed: false,
      cut,
      progress: () => void (call.progressed = true),
      end: () => {
        call.ended = true;
        calls.delete(call);
        if (calls.size === 0) this.calls.delete(ref);
      },
    };
    calls.add(call);
    return call;
  }

  /**
   * Called when `call` reaches its first-byte deadline. When at least `threshold` calls of
   * `ref` (this one included) are past theirs with nothing to show, the model is taken to
   * have stopped answering: every call of it still waiting for its first token (also the
   * younger ones, which would only hang in turn) is cut with stalledError, and the number
   * of stalled calls is returned. Returns 0 otherwise: the call keeps waiting.
   */
  deadlinePassed(ref: string, call: WatchedCall, threshold: number, firstByteTimeoutMs: number): number {
    const inFlight = call as InFlight;
    if (inFlight.ended || inFlight.progressed) return 0;
    inFlight.pastDeadline = true;
    const waiting = [...(this.calls.get(ref) ?? [])].filter((c) => !c.progressed && !c.ended);
    const stalled = waiting.filter((c) => c.pastDeadline).length;
    if (stalled < threshold) return 0;
    for (const c of waiting) c.cut(stalledError(firstByteTimeoutMs, stalled));
    return stalled;
  }

  /** Calls of `ref` in flight now (for tests and health). */
  inFlight(ref: string): number {
    return this.calls.get(ref)?.size ?? 0;
  }
}

export function stalledError(firstByteTimeoutMs: number, stalledCalls: number): ProviderError {
  const others = stalledCalls > 1 ? ` (${stalledCalls} calls to it stalled)` : '';
  return new ProviderError('timeout', `no first token within ${firstByteTimeoutMs} ms${others}`);
}
