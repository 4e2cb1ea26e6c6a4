// Breakers and key cooldowns held by this process alone: today's behaviour, and what a
// replica falls back to while Redis is unreachable.
import type { ProviderError } from '../providers/errors';
import type { LocalResilience, ResilienceState } from './types';

export function localResilience(local: LocalResilience): ResilienceState {
  const { breakers, keys } = local;
  return {
    acquire: async (ref) => breakers.tryAcquire(ref),
    succeeded: async (ref, latencyMs) => breakers.recordSuccess(ref, latencyMs),
    failed: async (ref, error: ProviderError, keySpecific) => breakers.recordFailure(ref, error, { keySpecific }),
    stalled: async (ref) => breakers.openForStalls(ref),
    refreshCircuits: async () => undefined,
    syncKeys: async () => undefined,
    cooled: async (providerId, key, untilMs) => keys.coolUntil(providerId, key, untilMs),
  };
}
