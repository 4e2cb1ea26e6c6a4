// A developer's and a team's spend with the limits set for them, for the caller's usage on a
// team gateway (GET /v1/router/usage): read from the team's ledger and developer directory.
import type { HistoryEntry, ScopeSpend } from '../../../shared/protocol';
import { budgetStatus } from '../budget/budget';
import { roundUsd } from '../ledger/round-usd';
import type { Spend } from '../ledger/types';
import { scopeKey, type Limits, type LimitScope } from '../team/developers';

/** Where a team gateway keeps spend and limits per developer and team (team/team-mode.ts). */
export interface ScopeReader {
  spend(scope: LimitScope, now: Date): Promise<Spend>;
  limits(scopes: LimitScope[]): Promise<Map<string, Limits>>;
  /** The developer's latest requests in every workspace and on every machine (the team ledger's). */
  history?(developer: string, limit: number): Promise<HistoryEntry[]>;
}

/** The scope's spend today and this month, with its limits as a budget status (a limit blocks when reached). */
export async function scopeFigures(reader: ScopeReader, scope: LimitScope, warnAtPercent: number, now: Date): Promise<ScopeSpend> {
  const [spend, limits] = await Promise.all([reader.spend(scope, now), reader.limits([scope])]);
  const limit = limits.get(scopeKey(scope)) ?? {};
  const budget = { dailyUsd: limit.dailyUsd, monthlyUsd: limit.monthlyUsd, onExceed: 'block' as const, warnAtPercent };
  const { state } = budgetStatus(budget, { todayUsd: spend.todayUsd, monthUsd: spend.monthUsd });
  return {
    name: 'developer' in scope ? scope.developer : scope.team,
    today: { costUsd: roundUsd(spend.todayUsd) },
    month: { costUsd: roundUsd(spend.monthUsd) },
    budget: {
      ...(limit.dailyUsd === undefined ? {} : { dailyUsd: limit.dailyUsd }),
      ...(limit.monthlyUsd === undefined ? {} : { monthlyUsd: limit.monthlyUsd }),
      onExceed: 'block',
      state,
    },
  };
}
