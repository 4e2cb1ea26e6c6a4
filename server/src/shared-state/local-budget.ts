// Budget counters of one process: spend comes from the ledger (the source of truth), and
// requests in flight reserve their maximum cost here, so concurrent requests of this process
// see each other. Used in-process, and by a replica while Redis is unreachable: then the
// requests in flight on the other replicas are out of sight, so each of the N replicas takes
// only 1/N of the room the ledger's spend leaves (its reservations count N times), and spend
// passes a limit by at most one request's maximum cost per replica, instead of each replica
// filling the whole room (N times the room in the worst case).
import { randomUUID } from 'node:crypto';
import type { SpendSoFar } from '../budget/budget';
import { localDay, localMonth } from '../ledger/localTime';
import { noRoom } from './admission';
import type { BudgetCounters, Reservation, ReserveResult, ScopeLimit } from './types';

export class LocalBudget implements BudgetCounters {
  private readonly inFlight = new Map<string, Reservation>();

  /** `replicas`: how many replicas share the limits (1 in-process; with Redis away, how many it last saw). */
  constructor(private readonly replicas: () => number = () => 1) {}

  async spend(limit: ScopeLimit, _now: Date): Promise<SpendSoFar> {
    return this.withReserved(limit.scope, await limit.seed());
  }

  async reserve(limits: readonly ScopeLimit[], maxUsd: number, now: Date): Promise<ReserveResult> {
    // Only a hard scope with a limit can refuse a paid request: only its spend is read (the
    // ledger query runs before every request otherwise, for scopes that can never say no).
    const checked = maxUsd > 0 ? limits.filter(canRefuse) : [];
    const seeds = checked.length === 0 ? [] : await Promise.all(checked.map((limit) => limit.seed()));
    // From here on no await: the check and the reservation are one step for this process.
    const share = Math.max(1, this.replicas());
    for (const [i, limit] of checked.entries()) {
      const spend = this.withReserved(limit.scope, seeds[i], share);
      if (noRoom(limit, spend)) return { ok: false, scope: limit.scope, spend };
    }
    const reservation = { id: randomUUID(), scopes: limits.map((l) => l.scope), day: localDay(now), month: localMonth(now), amountUsd: maxUsd };
    this.inFlight.set(reservation.id, reservation);
    return { ok: true, reservation };
  }

  async settle(reservation: Reservation): Promise<void> {
    // The cost is in the ledger by now, where spend() reads it.
    this.inFlight.delete(reservation.id);
  }

  /** What this process has reserved on `scope` in flight. */
  reserved(scope: string): number {
    let sum = 0;
    for (const r of this.inFlight.values()) if (r.scopes.includes(scope)) sum += r.amountUsd;
    return sum;
  }

  private withReserved(scope: string, spend: SpendSoFar, share = 1): SpendSoFar {
    const reserved = this.reserved(scope) * share;
    return { todayUsd: spend.todayUsd + reserved, monthUsd: spend.monthUsd + reserved, inFlightUsd: reserved };
  }
}

function canRefuse(limit: ScopeLimit): boolean {
  return !limit.soft && (limit.dailyUsd !== undefined || limit.monthlyUsd !== undefined);
}
