// Revoking a developer's token while the team's shared state is unwell (real processes):
// with Redis frozen the revocation applies at once (tokens are checked in PostgreSQL, not in
// Redis), and a token revoked before PostgreSQL goes away is not served during the outage
// from the replica's memory of tokens that once resolved (it was, for the whole outage).
import assert from 'node:assert/strict';
import OpenAI, { APIError } from 'openai';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess } from '../integration/gateway-process';
import { SWEEP_EVERY_MS } from '../../server/src/team/remembered-tokens';
import { admin, createToken } from './harness/admin';
import { createDatabase, usePostgres } from './harness/postgres';
import { useRedis } from './harness/redis';

describe('team gateway: tokens revoked while Redis or PostgreSQL is away (processes)', function () {
  this.timeout(90_000);
  const fake = useFakeProviders();
  const postgres = usePostgres();
  const redis = useRedis();
  let gateway: GatewayProcess | undefined;
  let database = 0;

  afterEach(async () => {
    redis().resume();
    await postgres().start().catch(() => undefined);
    await gateway?.stop();
    gateway = undefined;
  });

  async function start(): Promise<string> {
    const url = await createDatabase(postgres(), `revocation_${process.pid}_${database++}`);
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv, extraArgs: ['--postgres', url, '--redis', redis().url] });
    return url;
  }

  /** The status a request with `token` gets (200 answered). */
  async function statusOf(token: string): Promise<number> {
    const client = new OpenAI({ baseURL: gateway!.url, apiKey: token, maxRetries: 0 });
    try {
      await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Explain closures' }] });
      return 200;
    } catch (error) {
      if (error instanceof APIError && error.status !== undefined) return error.status;
      throw error;
    }
  }

  it('refuses a token revoked while Redis is frozen from the next request on', async () => {
    const url = await start();
    const token = await createToken(url, 'alice', 'core');
    assert.equal(await statusOf(token), 200);
    redis().pause();
    assert.equal((await admin(url, 'revoke', 'alice')).code, 0);
    assert.equal(await statusOf(token), 401);
  });

  it('does not serve during a PostgreSQL outage a token revoked before it, while a live token keeps working', async () => {
    const url = await start();
    const [revoked, live] = [await createToken(url, 'bob', 'core'), await createToken(url, 'carol', 'core')];
    assert.equal(await statusOf(revoked), 200);
    assert.equal(await statusOf(live), 200);
    assert.equal((await admin(url, 'revoke', 'bob')).code, 0);
    // The revocation is not used again before the outage: only the replica's own check can learn of it.
    await new Promise((resolve) => setTimeout(resolve, SWEEP_EVERY_MS * 2));
    await postgres().stop();
    const calls = fake().requests.length;
    assert.equal(await statusOf(revoked), 503, 'cannot be checked: try again later, never served');
    assert.equal(fake().requests.length, calls, 'no provider was paid for it');
    assert.equal(await statusOf(live), 200, 'a token that resolved before the outage keeps working');
  });
});
