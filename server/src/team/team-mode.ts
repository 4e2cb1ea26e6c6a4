// A gateway in team mode: the ledger, developers and limits on PostgreSQL. Loaded only when
// --postgres (or team.postgres) is given, so a single-user gateway never loads `pg`.
import type { PrincipalResolver } from '../gateway/principal';
import { PostgresLedgerStore } from '../ledger/postgres/store';
import type { Admission } from '../pipeline/execute';
import type { Principal } from '../gateway/principal';
import { DeveloperDirectory, hashToken } from './developers';
import { TeamLimits } from './limits';

export interface TeamMode {
  ledger: PostgresLedgerStore;
  directory: DeveloperDirectory;
  limits: TeamLimits;
  /** Developer tokens -> who is calling (the gateway refuses requests without one). */
  principals: PrincipalResolver;
  /** Developer and team USD limits, checked in the pipeline so a refused request is recorded. */
  admission: Admission;
}

/** Rejects, naming PostgreSQL, when it cannot be reached or migrated. */
export async function openTeamMode(url: string, storageDir: string, log: (line: string) => void): Promise<TeamMode> {
  const ledger = await PostgresLedgerStore.open(url, { storageDir, log });
  const directory = new DeveloperDirectory(ledger.pool);
  const limits = new TeamLimits((scopes) => directory.limitsFor(scopes), (scope, now) => ledger.scopeSpend(scope, now));
  return {
    ledger,
    directory,
    limits,
    principals: principalsSurvivingOutages(directory),
    admission: (params) => limits.budgetRefusal(params),
  };
}

/**
 * Resolves each token in PostgreSQL (so a revocation applies at once); while PostgreSQL is
 * unreachable, a token that resolved before keeps its developer, so the team keeps working
 * (its requests are journaled). Unknown tokens are never remembered.
 */
function principalsSurvivingOutages(directory: DeveloperDirectory): PrincipalResolver {
  const known = new Map<string, Principal>();
  return async (token) => {
    const key = hashToken(token);
    try {
      const principal = await directory.resolve(token);
      if (principal) known.set(key, principal);
      else known.delete(key);
      return principal;
    } catch (error) {
      const remembered = known.get(key);
      if (remembered) return remembered;
      throw error;
    }
  };
}
