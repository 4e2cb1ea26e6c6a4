// Budget counters of one process: spend comes from the ledger (the source of truth), and
// requests in flight reserve their maximum cost here, so concurrent requests of this process
// see each other. Used in-process, and by a replica while Redis is unreachable: then the
// requests in flight on the other replicas are out of sight, so each of the N replicas takes
// only 1/N of the room the ledger's spend leaves (its reservations count N times), and spend
// passes a limit by at most one request's maximum cost per replica, instead of each replica
// filling the whole room (N times the room in the worst case). A scope other processes admit
// requests on too (the all-workspaces budget of several windows) is checked and reserved on
// their shared file as well (ScopeLimit.crossProcess), counting their requests in flight.
import { randomUUID } from 'node:crypto';
import type { SpendSoFar } from '../budget/budget';
import { localDay, localMonth } from '../ledger/localTime';
import { noRoom } from './admission';
import type { BudgetCounters, CrossProcessReservations, Reservation, ReserveResult, ScopeLimit } from './types';

/** When a request's reservation lapses if nobody settles it and none is given (its process lives on). */
const DEFAULT_LAPSE_MS = 60 * 60_000;

export class LocalBudget implements BudgetCounters {
  private readonly inFlight = new Map<string, Reservation>();
  /** Where each request in flight also reserved outside this process. */
  private readonly shared = new Map<string, CrossProcessReservations[]>();

  /** `replicas`: how many replicas share the limits (1 in-process; with Redis away, how many it last saw). */
  constructor(private readonly replicas: () => number = () => 1) {}

  async spend(limit: ScopeLimit, _now: Date): Promise<SpendSoFar> {
    return this.withReserved(limit.scope, await limit.seed());
  }

  async reserve(limits: readonly ScopeLimit[], maxUsd: number, now: Date, lapseAfterMs = DEFAULT_LAPSE_MS): Promise<ReserveResult> {
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
    const refused = this.reserveAcrossProcesses(reservation.id, checked, maxUsd, lapseAfterMs, now, share);
    if (refused) return refused;
    this.inFlight.set(reservation.id, reservation);
    return { ok: true, reservation };
  }

  async settle(reservation: Reservation): Promise<void> {
    // The cost is in the ledger by now, where spend() reads it.
    this.inFlight.delete(reservation.id);
    for (const shared of this.shared.get(reservation.id) ?? []) shared.release(reservation.id);
    this.shared.delete(reservation.id);
  }

  /**
   * The scopes other processes admit on too, checked again counting their requests in flight
   * and reserved there (still no await: one step for this process too). A file locked past its
   * busy timeout leaves the scope to this process's own check, as it was before. Returns the
   * refusal, after releasing what was reserved on other scopes, or undefined when all fit.
   */
  private reserveAcrossProcesses(id: string, checked: readonly ScopeLimit[], maxUsd: number, lapseAfterMs: number, now: Date, share: number): ReserveResult | undefined {
    const made: CrossProcessReservations[] = [];
    for (const limit of checked) {
      const shared = limit.crossProcess;
      if (!shared) continue;
      const result = shared.reserve(id, maxUsd, lapseAfterMs, now, (spend) => !noRoom(limit, this.withReserved(limit.scope, spend, share)));
      if (result === 'busy') continue;
      if (!result.reserved) {
        for (const other of made) other.release(id);
        return { ok: false, scope: limit.scope, spend: this.withReserved(limit.scope, result.spend, share) };
      }
      made.push(shared);
    }
    if (made.length > 0) this.shared.set(id, made);
    return undefined;
  }

  /** What this process has reserved on `scope` in flight. */
  reserved(scope: string): number {
    let sum = 0;
    for (const r of this.inFlight.values()) if (r.scopes.includes(scope)) sum += r.amountUsd;
    return sum;
  }

  /** `spend` may already count requests in flight elsewhere (other processes' reservations): they stay in flight. */
  private withReserved(scope: string, spend: SpendSoFar, share = 1): SpendSoFar {
    const reserved = this.reserved(scope) * share;
    return { todayUsd: spend.todayUsd + reserved, monthUsd: spend.monthUsd + reserved, inFlightUsd: (spend.inFlightUsd ?? 0) + reserved };
  }
}

function canRefuse(limit: ScopeLimit): boolean {
  return !limit.soft && (limit.dailyUsd !== undefined || limit.monthlyUsd !== undefined);
}
