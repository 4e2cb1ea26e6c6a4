// The limits `admin set-limit` puts on a developer and on their team: USD per local day and
// month, checked before each request against the spend the ledger (or, with shared counters,
// whatever `spendOf` reads) has for that scope; and requests per minute, counted here.
//
// How far a limit can be overshot: a request is admitted while its scope's spend is below
// the limit, and its cost is known only once it is answered, so concurrent requests admitted
// together can pass the limit by at most the cost of the requests in flight at that moment.
import type { ExecuteParams } from '../../../shared/protocol';
import type { Spend } from '../ledger/types';
import type { Principal } from '../gateway/principal';
import { scopeKey, type LimitScope, type Limits } from './developers';
import type { RateLimiter } from '../shared-state/types';

/** Spend of a developer or a team today and this month: the ledger's (PostgresLedgerStore.scopeSpend) or shared counters'. */
export type SpendOf = (scope: LimitScope, now: Date) => Promise<Spend>;
export type LimitsFor = (scopes: LimitScope[]) => Promise<Map<string, Limits>>;

const MINUTE_MS = 60_000;

export interface ScopeBudget {
  name: string;
  spend: Spend;
  limits: Limits;
}

export interface TeamBudgetStatus {
  developer: ScopeBudget;
  team?: ScopeBudget;
}

export class TeamLimits {
  /** Start times of this replica's recent requests per scope, for requests per minute. */
  private readonly recent = new Map<string, number[]>();
  /** The limits last read per scope key: they stand while PostgreSQL is unreachable. */
  private readonly lastLimits = new Map<string, Limits | undefined>();

  constructor(
    private readonly readLimits: LimitsFor,
    private readonly spendOf: SpendOf,
    private readonly now: () => number = Date.now,
    /** Shared counters (Redis) for requests per minute; without them, this replica's own window below. */
    private readonly rates?: RateLimiter,
  ) {}

  /** Why the request must be refused for its developer's or team's USD limits, or undefined to admit it. */
  async budgetRefusal(params: Pick<ExecuteParams, 'developer' | 'team'>, known?: Map<string, Limits>): Promise<string | undefined> {
    if (params.developer === undefined) return undefined;
    const scopes = scopesOf({ developer: params.developer, team: params.team });
    const limits = known ?? (await this.limitsFor(scopes));
    const now = new Date(this.now());
    for (const scope of scopes) {
      const limit = limits.get(scopeKey(scope));
      if (!limit || (limit.dailyUsd === undefined && limit.monthlyUsd === undefined)) continue;
      const spend = await this.spendOf(scope, now);
      const who = describe(scope);
      if (limit.dailyUsd !== undefined && spend.todayUsd >= limit.dailyUsd) {
        return `Budget exceeded: ${who} spent $${spend.todayUsd.toFixed(4)} today of a daily limit of $${limit.dailyUsd}`;
      }
      if (limit.monthlyUsd !== undefined && spend.monthUsd >= limit.monthlyUsd) {
        return `Budget exceeded: ${who} spent $${spend.monthUsd.toFixed(4)} this month of a monthly limit of $${limit.monthlyUsd}`;
      }
    }
    return undefined;
  }

  /** What the caller's status bar shows on a team gateway: their spend and limits, and their team's. */
  async status(principal: Principal): Promise<TeamBudgetStatus> {
    const scopes = scopesOf(principal);
    const limits = await this.limitsFor(scopes);
    const now = new Date(this.now());
    const [developer, team] = await Promise.all(scopes.map(async (scope) => ({ spend: await this.spendOf(scope, now), limits: limits.get(scopeKey(scope)) ?? {} })));
    return { developer: { name: principal.developer, ...developer }, ...(team && principal.team !== undefined ? { team: { name: principal.team, ...team } } : {}) };
  }

  /**
   * Why the request must wait for its developer's or team's requests-per-minute limit, or
   * undefined (and it is counted). Counted by this replica: with N replicas behind a
   * balancer, shared counters (Redis) make it one limit.
   */
  async rateRefusal(principal: Principal): Promise<string | undefined> {
    const scopes = scopesOf(principal);
    const limits = await this.limitsFor(scopes);
    const now = this.now();
    if (this.rates) {
      for (const scope of scopes) {
        const rpm = limits.get(scopeKey(scope))?.rpm;
        if (rpm !== undefined && !(await this.rates.take(scopeKey(scope), rpm, now))) {
          return `Rate limit: ${describe(scope)} may send ${rpm} requests per minute`;
        }
      }
      return undefined;
    }
    for (const scope of scopes) {
      const rpm = limits.get(scopeKey(scope))?.rpm;
      if (rpm === undefined) continue;
      const recent = this.window(scopeKey(scope), now);
      if (recent.length >= rpm) return `Rate limit: ${describe(scope)} may send ${rpm} requests per minute`;
    }
    for (const scope of scopes) this.window(scopeKey(scope), now).push(now);
    return undefined;
  }

  /** The scopes' limits; while they cannot be read, the last ones read (degrade, don't fail). Also read for budget reservations. */
  async limitsFor(scopes: LimitScope[]): Promise<Map<string, Limits>> {
    try {
      const limits = await this.readLimits(scopes);
      for (const scope of scopes) this.lastLimits.set(scopeKey(scope), limits.get(scopeKey(scope)));
      return limits;
    } catch {
      const known = new Map<string, Limits>();
      for (const scope of scopes) {
        const limits = this.lastLimits.get(scopeKey(scope));
        if (limits) known.set(scopeKey(scope), limits);
      }
      return known;
    }
  }

  private window(key: string, now: number): number[] {
    const kept = (this.recent.get(key) ?? []).filter((t) => t > now - MINUTE_MS);
    this.recent.set(key, kept);
    return kept;
  }
}

export function scopesOf(principal: Principal): LimitScope[] {
  return [{ developer: principal.developer }, ...(principal.team === undefined ? [] : [{ team: principal.team }])];
}

function describe(scope: LimitScope): string {
  return 'developer' in scope ? `developer "${scope.developer}"` : `team "${scope.team}"`;
}
