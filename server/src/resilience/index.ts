export { Resilience, type ResilienceDeps } from './resilience';
export type { ModelCall, ResilienceOptions, RunOptions, RunResult } from './run-types';
export { AllCandidatesFailedError, RunCancelledError, type Skip } from './errors';
export { KeyPool, keyLabel, parseKeys, type KeyPick } from './keys';
export { resolveProviderKeys } from './key-sources';
export { BreakerRegistry, type BreakerOptions, type BreakerState } from './breaker';
export { systemClock, abortableSleep, type Clock } from './clock';
export { mayOutlastTimeout, timeoutFor } from './patience';
