// Team-gateway replicas run in the test's own process: a Router on the team's PostgreSQL ledger
// and a RedisState each, as `--postgres` and `--redis` open them, for tests that need to reach
// into a replica (its state, its directory) rather than through HTTP. Closed after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Router } from '../../../server/src/pipeline/router';
import { RedisState } from '../../../server/src/shared-state/redis/state';
import { openTeamMode, type TeamMode } from '../../../server/src/team/team-mode';
import { parseSettings } from '../../../shared/settings';
import type { FakeProviders } from '../../fakes/fake-providers';
import { API_KEYS, fakeSettings } from '../../integration/fixtures';
import type { RedisServer } from './redis';

export interface InProcessReplica {
  router: Router;
  team: TeamMode;
  state: RedisState;
}

/** Registers an afterEach that closes every replica opened; call it before the suite's own afterEach. */
export function useInProcessReplicas(fake: () => FakeProviders, redis: () => RedisServer): (databaseUrl: string) => Promise<InProcessReplica> {
  const opened: { team: TeamMode; state: RedisState; dir: string }[] = [];
  afterEach(async () => {
    for (const { team, state, dir } of opened.splice(0)) {
      await team.ledger.close();
      await state.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return async (databaseUrl) => {
    const dir = mkdtempSync(join(tmpdir(), 'llmr-team-replica-'));
    const state = await RedisState.connect(redis().url, () => undefined);
    const team = await openTeamMode(databaseUrl, dir, () => undefined, state);
    opened.push({ team, state, dir });
    const parsed = parseSettings(fakeSettings(fake(), { cache: { enabled: false } }));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const router = new Router(team.ledger, parsed.settings, API_KEYS, {}, Date.now, state);
    router.admission = team.admission;
    router.teamScopes = team.budgetScopes;
    return { router, team, state };
  };
}
