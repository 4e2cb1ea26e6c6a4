// Budget counters in Redis: spend per scope per local day and month, counted once across
// replicas, and the requests in flight with their maximum cost (see BudgetCounters in
// ../types.ts for the bound on overspend this gives). The ledger stays the source of truth:
// a counter missing in Redis (a new day, Redis restarted or flushed) is seeded from it.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { SpendSoFar } from '../../budget/budget';
import { localDay, localMonth } from '../../ledger/localTime';
import { LocalBudget } from '../local-budget';
import type { BudgetCounters, CounterPeriod, Reservation, ReserveResult, ScopeLimit } from '../types';
import type { RedisLink } from './link';
import { redisKeys } from './names';
import { RESERVE, SETTLE, SPEND } from './scripts';

/** Default for how long a reservation outlives its replica (one that died mid-request), giving its room back. */
export const RESERVATION_LAPSE_MS = 5 * 60_000;
// Counters outlive their day or month a little, for requests that straddle midnight.
const DAY_TTL_S = 3 * 86_400;
const MONTH_TTL_S = 40 * 86_400;
const SEED_ATTEMPTS = 3;
/** What link.run returns when Redis was not there: the caller uses local state. */
const AWAY: unique symbol = Symbol('redis away');

type SpendReply = [string | null, string | null, string];
type ReserveReply = [number, number?, string?, string?, string?];

export class RedisBudget implements BudgetCounters {
  /** Reservations made while Redis was away live here, and settle here. */
  private readonly local: LocalBudget;
  private readonly localIds = new Set<string>();
  /** What requests settled while Redis was away cost, per counter key, to add when it returns with its data. */
  private pending = new Map<string, number>();
  /** Reservations Redis holds whose settling it missed (or may have): settled again when it returns. */
  private unsettled: { reservation: Reservation; costUsd: number }[] = [];

  /** `replicas`: how many replicas shared Redis when it last answered (their heartbeats). */
  constructor(
    private readonly link: RedisLink,
    replicas: () => number = () => 1,
  ) {
    this.local = new LocalBudget(replicas);
  }

  async spend(limit: ScopeLimit, now: Date): Promise<SpendSoFar> {
    const keys = this.scopeKeys(limit.scope, now);
    for (let attempt = 0; attempt < SEED_ATTEMPTS; attempt++) {
      const reply = await this.link.run<SpendReply | typeof AWAY>((redis) => redis.eval(SPEND, 3, ...keys, now.getTime()) as Promise<SpendReply>, () => AWAY);
      if (reply === AWAY) break;
      const [day, month, reserved] = reply;
      if (day !== null && month !== null) {
        const inFlight = Number(reserved) + this.local.reserved(limit.scope);
        return { todayUsd: Number(day) + inFlight, monthUsd: Number(month) + inFlight, inFlightUsd: inFlight };
      }
      if (!(await this.seed(limit, now))) break;
    }
    return this.local.spend(limit, now);
  }

  async reserve(limits: readonly ScopeLimit[], maxUsd: number, now: Date, lapseAfterMs = RESERVATION_LAPSE_MS): Promise<ReserveResult> {
    const reservation: Reservation = {
      id: randomUUID(),
      scopes: limits.map((l) => l.scope),
      day: localDay(now),
      month: localMonth(now),
      amountUsd: maxUsd,
    };
    const keys = limits.flatMap((l) => this.scopeKeys(l.scope, now));
    const bounds = limits.flatMap((l) => (l.soft ? ['', ''] : [l.dailyUsd ?? '', l.monthlyUsd ?? '']));
    const args = [now.getTime(), now.getTime() + lapseAfterMs, member(reservation), maxUsd, ...bounds];
    for (let attempt = 0; attempt < SEED_ATTEMPTS; attempt++) {
      const reply = await this.link.run<ReserveReply | typeof AWAY>((redis) => redis.eval(RESERVE, keys.length, ...keys, ...args) as Promise<ReserveReply>, () => AWAY);
      if (reply === AWAY) break;
      if (reply[0] === 0) return { ok: true, reservation };
      const limit = limits[(reply[1] ?? 1) - 1];
      if (reply[0] === 2) {
        return { ok: false, scope: limit.scope, spend: { todayUsd: Number(reply[2]), monthUsd: Number(reply[3]), inFlightUsd: Number(reply[4] ?? 0) } };
      }
      // This scope's counter and any after it may be missing (a new day, Redis lost its data): seeding
      // them all before the next try keeps a team request (workspace, developer, team) within
      // SEED_ATTEMPTS; seeding one per try used them all up, and the request reserved locally,
      // its cost never reaching the counters just seeded without it.
      if (!(await this.seedAll(limits.slice((reply[1] ?? 1) - 1), now))) break;
    }
    const local = await this.local.reserve(limits, maxUsd, now);
    if (local.ok) this.localIds.add(local.reservation.id);
    return local;
  }

