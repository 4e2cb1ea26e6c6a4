// Budget counters in Redis: spend per scope per local day and month, counted once across
// replicas, and the requests in flight with their maximum cost (see BudgetCounters in
// ../types.ts for the bound on overspend this gives). The ledger stays the source of truth:
// a counter missing in Redis (a new day, Redis restarted or flushed) is seeded from it.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { SpendSoFar } from '../../budget/budget';
import { localDay, localMonth } from '../../ledger/localTime';
import { LocalBudget } from '../local-budget';
import type { BudgetCounters, Reservation, ReserveResult, ScopeLimit } from '../types';
import type { RedisLink } from './link';
import { redisKeys } from './names';
import { RESERVE, SETTLE, SPEND } from './scripts';

/** A reservation whose replica died mid-request lapses after this, giving its room back. */
export const RESERVATION_TTL_MS = 5 * 60_000;
// Counters outlive their day or month a little, for requests that straddle midnight.
const DAY_TTL_S = 3 * 86_400;
const MONTH_TTL_S = 40 * 86_400;
const SEED_ATTEMPTS = 3;

export class RedisBudget implements BudgetCounters {
  /** Reservations made while Redis was away live here, and settle here. */
  private readonly local = new LocalBudget();
  private readonly localIds = new Set<string>();
  /** What requests settled locally cost, per counter key, to add when Redis returns with its data. */
  private pending = new Map<string, number>();

  constructor(private readonly link: RedisLink) {}

  async spend(limit: ScopeLimit, now: Date): Promise<SpendSoFar> {
    return this.link.run(
      async (redis) => {
        for (let attempt = 0; attempt < SEED_ATTEMPTS; attempt++) {
          const [day, month, reserved] = (await redis.eval(SPEND, 3, ...this.scopeKeys(limit.scope, now), now.getTime())) as [
            string | null,
            string | null,
            string,
          ];
          if (day !== null && month !== null) {
            const inFlight = Number(reserved) + this.local.reserved(limit.scope);
            return { todayUsd: Number(day) + inFlight, monthUsd: Number(month) + inFlight };
          }
          await this.seed(redis, limit, now);
        }
        throw new Error(`could not seed the spend counters of ${limit.scope}`);
      },
      () => this.local.spend(limit, now),
    );
  }

  async reserve(limits: readonly ScopeLimit[], maxUsd: number, now: Date, enforce: boolean): Promise<ReserveResult> {
    const id = randomUUID();
    const reservation: Reservation = { id, scopes: limits.map((l) => l.scope), day: localDay(now), month: localMonth(now), amountUsd: maxUsd };
    const viaRedis = await this.link.run(
      async (redis): Promise<ReserveResult> => {
        const keys = limits.flatMap((l) => this.scopeKeys(l.scope, now));
        const bounds = limits.flatMap((l) => [l.dailyUsd ?? '', l.monthlyUsd ?? '']);
        for (let attempt = 0; attempt < SEED_ATTEMPTS; attempt++) {
          const args = [now.getTime(), now.getTime() + RESERVATION_TTL_MS, member(reservation), maxUsd, enforce ? 1 : 0, ...bounds];
          const reply = (await redis.eval(RESERVE, keys.length, ...keys, ...args)) as [number, number?, string?, string?];
          if (reply[0] === 0) return { ok: true, reservation };
          const limit = limits[(reply[1] ?? 1) - 1];
          if (reply[0] === 2) return { ok: false, scope: limit.scope, spend: { todayUsd: Number(reply[2]), monthUsd: Number(reply[3]) } };
          await this.seed(redis, limit, now);
        }
        throw new Error('could not seed the spend counters');
      },
      () => undefined,
    );
    if (viaRedis) return viaRedis;
    const local = await this.local.reserve(limits, maxUsd, now, enforce);
    if (local.ok) this.localIds.add(local.reservation.id);
    return local;
  }

  async settle(reservation: Reservation, costUsd: number): Promise<void> {
    if (this.localIds.delete(reservation.id)) {
      await this.local.settle(reservation);
      this.remember(reservation, costUsd);
      return;
    }
    const keys = reservation.scopes.flatMap((scope) => [
      redisKeys.spendDay(scope, reservation.day),
      redisKeys.spendMonth(scope, reservation.month),
      redisKeys.inFlight(scope),
    ]);
    await this.link.run(
      (redis) => redis.eval(SETTLE, keys.length, ...keys, member(reservation), costUsd, DAY_TTL_S, MONTH_TTL_S),
      () => this.remember(reservation, costUsd),
    );
  }

  /**
   * When Redis returns: with its data kept (same epoch), add what was spent while it was
   * away to the counters that exist; with its data lost, the counters seed from the
   * ledger, which holds those requests already. Returns a sentence for the operator.
   */
  async converge(redis: Redis, dataKept: boolean): Promise<string | undefined> {
    const pending = this.pending;
    this.pending = new Map();
    if (!dataKept) return 'its data was lost: budget counters re-seed from the ledger';
    let total = 0;
    for (const [key, usd] of pending) {
      if (await redis.exists(key)) await redis.incrbyfloat(key, usd);
      total += key.includes(':day:') ? usd : 0;
    }
    return total > 0 ? `$${total.toFixed(6)} spent while it was away added to the shared counters` : undefined;
  }

  private remember(reservation: Reservation, costUsd: number): void {
    if (!(costUsd > 0)) return;
    for (const scope of reservation.scopes) {
      for (const key of [redisKeys.spendDay(scope, reservation.day), redisKeys.spendMonth(scope, reservation.month)]) {
        this.pending.set(key, (this.pending.get(key) ?? 0) + costUsd);
      }
    }
  }

  /** Sets a missing counter from the ledger's figure; SET NX, so the first replica to seed wins and none double-counts. */
  private async seed(redis: Redis, limit: ScopeLimit, now: Date): Promise<void> {
    const spend = await limit.seed();
    const [dayKey, monthKey] = this.scopeKeys(limit.scope, now);
    await redis.set(dayKey, String(spend.todayUsd), 'EX', DAY_TTL_S, 'NX');
    await redis.set(monthKey, String(spend.monthUsd), 'EX', MONTH_TTL_S, 'NX');
  }

  private scopeKeys(scope: string, now: Date): string[] {
    return [redisKeys.spendDay(scope, localDay(now)), redisKeys.spendMonth(scope, localMonth(now)), redisKeys.inFlight(scope)];
  }
}

function member(reservation: Reservation): string {
  return `${reservation.id}:${reservation.amountUsd}`;
}
