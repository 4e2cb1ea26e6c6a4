// A developer's daily budget across two team replicas while Redis is gone (real PostgreSQL and
// Redis): each replica falls back to its own reservations, with the spend every replica
// committed read from PostgreSQL. Without Redis a replica cannot see the requests in flight on
// the others, so each takes only its share of the room left (1/N, N the replicas it last saw
// through Redis): spend passes the limit by at most one request's maximum cost per replica.
// Before, each replica took the whole room, and concurrent requests passed it by up to N times.
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import type { Router } from '../../server/src/pipeline/router';
import { HEARTBEAT_MS } from '../../server/src/shared-state/redis/replicas';
import { ErrorCodes, type ExecuteParams, type ExecuteResult } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { PRICES } from '../integration/fixtures';
import { useInProcessReplicas } from './harness/in-process-replicas';
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
  const replica = useInProcessReplicas(fake, redis);

  afterEach(async () => {
    await redis().restart();
  });


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
