// A gateway in team mode: the ledger, developers and limits on PostgreSQL. Loaded only when
// --postgres (or team.postgres) is given, so a single-user gateway never loads `pg`.
import type { PrincipalResolver } from '../gateway/principal';
import { PostgresLedgerStore } from '../ledger/postgres/store';
import type { Admission } from '../pipeline/execute';
import type { RequestRecord } from '../ledger/types';
import { DeveloperDirectory, scopeKey, type Limits } from './developers';
import { countersOf } from './late-counters';
import { principalsSurvivingOutages } from './remembered-tokens';
import { scopesOf, TeamLimits } from './limits';
import type { ScopeLimit, SharedState } from '../shared-state/types';
import type { ExecuteParams } from '../../../shared/protocol';

export interface TeamMode {
  ledger: PostgresLedgerStore;
  directory: DeveloperDirectory;
  limits: TeamLimits;
  /** Developer tokens -> who is calling (the gateway refuses requests without one). */
  principals: PrincipalResolver;
  /** Developer and team USD limits, checked in the pipeline so a refused request is recorded. */
  admission: Admission;
  /** The developer's and team's budget scopes with their USD limits, on which a request reserves its maximum cost (shared-state/). */
  budgetScopes: (params: ExecuteParams) => Promise<ScopeLimit[]>;
}

/** Rejects, naming PostgreSQL, when it cannot be reached or migrated. */
export async function openTeamMode(url: string, storageDir: string, log: (line: string) => void, shared?: SharedState): Promise<TeamMode> {
  // Requests journaled while PostgreSQL was away reach it late (a dead replica's journal at this
  // start included): shared counters seeded meanwhile lack them.
  const recount = shared?.budget.recount?.bind(shared.budget);
  const onReplayed = recount && ((records: readonly RequestRecord[]) => recount(countersOf(records)));
  const ledger = await PostgresLedgerStore.open(url, { storageDir, log, onReplayed });
  const directory = new DeveloperDirectory(ledger.pool, (call) => ledger.guarded(call));
  // With shared state (Redis), requests per minute are counted once across replicas.
  const limits = new TeamLimits((scopes) => directory.limitsFor(scopes), (scope, now) => ledger.scopeSpend(scope, now), Date.now, shared?.rates);
  // A request's budget scopes and its admission read the same limits: read once per request
  // (the same ExecuteParams object), not once per question, and a limit set by `admin` applies
  // from the next request on.
  const perRequest = new WeakMap<ExecuteParams, Promise<Map<string, Limits>>>();
  const limitsOfRequest = (params: ExecuteParams): Promise<Map<string, Limits>> => {
    let found = perRequest.get(params);
    if (!found) {
      found = params.developer === undefined ? Promise.resolve(new Map()) : limits.limitsFor(scopesOf({ developer: params.developer, team: params.team }));
      perRequest.set(params, found);
    }
    return found;
  };
  return {
    ledger,
    directory,
    limits,
    principals: principalsSurvivingOutages(directory),
    admission: async (params) => limits.budgetRefusal(params, await limitsOfRequest(params)),
    budgetScopes: async (params) => {
      if (params.developer === undefined) return [];
      const scopes = scopesOf({ developer: params.developer, team: params.team });
      const found = await limitsOfRequest(params);
      return scopes.map((scope) => {
        const { dailyUsd, monthlyUsd } = found.get(scopeKey(scope)) ?? {};
        return { scope: scopeKey(scope), dailyUsd, monthlyUsd, seed: () => ledger.scopeSpend(scope, new Date()) };
      });
    },
  };
}
