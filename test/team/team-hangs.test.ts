// Dependencies that hang instead of failing, under a running team gateway (a real process on
// real PostgreSQL and Redis): Redis frozen (SIGSTOP: it accepts and never answers), PostgreSQL
// frozen (the server and every backend), and another session holding an ACCESS EXCLUSIVE lock
// on the ledger's table. While the dependency hangs, each request is answered, GET /v1/models
// and GET /v1/router/usage answer, every paid answer reaches the ledger (through the journal
// when PostgreSQL hangs), and the operator is told once on stderr. The wait is bounded: each
// call below must settle while the dependency is still frozen (HANG_BUDGET_MS each, far below
// the hang itself, which lasts until the test ends it).
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { Client, Pool } from 'pg';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess } from '../integration/gateway-process';
import { createToken } from './harness/admin';
import { createDatabase, usePostgres } from './harness/postgres';
import { useRedis } from './harness/redis';

/** Longest a call may take while a dependency hangs: a few of the gateway's own bounded waits, never the hang's length. */
const HANG_BUDGET_MS = 12_000;

describe('team gateway when PostgreSQL or Redis hangs instead of failing (processes)', function () {
  this.timeout(120_000);
  const fake = useFakeProviders();
  const postgres = usePostgres();
  const redis = useRedis();
  let gateway: GatewayProcess | undefined;
  let database = 0;

  afterEach(async () => {
    redis().resume();
    postgres().resume();
    await gateway?.stop();
    gateway = undefined;
  });

  async function start(): Promise<{ url: string; token: string; client: OpenAI }> {
    const url = await createDatabase(postgres(), `hangs_${process.pid}_${database++}`);
    const token = await createToken(url, 'alice', 'core');
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv, extraArgs: ['--postgres', url, '--redis', redis().url] });
    const client = new OpenAI({ baseURL: gateway.url, apiKey: token, maxRetries: 0, timeout: 60_000 });
    // Warm, as a developer's editor would be: a request (the token, limits and spend read once) and its status bar's usage.
    await ask(client, 0);
    assert.equal((await fetch(`${gateway.url}/router/usage`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    return { url, token, client };
  }

  const ask = (client: OpenAI, n: number) =>
    client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: `Explain closures, take ${n}` }] });

  /** Runs `call` and returns how long it took, failing if it takes longer than HANG_BUDGET_MS. */
  async function bounded<T>(what: string, call: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const result = await call();
    const took = Date.now() - started;
    assert.ok(took < HANG_BUDGET_MS, `${what} took ${took} ms while the dependency hung`);
    return result;
  }

  async function whileHung(client: OpenAI, token: string, answers: number): Promise<void> {
    for (let n = 1; n <= answers; n++) {
      const answer = await bounded(`request ${n}`, () => ask(client, n));
      assert.ok(answer.choices[0].message.content, 'answered');
    }
    const headers = { authorization: `Bearer ${token}` };
    const models = await bounded('GET /v1/models', () => fetch(`${gateway!.url}/models`, { headers }));
    assert.equal(models.status, 200);
    const usage = await bounded('GET /v1/router/usage', () => fetch(`${gateway!.url}/router/usage`, { headers }));
    assert.equal(usage.status, 200, await usage.clone().text());
  }

  async function rowsOf(url: string, expected: number): Promise<number> {
    const pool = new Pool({ connectionString: url });
    try {
      const deadline = Date.now() + 30_000;
      let n = 0;
      while (Date.now() < deadline) {
        n = (await pool.query("SELECT COUNT(*)::int AS n FROM requests WHERE developer = 'alice' AND outcome = 'ok'")).rows[0].n;
        if (n >= expected) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      return n;
    } finally {
      await pool.end();
    }
  }

  it('answers every request while Redis is frozen, says so once, and records each answer', async () => {
    const { url, token, client } = await start();
    redis().pause();
    await whileHung(client, token, 3);
    assert.equal(gateway!.stderr.match(/redis \S+ unreachable/g)?.length, 1, gateway!.stderr);
    redis().resume();
    assert.equal(await rowsOf(url, 4), 4);
    await waitFor(() => /redis \S+ is back/.test(gateway!.stderr));
  });

  it('answers every request while PostgreSQL is frozen, journals them, says so once, and writes them when it thaws', async () => {
    const { url, token, client } = await start();
    postgres().pause();
    // Twenty at once first: more than the pool's connections, all waiting on the frozen server together.
    const together = await bounded('20 concurrent requests', () => Promise.all(Array.from({ length: 20 }, (_, n) => ask(client, 100 + n))));
    assert.ok(together.every((answer) => answer.choices[0].message.content));
    await whileHung(client, token, 3);
    assert.equal(gateway!.stderr.match(/PostgreSQL at \S+ failed/g)?.length, 1, gateway!.stderr);
    postgres().resume();
    assert.equal(await rowsOf(url, 24), 24);
    await waitFor(() => /PostgreSQL at \S+ answers again: 23 journaled request\(s\) written/.test(gateway!.stderr));
  });

  it('answers every request while another session holds an ACCESS EXCLUSIVE lock on the ledger, and writes them once it is released', async () => {
    const { url, token, client } = await start();
    const locker = new Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE requests IN ACCESS EXCLUSIVE MODE');
      await whileHung(client, token, 3);
      assert.equal(gateway!.stderr.match(/PostgreSQL at \S+ failed/g)?.length, 1, gateway!.stderr);
      await locker.query('COMMIT');
    } finally {
      await locker.end();
    }
    assert.equal(await rowsOf(url, 4), 4);
    await waitFor(() => /PostgreSQL at \S+ answers again: 3 journaled request\(s\) written/.test(gateway!.stderr));
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
