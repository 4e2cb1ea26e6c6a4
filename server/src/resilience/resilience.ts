// The resilience layer the router calls: owns the API keys and the circuit breakers
// (both outlive single requests) and runs each request's fallback walk.
import type { ModelHealth } from '../../../shared/protocol';
import type { ModelInfo } from '../catalog/types';
import { BreakerRegistry } from './breaker';
import { systemClock, type Clock } from './clock';
import { FallbackRun } from './fallback-run';
import type { ModelCall, ResilienceOptions, RunOptions, RunResult } from './run-types';
import { KeyPool } from './keys';
import { StallWatch } from './stalls';
import { InProcessState } from '../shared-state/in-process';
import type { ResilienceState, SharedState } from '../shared-state/types';

export interface ResilienceDeps {
  clock?: Clock;
  /** Jitter source, [0, 1). */
  random?: () => number;
  /** Where breaker and cooldown state is shared (default: this process only). */
  shared?: SharedState;
}

export class Resilience {
  readonly keys: KeyPool;
  readonly breakers: BreakerRegistry;
  readonly stalls = new StallWatch();
  private readonly shared: ResilienceState;
  private options: ResilienceOptions;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(options: ResilienceOptions, deps: ResilienceDeps = {}) {
    this.options = options;
    this.clock = deps.clock ?? systemClock;
    this.random = deps.random ?? Math.random;
    this.keys = new KeyPool(() => this.clock.now());
    this.breakers = new BreakerRegistry(options, () => this.clock.now());
    const state = deps.shared ?? new InProcessState();
    this.shared = state.resilience({ breakers: this.breakers, keys: this.keys, options: () => this.options, now: () => this.clock.now() });
  }

  /** New settings apply to the next request; breaker and key state are kept. */
  updateOptions(options: ResilienceOptions): void {
    this.options = options;
    this.breakers.updateOptions(options);
  }

  /** Keys per provider id, e.g. from resolveProviderKeys(); see KeyPool.setKeys for cooldowns kept. */
  setKeys(keysByProvider: ReadonlyMap<string, readonly string[]>): void {
    this.keys.setAll(keysByProvider);
  }

  /**
   * Calls the candidates in order (best first) until one succeeds. Throws
   * AllCandidatesFailedError when none does, or RunCancelledError (a ProviderError
   * with reason 'cancelled') as soon as `opts.signal` aborts: no further calls follow.
   */
  run<T>(candidates: readonly ModelInfo[], call: ModelCall<T>, opts: RunOptions): Promise<RunResult<T>> {
    const { options, keys, breakers, stalls, shared, clock, random } = this;
    return new FallbackRun({ options, keys, breakers, stalls, shared, clock, random }, call, opts).execute(candidates);
  }

  /** Brings the shared circuits of `refs` here before they are read (selection, health); in-process, nothing to do. */
  refreshCircuits(refs: readonly string[]): Promise<void> {
    return this.shared.refreshCircuits(refs);
  }

  health(refs: readonly string[]): ModelHealth[] {
    return this.breakers.health(refs);
  }
}
