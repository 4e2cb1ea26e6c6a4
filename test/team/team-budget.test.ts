// A developer's daily budget (set like `admin set-limit`) held across two team-gateway
// replicas under concurrent load: PostgreSQL (the shared ledger, developers and limits) and
// Redis (the shared counters) both real; providers through the fakes and the official SDKs.
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import type { Router } from '../../server/src/pipeline/router';
import { ErrorCodes, type ExecuteParams, type ExecuteResult } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { PRICES } from '../integration/fixtures';
import { useInProcessReplicas } from './harness/in-process-replicas';
import { createDatabase, usePostgres } from './harness/postgres';
import { useRedis } from './harness/redis';

const MAX_TOKENS = 16;

describe('a developer budget across two team replicas (real PostgreSQL and Redis)', function () {
  this.timeout(60_000);
  const fake = useFakeProviders();
  const postgres = usePostgres();
  const redis = useRedis();
  const replica = useInProcessReplicas(fake, redis);



  it('keeps a developer\'s spend under 16 concurrent requests within the limit plus one request\'s maximum cost', async () => {
    const admin = new Redis(redis().url);
    await admin.flushall();
    admin.disconnect();
    const url = await createDatabase(postgres(), `team_budget_${process.pid}`);
    const [a, b] = [await replica(url), await replica(url)];
    await a.team.directory.create('ana', 'core');
    const sink = () => ({ signal: new AbortController().signal });
    const ask = (r: { router: Router }, developer: string): Promise<ExecuteResult> => {
      const params: ExecuteParams = { workspaceId: 'ws', kind: 'ask', prompt: 'how do I reverse a list in python', maxTokens: MAX_TOKENS, model: 'local/big-coder', developer, team: 'core' };
      return r.router.execute(params, sink());
    };
    const probe = await ask(a, 'probe');
    const cost = probe.usage.costUsd;
    const price = PRICES['local/big-coder'];
    const maxCost = (probe.usage.inputTokens * price.in + MAX_TOKENS * price.out) / 1_000_000;
    const limit = cost * 3;
    await a.team.directory.setLimits({ developer: 'ana' }, { dailyUsd: limit });

    const settled = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => ask(i % 2 ? a : b, 'ana')));
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    assert.ok(refused.every((s) => (s.reason as { code?: number }).code === ErrorCodes.BudgetBlocked), String(refused[0]?.reason));
    assert.ok(refused.length >= 1 && refused.length < 16, `${refused.length} of 16 refused`);
    const spent = (await a.team.ledger.scopeSpend({ developer: 'ana' }, new Date())).todayUsd;
    assert.ok(spent <= limit + maxCost + 1e-12, `spent ${spent} > limit ${limit} + one maximum cost ${maxCost}`);
    assert.ok(16 * cost > limit + maxCost, 'the test would catch a budget checked without reservations');
  });
});
