// Breakers and key cooldowns shared through Redis. This process's BreakerRegistry and KeyPool
// stay the synchronous view (selection, health, the dashboard read them) and the fallback:
// every verdict from Redis is mirrored into them, and every event is recorded in them too,
// so when Redis goes away the replica carries on from what it last knew.
import type { ProviderError } from '../../providers/errors';
import { localResilience } from '../local-resilience';
import type { LocalResilience, ResilienceState } from '../types';
import type { RedisLink } from './link';
import { redisKeys } from './names';
import { ACQUIRE, COOL, FAILURE, OPEN } from './scripts';

/** An open circuit nobody touches for a day is forgotten (a closed one holds only a failure count). */
const CIRCUIT_TTL_MS = 24 * 3_600_000;
/**
 * How long Redis remembers a rejected key. A replica that learned of it keeps it out until its
 * key list changes; one started a day later tries it once and learns for itself.
 */
const REJECTED_TTL_MS = 24 * 3_600_000;
/** The half-open probe lapses this long after its call's own timeout, should its replica die mid-call. */
const PROBE_MARGIN_MS = 5_000;

type CircuitReply = [number, number];

export function redisResilience(link: RedisLink, local: LocalResilience): ResilienceState {
  const fallback = localResilience(local);
  const { breakers, keys } = local;
  const mirror = ([openedAt, failures]: CircuitReply) => (ref: string) =>
    breakers.mirror(ref, openedAt < 0 ? undefined : openedAt, failures);

  const circuitKeys = (ref: string) => [redisKeys.circuit(ref), redisKeys.probe(ref)];

  // What this replica saw alone while Redis was away: its open circuits, its resting keys.
  link.onReturn(async (redis) => {
    const now = local.now();
    const { breakerFailures } = local.options();
    let pushed = 0;
    for (const ref of breakers.openRefs()) {
      pushed += Number(await redis.eval(OPEN, 2, ...circuitKeys(ref), breakers.openedAt(ref) ?? now, breakerFailures, CIRCUIT_TTL_MS, 1));
    }
    for (const [providerId, key, until] of keys.timedCooldowns(now)) {
      await redis.eval(COOL, 1, redisKeys.cooldown(providerId, key), until, Math.ceil(until - now));
    }
    for (const [providerId, key, rejectedAt] of keys.rejections()) {
      const ttl = rejectedAt + REJECTED_TTL_MS - now;
      if (ttl > 0) await redis.eval(COOL, 1, redisKeys.rejected(providerId, key), rejectedAt, Math.ceil(ttl));
    }
    return pushed > 0 ? `${pushed} circuit${pushed === 1 ? '' : 's'} opened here while it was away pushed` : undefined;
  });

  return {
    acquire: (ref) =>
      link.run(
        async (redis) => {
          const { breakerHalfOpenAfterMs, timeoutMs } = local.options();
          const [mayPass, openedAt, failures] = (await redis.eval(
            ACQUIRE, 2, ...circuitKeys(ref), local.now(), breakerHalfOpenAfterMs, timeoutMs + PROBE_MARGIN_MS,
          )) as [number, number, number];
          mirror([openedAt, failures])(ref);
          return mayPass === 1;
        },
        () => fallback.acquire(ref),
      ),

    succeeded: async (ref, latencyMs) => {
      breakers.recordSuccess(ref, latencyMs);
      await link.run((redis) => redis.del(...circuitKeys(ref)), () => 0);
    },

    failed: async (ref, error: ProviderError, keySpecific) => {
      breakers.recordFailure(ref, error, { keySpecific });
      const verdict = error.reason !== 'cancelled' && error.retryable && !keySpecific;
      await link.run(
        async (redis) => {
          const reply = (await redis.eval(
            FAILURE, 2, ...circuitKeys(ref), local.now(), local.options().breakerFailures, verdict ? 1 : 0, CIRCUIT_TTL_MS,
          )) as CircuitReply;
          mirror(reply)(ref);
        },
        () => undefined,
      );
    },

    stalled: async (ref) => {
      breakers.openForStalls(ref);
      await link.run(
        (redis) => redis.eval(OPEN, 2, ...circuitKeys(ref), local.now(), local.options().breakerFailures, CIRCUIT_TTL_MS, 0),
        () => 0,
      );
    },

    refreshCircuits: async (refs) => {
      if (refs.length === 0) return;
      await link.run(
        async (redis) => {
          const pipeline = redis.pipeline();
          for (const ref of refs) pipeline.hmget(redisKeys.circuit(ref), 'openedAt', 'failures');
          const replies = (await pipeline.exec()) ?? [];
          replies.forEach(([error, fields], i) => {
            if (error) throw error;
            const [openedAt, failures] = fields as [string | null, string | null];
            mirror([openedAt === null ? -1 : Number(openedAt), Number(failures ?? 0)])(refs[i]);
          });
        },
        () => undefined,
      );
    },

    syncKeys: async (providerId) => {
      const held = keys.keysOf(providerId);
      if (held.length === 0) return;
      await link.run(
        async (redis) => {
          const names = held.flatMap((key) => [redisKeys.cooldown(providerId, key), redisKeys.rejected(providerId, key)]);
          const values = await redis.mget(...names);
          held.forEach((key, i) => {
            const [until, rejectedAt] = [values[2 * i], values[2 * i + 1]];
            if (until !== null) keys.coolUntil(providerId, key, Number(until));
            if (rejectedAt !== null) keys.rejectedElsewhere(providerId, key, Number(rejectedAt));
          });
        },
        () => undefined,
      );
    },

    cooled: async (providerId, key, untilMs) => {
      keys.coolUntil(providerId, key, untilMs);
      if (untilMs === Infinity) {
        // Rejected: when, so that a replica whose key list changed since can forgive it (KeyPool.rejectedElsewhere).
        await link.run((redis) => redis.eval(COOL, 1, redisKeys.rejected(providerId, key), local.now(), REJECTED_TTL_MS), () => 0);
        return;
      }
      const ms = Math.ceil(untilMs - local.now());
      if (ms <= 0) return;
      await link.run((redis) => redis.eval(COOL, 1, redisKeys.cooldown(providerId, key), untilMs, ms), () => 0);
    },
  };
}
