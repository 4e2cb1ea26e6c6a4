// The state N gateway replicas must share to act as one: circuit breakers, key cooldowns,
// budget counters with in-flight reservations, request rates and the response cache.
// One seam, two implementations: in-process (one laptop, the stdio server: the default) and
// Redis (`--redis URL`). The Router and Resilience get one by constructor; nothing else in the
// pipeline knows which one runs.
import type { SpendSoFar } from '../budget/budget';
import type { CachedResponse } from '../ledger/types';
import type { ProviderError } from '../providers/errors';
import type { BreakerRegistry } from '../resilience/breaker';
import type { KeyPool } from '../resilience/keys';

export interface SharedState {
  /** "in-process" or "redis at redis://…" (no password): for logs and health. */
  readonly description: string;
  /** Binds breakers and key cooldowns to this process's registry and pool (which stay the synchronous view). */
  resilience(local: LocalResilience): ResilienceState;
  readonly budget: BudgetCounters;
  readonly rates: RateLimiter;
  /** Undefined: the ledger's own cache table serves (in-process). */
  readonly cache?: SharedCache;
  close(): Promise<void>;
}

export interface LocalResilience {
  breakers: BreakerRegistry;
  keys: KeyPool;
  /** The breaker's settings as they are now (they change with the settings). */
  options: () => { breakerFailures: number; breakerHalfOpenAfterMs: number; timeoutMs: number };
  now: () => number;
}

/**
 * What a request's fallback walk asks of breakers and keys. Shared: a breaker opened by one
 * replica is open for all and its half-open probe is taken by one caller across all of them;
 * a key cooled down by one rests for all. Every method settles quickly, also with Redis gone.
 */
export interface ResilienceState {
  /** May `ref` be called now? closed: yes; open: no; half-open: yes for exactly one caller until it is recorded. */
  acquire(ref: string): Promise<boolean>;
  succeeded(ref: string, latencyMs: number): Promise<void>;
  failed(ref: string, error: ProviderError, keySpecific: boolean): Promise<void>;
  /** Calls of `ref` stalled past their first-byte deadline (see resilience/stalls.ts): open it. */
  stalled(ref: string): Promise<void>;
  /** Brings the circuits of `refs` as all replicas see them into the local registry (selection, health). */
  refreshCircuits(refs: readonly string[]): Promise<void>;
  /** Brings cooldowns other replicas set on `providerId`'s keys into the local pool, before a pick. */
  syncKeys(providerId: string): Promise<void>;
  /**
   * `key` rests until `untilMs` (epoch ms). Infinity: the provider rejected it; every replica
   * skips it until its own key list changes (KeyPool.rejectedElsewhere).
   */
  cooled(providerId: string, key: string, untilMs: number): Promise<void>;
}

/** One budget scope's limits: `workspace:<id>`, `developer:<name>` or `team` (TEAM.md contract 2). */
export interface ScopeLimit {
  scope: string;
  dailyUsd?: number;
  monthlyUsd?: number;
  /** The scope's spend as the ledger (the source of truth) has it, to seed a missing counter. */
  seed: () => SpendSoFar | Promise<SpendSoFar>;
  /** Counted and reserved on, never refused (a workspace budget with onExceed warn or downgrade). */
  soft?: boolean;
  /**
   * Other processes admit requests on this scope too (the all-workspaces budget: every window on
   * one ledger file): its check and reservation are made there as well, counting theirs.
   */
  crossProcess?: CrossProcessReservations;
}

/** A scope's requests in flight as every process on one ledger file sees them (ledger/reservations.ts). */
export interface CrossProcessReservations {
  /**
   * One step for all processes: the scope's spend with what the other processes reserved goes
   * to `fits`; when it fits, `amountUsd` is reserved under `id`. 'busy': the file was locked
   * past the busy timeout; nothing was reserved there.
   */
  reserve(id: string, amountUsd: number, lapseAfterMs: number, now: Date, fits: (spend: SpendSoFar) => boolean): { reserved: boolean; spend: SpendSoFar } | 'busy';
  /** The request ended and was recorded. */
  release(id: string): void;
}

export interface Reservation {
  readonly id: string;
  readonly scopes: readonly string[];
  readonly day: string;
  readonly month: string;
  readonly amountUsd: number;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  /** `scope` has no room left once the spend and the requests in flight are counted. */
  | { ok: false; scope: string; spend: SpendSoFar };

/**
 * Spend per scope per local day and month, counted once across replicas, plus the maximum
 * cost of every request in flight. The bound on overspend: a request is admitted while a
 * scope's spend plus what is reserved in flight is under its limit, and reserves its maximum
 * cost atomically with that check. So the last request admitted saw every other in flight,
 * and spend can pass a limit by at most ONE request's maximum cost, however many run
 * concurrently on however many replicas (without the reservations it would be every request
 * in flight times its maximum cost). The maximum is the prompt plus the longest answer allowed
 * on the dearest candidate (pipeline/budget-reservation.ts); a request costs more only by
 * failed attempts its provider billed (a stream broken off before a fallback).
 * While Redis is unreachable each replica reserves locally: add the maximum cost of the
 * requests in flight on the other replicas.
 */
export interface BudgetCounters {
  /** Spend of `limit.scope` today and this month, with what is reserved in flight added. */
  spend(limit: ScopeLimit, now: Date): Promise<SpendSoFar>;
  /**
   * Reserves `maxUsd` on every scope; refused when a scope that is not soft has no room left.
   * `lapseAfterMs`: the longest the request can run; a reservation whose replica died gives
   * its room back after it (a local one dies with its process).
   */
  reserve(limits: readonly ScopeLimit[], maxUsd: number, now: Date, lapseAfterMs?: number): Promise<ReserveResult>;
  /** The request ended (after its ledger row is written): the reservation goes, `costUsd` is counted. */
  settle(reservation: Reservation, costUsd: number): Promise<void>;
  /**
   * Requests reached the ledger late (a journal written once PostgreSQL answered again): these
   * counters are dropped, to seed again from the ledger, which now holds them. Counters kept
   * only in this process read the ledger each time and have nothing to drop.
   */
  recount?(counters: readonly CounterPeriod[]): Promise<void>;
}

/** One scope's counters on a local day (YYYY-MM-DD) and month (YYYY-MM). */
export interface CounterPeriod {
  scope: string;
  day: string;
  month: string;
}

/** Requests per minute per scope, fixed one-minute windows. */
export interface RateLimiter {
  /** Counts one request; false when `scope` already made `perMinute` this minute. */
  take(scope: string, perMinute: number, now: number): Promise<boolean>;
}

export interface SharedCache {
  get(key: string, now: number): Promise<CachedResponse | undefined>;
  put(key: string, value: CachedResponse, ttlMs: number): Promise<void>;
}
