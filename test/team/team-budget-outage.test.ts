// A developer's daily budget across two team replicas while Redis is gone (real PostgreSQL and
// Redis): each replica falls back to its own reservations, with the spend every replica
// committed read from PostgreSQL. Without Redis a replica cannot see the requests in flight on
// the others, so each takes only its share of the room left (1/N, N the replicas it last saw
// through Redis): spend passes the limit by at most one request's maximum cost per replica.
// Before, each replica took the whole room, and concurrent requests passed it by up to N times.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Router } from '../../server/src/pipeline/router';
import { HEARTBEAT_MS } from '../../server/src/shared-state/redis/replicas';
import { RedisState } from '../../server/src/shared-state/redis/state';
import { openTeamMode, type TeamMode } from '../../server/src/team/team-mode';
import { ErrorCodes, type ExecuteParams, type ExecuteResult } from '../../shared/protocol';
import { parseSettings } from '../../shared/settings';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings, PRICES } from '../integration/fixtures';
import { createDatabase, usePostgres } from './harness/postgres';
import { useRedis } from './harness/redis';

const MAX_TOKENS = 16;
const REPLICAS = 2;
const CONCURRENT = 24;

describe('a developer budget across two team replicas while Redis is gone (real PostgreSQL and Redis)', function () {
  this.timeout(60_000);
  const fake = useFakeProviders();
  const postgres = usePostgres();
  const redis = useRedis();
  const opened: { team: TeamMode; state: RedisState; dir: string }[] = [];

  afterEach(async () => {
    for (const { team, state, dir } of opened.splice(0)) {
      await team.ledger.close();
      await state.close();
      rmSync(dir, { recursive: true, force: true });
    }
    await redis().restart();
  });

  async function replica(url: string): Promise<{ router: Router; team: TeamMode; state: RedisState }> {
    const dir = mkdtempSync(join(tmpdir(), 'llmr-team-budget-outage-'));
    const state = await RedisState.connect(redis().url, () => undefined);
    const team = await openTeamMode(url, dir, () => undefined, state);
    opened.push({ team, state, dir });
    const parsed = parseSettings(fakeSettings(fake(), { cache: { enabled: false } }));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const router = new Router(team.ledger, parsed.settings, API_KEYS, {}, Date.now, state);
    router.admission = team.admission;
    router.teamScopes = team.budgetScopes;
    return { router, team, state };
  }

  it('keeps a developer\'s spend within the limit plus one request\'s maximum cost per replica under 24 concurrent requests', async () => {
    const flush = new Redis(redis().url);
    await flush.flushall();
    flush.disconnect();
    const url = await createDatabase(postgres(), `team_budget_outage_${process.pid}`);
    const replicas = [await replica(url), await replica(url)];
    // Each replica learns through Redis how many replicas there are (heartbeats).
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 1.5));
    assert.deepEqual(replicas.map((r) => r.state.replicas), [REPLICAS, REPLICAS]);
    await replicas[0].team.directory.create('ana', 'core');
    const ask = (r: { router: Router }): Promise<ExecuteResult> => {
      const params: ExecuteParams = { workspaceId: 'ws', kind: 'ask', prompt: 'how do I reverse a list in python', maxTokens: MAX_TOKENS, model: 'local/big-coder', developer: 'ana', team: 'core' };
      return r.router.execute(params, { signal: new AbortController().signal });
    };
    const probe = await ask(replicas[0]);
    const cost = probe.usage.costUsd;
    const price = PRICES['local/big-coder'];
    const maxCost = (probe.usage.inputTokens * price.in + MAX_TOKENS * price.out) / 1_000_000;
    const limit = cost * 6;
    await replicas[0].team.directory.setLimits({ developer: 'ana' }, { dailyUsd: limit });

    await redis().stop();
    const settled = await Promise.allSettled(Array.from({ length: CONCURRENT }, (_, i) => ask(replicas[i % REPLICAS])));
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    assert.ok(refused.every((s) => (s.reason as { code?: number }).code === ErrorCodes.BudgetBlocked), String(refused[0]?.reason));
    assert.ok(replicas.every((r) => !r.state.connected), 'both replicas ran on local state');
    const spent = (await replicas[0].team.ledger.scopeSpend({ developer: 'ana' }, new Date())).todayUsd;
    assert.ok(spent <= limit + REPLICAS * maxCost + 1e-12, `spent ${spent} > limit ${limit} + ${REPLICAS} maximum costs ${maxCost}`);
    assert.ok(CONCURRENT * cost > limit + REPLICAS * maxCost, 'the test would catch each replica taking the whole room');
  });
});
