// The gateway process (dist/server.js --http) with Redis: refused at start when Redis does
// not answer (from --redis or the settings file's team.redis), and two gateway processes
// sharing one Redis share their response cache, seen through the official `openai` SDK.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess, runGatewayExpectingExit } from '../integration/gateway-process';
import { useRedis } from './harness/redis';
import { freePort as closedPort } from '../integration/free-port';

describe('gateway with --redis (real processes, real redis-server)', function () {
  this.timeout(60_000);
  const fake = useFakeProviders();
  const redis = useRedis();
  const gateways: GatewayProcess[] = [];

  afterEach(async () => {
    for (const g of gateways.splice(0)) await g.stop();
  });

  async function gateway(extra: Record<string, unknown>): Promise<OpenAI> {
    const g = await GatewayProcess.start({ settings: gatewaySettings(fake(), extra), env: gatewayEnv });
    gateways.push(g);
    assert.match(g.stderr, /shared state: redis at redis:\/\/127\.0\.0\.1:\d+/);
    assert.match(g.stderr, /warning: no --postgres: each replica keeps its own SQLite ledger/);
    return new OpenAI({ baseURL: g.url, apiKey: 'unused', maxRetries: 0 });
  }

  const ask = (client: OpenAI, content: string) =>
    client.chat.completions.create({ model: 'auto', temperature: 0, messages: [{ role: 'user', content }] });

  it('refuses to start when --redis does not answer, naming it (exit 2)', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'llmr-gw-redis-'));
    try {
      const url = `redis://127.0.0.1:${await closedPort()}`;
      const { code, stderr } = await runGatewayExpectingExit(['--http', '127.0.0.1:0', '--storage', storage, '--redis', url], gatewayEnv);
      assert.equal(code, 2);
      assert.ok(stderr.includes(`redis ${url} is unreachable`), stderr);
    } finally {
      rmSync(storage, { recursive: true, force: true });
    }
  });

  it('refuses to start when the settings file\'s team.redis does not answer', async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    await assert.rejects(
      GatewayProcess.start({ settings: gatewaySettings(fake(), { team: { redis: url } }), env: gatewayEnv }),
      (e: Error) => e.message.includes('exited (2)') && e.message.includes(`redis ${url} is unreachable`),
    );
  });

  it('answers on gateway B from the cache filled by gateway A', async () => {
    const team = { redis: redis().url };
    const a = await gateway({ team, cache: { enabled: true } });
    const b = await gateway({ team, cache: { enabled: true } });
    const first = await ask(a, 'what is a monad');
    const calls = fake().requests.length;
    const second = await ask(b, 'what is a monad');
    assert.equal(second.choices[0].message.content, first.choices[0].message.content);
    assert.equal(fake().requests.length, calls, 'B did not call a provider');
  });

  it('keeps two gateways answering while Redis restarts under load, telling the operator once each way', async () => {
    const team = { redis: redis().url };
    const clients = [await gateway({ team }), await gateway({ team })];
    let asked = 0;
    const load = async (rounds: number) => {
      for (let r = 0; r < rounds; r++) {
        await Promise.all(clients.flatMap((c) => [ask(c, `question ${asked++}`), ask(c, `question ${asked++}`)]));
      }
    };
    await load(3);
    await redis().stop();
    await load(3);
    await redis().restart();
    await load(3);
    await waitFor(() => gateways.every((g) => /is back/.test(g.stderr)));
    await load(1);
    assert.equal(asked, 40, 'every request was answered (any failure would have thrown)');
    for (const g of gateways) {
      assert.equal(g.stderr.match(/unreachable/g)?.length, 1, g.stderr);
      assert.equal(g.stderr.match(/is back/g)?.length, 1, g.stderr);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

