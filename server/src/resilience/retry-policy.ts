// What to do after a failed call of one model: rotate to another key, wait and retry
// the same model, or move on to the next candidate.
import type { ModelInfo } from '../catalog/types';
import type { ProviderError } from '../providers/errors';
import { backoffDelayMs } from './backoff';
import type { RunContext } from './run-types';
import type { KeyPick } from './keys';

export type Step =
  /** Another key of the same provider is usable: call again at once; not a retry of the model. */
  | { kind: 'rotate'; pick: Extract<KeyPick, { status: 'ok' }> }
  | { kind: 'wait'; ms: number }
  | { kind: 'next-model' };

export interface FailedCall {
  error: ProviderError;
  key: string | undefined;
  model: ModelInfo;
  retriesUsed: number;
  /** Keys already used for this model in this run: rotation never goes back to one. */
  triedKeys: ReadonlySet<string>;
  ctx: RunContext;
}

export function nextStep({ error, key, model, retriesUsed, triedKeys, ctx }: FailedCall): Step {
  let keyPick: KeyPick | undefined;
  if (error.keyProblem && key !== undefined) {
    const until = ctx.clock.now() + keyCooldownMs(error, ctx.options.keyCooldownMs);
    ctx.keys.coolUntil(model.provider.id, key, until);
    // Other replicas learn it in the background; this pick already skips the key.
    void ctx.shared.cooled(model.provider.id, key, until);
    keyPick = ctx.keys.pick(model.provider.id);
    if (keyPick.status === 'ok' && !triedKeys.has(keyPick.key)) return { kind: 'rotate', pick: keyPick };
  }
  if (!error.retryable || retriesUsed >= ctx.options.retriesPerModel) return { kind: 'next-model' };
  const ms = retryDelayMs(error, keyPick, retriesUsed, ctx);
  return ms === undefined ? { kind: 'next-model' } : { kind: 'wait', ms };
}

/** A rejected key (401/403) is out until the key list changes; see KeyPool.coolDown. */
function keyCooldownMs(error: ProviderError, defaultCooldownMs: number): number {
  if (error.reason === 'auth') return Infinity;
  return error.retryAfterMs ?? defaultCooldownMs;
}

/**
 * A provider-given delay (retry-after, or the time until one of its keys cools down)
 * is waited only when it is at most maxRetryAfterMs; a longer one means the next model
 * answers sooner, so undefined (move on) is returned. Otherwise: exponential backoff.
 */
function retryDelayMs(
  error: ProviderError,
  keyPick: KeyPick | undefined,
  retriesUsed: number,
  ctx: RunContext,
): number | undefined {
  const keyWaitMs = keyPick?.status === 'cooling' ? keyPick.until - ctx.clock.now() : 0;
  if (error.retryAfterMs === undefined && keyWaitMs <= 0) return backoffDelayMs(retriesUsed, ctx.random);
  const ms = Math.max(error.retryAfterMs ?? 0, keyWaitMs);
  return ms <= ctx.options.maxRetryAfterMs ? ms : undefined;
}
