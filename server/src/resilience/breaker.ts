// One circuit breaker per model ref. Written here rather than with cockatiel's
// CircuitBreakerPolicy because that one reads Date.now() directly (no test clock),
// only leaves "open" inside execute() (so its state can't be shown as half-open on
// the dashboard), and can't be bypassed for the "every candidate is open" last resort.
import type { ModelHealth } from '../../../shared/protocol';
import type { ProviderError } from '../providers/errors';
import { ModelStats } from './model-stats';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  breakerFailures: number;
  breakerHalfOpenAfterMs: number;
}

interface Circuit {
  consecutiveFailures: number;
  /** Set while open or half-open; half-open is simply "open for long enough". */
  openedAt: number | undefined;
  /** The one half-open probe is in flight: nobody else may pass. */
  probing: boolean;
  stats: ModelStats;
}

export class BreakerRegistry {
  private readonly circuits = new Map<string, Circuit>();

  constructor(
    private options: BreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  updateOptions(options: BreakerOptions): void {
    this.options = options;
  }

  state(ref: string): BreakerState {
    const openedAt = this.circuits.get(ref)?.openedAt;
    if (openedAt === undefined) return 'closed';
    return this.now() >= openedAt + this.options.breakerHalfOpenAfterMs ? 'half-open' : 'open';
  }

  /** When an open circuit lets its probe through; undefined when closed. */
  halfOpensAt(ref: string): number | undefined {
    const openedAt = this.circuits.get(ref)?.openedAt;
    return openedAt === undefined ? undefined : openedAt + this.options.breakerHalfOpenAfterMs;
  }

  /** May `ref` be called now? In half-open, true exactly once until that probe is recorded. */
  tryAcquire(ref: string): boolean {
    const state = this.state(ref);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const circuit = this.circuit(ref);
    if (circuit.probing) return false;
    circuit.probing = true;
    return true;
  }

  recordSuccess(ref: string, latencyMs: number): void {
    const circuit = this.circuit(ref);
    circuit.stats.recordSuccess(latencyMs);
    circuit.consecutiveFailures = 0;
    circuit.openedAt = undefined;
    circuit.probing = false;
  }

  /**
   * Only retryable failures (rate limits, overload, 5xx, timeouts, connection, malformed
   * bodies) say the model is unhealthy. bad_request and auth failures are our request's
   * or key's fault, and a cancel is the user's: those free a probe without a verdict.
   * `keySpecific` failures (a 429 on one key of a provider) count in the stats only.
   */
  recordFailure(ref: string, error: ProviderError, { keySpecific = false } = {}): void {
    const circuit = this.circuit(ref);
    circuit.probing = false;
    if (error.reason === 'cancelled') return;
    circuit.stats.recordFailure();
    if (!error.retryable || keySpecific) return;
    circuit.consecutiveFailures++;
    const wasOpen = circuit.openedAt !== undefined;
    if (wasOpen || circuit.consecutiveFailures >= this.options.breakerFailures) circuit.openedAt = this.now();
  }

  /** Calls of `ref` are hanging (see StallWatch): open its circuit now, as failures would. */
  openForStalls(ref: string): void {
    const circuit = this.circuit(ref);
    circuit.consecutiveFailures = Math.max(circuit.consecutiveFailures, this.options.breakerFailures);
    circuit.openedAt = this.now();
  }

  /**
   * Takes the shared view of `ref`'s circuit (another replica opened or closed it):
   * `openedAt` undefined is closed. Stats stay this process's own.
   */
  mirror(ref: string, openedAt: number | undefined, consecutiveFailures: number): void {
    const circuit = this.circuit(ref);
    circuit.openedAt = openedAt;
    circuit.consecutiveFailures = consecutiveFailures;
    if (openedAt === undefined) circuit.probing = false;
  }

  /** When `ref`'s circuit opened, undefined when closed: what a replica pushes when Redis returns. */
  openedAt(ref: string): number | undefined {
    return this.circuits.get(ref)?.openedAt;
  }

  /** Refs with an open (or half-open) circuit. */
  openRefs(): string[] {
    return [...this.circuits].filter(([, c]) => c.openedAt !== undefined).map(([ref]) => ref);
  }

  stats(ref: string): ModelStats {
    return this.circuit(ref).stats;
  }

  /** Health rows for the given refs (the configured models), in that order. */
  health(refs: readonly string[]): ModelHealth[] {
    return refs.map((ref) => {
      const stats = this.stats(ref);
      return {
        model: ref,
        breaker: this.state(ref),
        attempts: stats.attempts,
        failures: stats.failures,
        errorRate: stats.errorRate(),
        p50LatencyMs: stats.p50LatencyMs(),
      };
    });
  }

  private circuit(ref: string): Circuit {
    let circuit = this.circuits.get(ref);
    if (!circuit) {
      circuit = { consecutiveFailures: 0, openedAt: undefined, probing: false, stats: new ModelStats() };
      this.circuits.set(ref, circuit);
    }
    return circuit;
  }
}
