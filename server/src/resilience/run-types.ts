// The shapes `Resilience.run` takes and returns, and what one run shares with the
// long-lived state (keys, breakers, clock).
import type { Attempt } from '../../../shared/protocol';
import type { Settings } from '../../../shared/settings';
import type { ModelInfo } from '../catalog/types';
import type { BreakerRegistry } from './breaker';
import type { Clock } from './clock';
import type { Skip } from './errors';
import type { KeyPool } from './keys';
import type { ResilienceState } from '../shared-state/types';
import type { StallWatch } from './stalls';
import type { ProviderError } from '../providers/errors';

export type ResilienceOptions = Settings['resilience'];
/**
 * `progress` is called by the call on every sign of life (each event of a stream): it is
 * alive, for the stall watch (stalls.ts), and its timeout starts over (attempt.ts). A call
 * that settles in one piece needs not.
 */
export type ModelCall<T> = (model: ModelInfo, apiKey: string | undefined, signal: AbortSignal, progress: () => void) => Promise<T>;

export interface RunOptions {
  signal: AbortSignal;
  /**
   * The calls stream (all of them, or those of the models for which this says true), so a
   * healthy one shows life within moments. A call that does not stream shows none until its
   * whole answer, which a long answer takes a while to write: its first-byte deadline
   * stretches to twice the slowest recent success of its model.
   */
  streamed?: boolean | ((model: ModelInfo) => boolean);
  /** Called before every call; attemptNo counts all calls of this run from 1 (a stream restarts on >1). */
  onAttemptStart?: (model: ModelInfo, attemptNo: number) => void;
  /** Called when a call fails, with why (a stream broken off tells its client what the provider said). */
  onAttemptFailed?: (model: ModelInfo, error: ProviderError) => void;
}

export interface RunResult<T> {
  value: T;
  model: ModelInfo;
  /** Every call made, in order, the successful one last. */
  attempts: Attempt[];
  /** Candidates passed over without a call (open circuit, all keys cooling). */
  skipped: Skip[];
}

export interface RunContext {
  options: ResilienceOptions;
  keys: KeyPool;
  breakers: BreakerRegistry;
  stalls: StallWatch;
  /** Breaker verdicts and key cooldowns as every replica sees them (in-process: `breakers` and `keys` themselves). */
  shared: ResilienceState;
  clock: Clock;
  random: () => number;
}
