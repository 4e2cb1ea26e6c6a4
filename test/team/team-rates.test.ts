// A developer's and a team's requests per minute (set by `admin set-limit`, see team/limits.ts)
// counted once across two replicas through Redis, instead of once per replica.
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { RedisState } from '../../server/src/shared-state/redis/state';
import type { LimitScope, Limits } from '../../server/src/team/developers';
import { TeamLimits } from '../../server/src/team/limits';
import { useRedis } from './harness/redis';

describe('team rate limits shared through Redis (real redis-server)', () => {
  const redis = useRedis();
  const states: RedisState[] = [];

  beforeEach(async () => {
    const admin = new Redis(redis().url);
    await admin.flushall();
    admin.disconnect();
  });
  afterEach(async () => {
    for (const s of states.splice(0)) await s.close();
  });

  // The limits as `admin set-limit` would have stored them.
  const stored = new Map<string, Limits>([['developer:ana', { rpm: 3 }], ['team:core', { rpm: 4 }]]);
  const limitsFor = async (scopes: LimitScope[]) =>
    new Map([...stored].filter(([key]) => scopes.some((s) => ('developer' in s ? `developer:${s.developer}` : `team:${s.team}`) === key)));
  const noSpend = async () => ({ todayUsd: 0, monthUsd: 0 });

  async function replica(): Promise<TeamLimits> {
    const state = await RedisState.connect(redis().url, () => undefined);
    states.push(state);
    return new TeamLimits(limitsFor, noSpend, Date.now, state.rates);
  }

  it('refuses a developer\'s fourth request of the minute whichever replica gets it', async () => {
    const [a, b] = [await replica(), await replica()];
    const ana = { developer: 'ana' };
    assert.equal(await a.rateRefusal(ana), undefined);
    assert.equal(await b.rateRefusal(ana), undefined);
    assert.equal(await a.rateRefusal(ana), undefined);
    assert.match((await b.rateRefusal(ana)) ?? '', /developer "ana" may send 3 requests per minute/);
  });

  it('counts the team\'s requests across its developers and replicas', async () => {
    const [a, b] = [await replica(), await replica()];
    for (const [i, developer] of ['bo', 'cy', 'di', 'ed'].entries()) {
      assert.equal(await (i % 2 ? a : b).rateRefusal({ developer, team: 'core' }), undefined);
    }
    assert.match((await a.rateRefusal({ developer: 'fay', team: 'core' })) ?? '', /team "core" may send 4 requests per minute/);
  });
});
