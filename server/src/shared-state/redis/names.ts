// Every key this project writes in Redis, in one place, under one prefix.
import { createHash } from 'node:crypto';

const PREFIX = 'llmr:';

export const redisKeys = {
  /** A random value set once per Redis data set: a different one after an outage means Redis lost its data. */
  epoch: `${PREFIX}epoch`,
  /** HASH { failures, openedAt } of one model ref's circuit. */
  circuit: (ref: string) => `${PREFIX}circuit:${ref}`,
  /** Held (SET NX PX) by the one caller probing a half-open circuit. */
  probe: (ref: string) => `${PREFIX}probe:${ref}`,
  /** Until when (epoch ms) a provider key rests; the key itself is never stored, only a digest of it. */
  cooldown: (providerId: string, key: string) => `${PREFIX}cool:${providerId}:${keyDigest(key)}`,
  /** When (epoch ms) the provider last rejected a key (401/403); again only a digest of the key. */
  rejected: (providerId: string, key: string) => `${PREFIX}rejected:${providerId}:${keyDigest(key)}`,
  /** Spend in USD (a float string) of a scope on a local day (YYYY-MM-DD) or month (YYYY-MM). */
  spendDay: (scope: string, day: string) => `${PREFIX}spend:${scope}:day:${day}`,
  spendMonth: (scope: string, month: string) => `${PREFIX}spend:${scope}:month:${month}`,
  /** ZSET of a scope's reservations in flight: member `id:amountUsd`, score = when it lapses (epoch ms). */
  inFlight: (scope: string) => `${PREFIX}inflight:${scope}`,
  /** Set once a reservation is settled, so a settle repeated after an outage counts nothing. */
  settled: (reservationId: string) => `${PREFIX}settled:${reservationId}`,
  /** Requests of a scope in one minute (epoch minutes). */
  rate: (scope: string, minute: number) => `${PREFIX}rate:${scope}:${minute}`,
  /** ZSET of the replicas alive: member a random id per process, score = its last heartbeat (epoch ms). */
  replicas: `${PREFIX}replicas`,
  /** A cached answer (JSON), expiring with its TTL. */
  cache: (key: string) => `${PREFIX}cache:${key}`,
};

/** 16 hex digits of sha256: enough to tell a provider's keys apart, useless to call it with. */
function keyDigest(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