  async settle(reservation: Reservation, costUsd: number): Promise<void> {
    if (this.localIds.delete(reservation.id)) {
      await this.local.settle(reservation);
      this.remember(reservation, costUsd);
      return;
    }
    // Missed (Redis away, or too slow to answer): settled again when it returns, counted once.
    await this.link.run((redis) => this.settleInRedis(redis, reservation, costUsd), () => void this.unsettled.push({ reservation, costUsd }));
  }

  /**
   * Drops these counters: the next request on each scope seeds it from the ledger. Nothing to
   * do while Redis is away: it returns with its data lost (seeded again anyway) or kept (this
   * replica's local spend is added then, see converge).
   */
  async recount(counters: readonly CounterPeriod[]): Promise<void> {
    const keys = [...new Set(counters.flatMap((c) => [redisKeys.spendDay(c.scope, c.day), redisKeys.spendMonth(c.scope, c.month)]))];
    if (keys.length === 0) return;
    await this.link.run((redis) => redis.del(...keys), () => undefined);
  }

  /**
   * When Redis returns: with its data kept (same epoch), settle what it missed (once: see
   * SETTLE) and add what was spent on local reservations to the counters that exist; with its
   * data lost, the counters seed from the ledger, which holds those requests already.
   * Returns a sentence for the operator.
   */
  async converge(redis: Redis, dataKept: boolean): Promise<string | undefined> {
    const [pending, unsettled] = [this.pending, this.unsettled];
    this.pending = new Map();
    this.unsettled = [];
    if (!dataKept) return 'its data was lost: budget counters re-seed from the ledger';
    for (const { reservation, costUsd } of unsettled) await this.settleInRedis(redis, reservation, costUsd);
    let total = 0;
    for (const [key, usd] of pending) {
      if (await redis.exists(key)) await redis.incrbyfloat(key, usd);
      if (key.includes(':day:')) total += usd;
    }
    return total > 0 ? `$${total.toFixed(6)} spent on local reservations while it was away added to the shared counters` : undefined;
  }

  private settleInRedis(redis: Redis, reservation: Reservation, costUsd: number): Promise<unknown> {
    const keys = [
      redisKeys.settled(reservation.id),
      ...reservation.scopes.flatMap((scope) => [
        redisKeys.spendDay(scope, reservation.day),
        redisKeys.spendMonth(scope, reservation.month),
        redisKeys.inFlight(scope),
      ]),
    ];
    return redis.eval(SETTLE, keys.length, ...keys, member(reservation), costUsd, DAY_TTL_S, MONTH_TTL_S, DAY_TTL_S);
  }

  private remember(reservation: Reservation, costUsd: number): void {
    if (!(costUsd > 0)) return;
    for (const scope of reservation.scopes) {
      for (const key of [redisKeys.spendDay(scope, reservation.day), redisKeys.spendMonth(scope, reservation.month)]) {
        this.pending.set(key, (this.pending.get(key) ?? 0) + costUsd);
      }
    }
  }

  /** Seeds each scope's counters that are missing (SET NX leaves the others); false when Redis went away meanwhile. */
  private async seedAll(limits: readonly ScopeLimit[], now: Date): Promise<boolean> {
    for (const limit of limits) {
      if (!(await this.seed(limit, now))) return false;
    }
    return true;
  }

  /**
   * Sets a missing counter from the ledger's figure; SET NX, so the first replica to seed wins
   * and none double-counts. The ledger is read outside link.run: its failure is not Redis's.
   * False when Redis went away meanwhile.
   */
  private async seed(limit: ScopeLimit, now: Date): Promise<boolean> {
    const spend = await limit.seed();
    const [dayKey, monthKey] = this.scopeKeys(limit.scope, now);
    return this.link.run(
      async (redis) => {
        await redis.set(dayKey, String(spend.todayUsd), 'EX', DAY_TTL_S, 'NX');
        await redis.set(monthKey, String(spend.monthUsd), 'EX', MONTH_TTL_S, 'NX');
        return true;
      },
      () => false,
    );
  }

  private scopeKeys(scope: string, now: Date): string[] {
    return [redisKeys.spendDay(scope, localDay(now)), redisKeys.spendMonth(scope, localMonth(now)), redisKeys.inFlight(scope)];
  }
}

function member(reservation: Reservation): string {
  return `${reservation.id}:${reservation.amountUsd}`;
}
