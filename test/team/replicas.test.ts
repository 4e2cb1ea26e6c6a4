// Three team-gateway replicas (dist/server.js --http --postgres URL --redis URL, each with its
// own storage folder) behind a round-robin balancer, on a throwaway PostgreSQL and Redis, with
// developer tokens made by the real `admin` command and clients using the official SDKs: the
// team acts as one gateway. A budget is counted once across the replicas (overspend within the
// bound stated in shared-state/types.ts: ONE request's maximum cost), a breaker opened by one is
// open for all, a key cooled down by one rests for all, a replica SIGKILLed mid-load loses no
// answered request, and a Redis restarted mid-load leaves them answering and converging again.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { APIError } from 'openai';
import { Pool } from 'pg';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { PRICES } from '../integration/fixtures';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess } from '../integration/gateway-process';
import { admin, createToken } from './harness/admin';
import { createDatabase, usePostgres, type TestPostgres } from './harness/postgres';
import { useRedis, type RedisServer } from './harness/redis';
import { RoundRobin } from './harness/round-robin';

const REPLICAS = 3;
const BREAKER_FAILURES = 3;
const MAX_TOKENS = 24;
/** Budget requests name their model, so that their maximum cost is that model's. */
const BUDGET_MODEL = 'local/big-coder';
const LOCAL_KEYS_ENV = 'LLM_ROUTER_IT_LOCAL_KEYS';
const LOCAL_KEYS = ['local-key-a', 'local-key-b'];
const QUESTION = 'Explain what a closure in JavaScript captures';

describe('three team replicas behind a round-robin (real PostgreSQL, Redis and processes)', function () {
  this.timeout(120_000);
  // Outer: PostgreSQL and Redis are removed only after the inner suite stopped the replicas.
  const postgres = usePostgres();
  const redis = useRedis();
  describe('one team, three replicas', replicasSuite(postgres, redis));
});

function replicasSuite(postgres: () => TestPostgres, redis: () => RedisServer) {
  return function (this: Mocha.Suite) {
    const fake = useFakeProviders();
    let url: string;
    let pool: Pool;
    let balancer: RoundRobin;
    const replicas: GatewayProcess[] = [];

    before(async function () {
      this.timeout(60_000);
      url = await createDatabase(postgres(), 'team_replicas');
      pool = new Pool({ connectionString: url });
      // The admin command creates the schema; the replicas find it current.
      await createToken(url, 'probe', 'core');
      const settings = teamSettings(fake);
      const env = { ...gatewayEnv, [LOCAL_KEYS_ENV]: LOCAL_KEYS.join(',') };
      // Each is kept as soon as it runs, so `after` stops it even if another fails to start.
      const extraArgs = ['--postgres', url, '--redis', redis().url];
      await Promise.all(Array.from({ length: REPLICAS }, async () => replicas.push(await GatewayProcess.start({ settings, env, extraArgs }))));
      balancer = await RoundRobin.start(replicas.map((r) => r.url));
    });
    after(async function () {
      this.timeout(30_000);
      await balancer?.stop();
      await Promise.all(replicas.map((r) => r.stop()));
      await pool?.end();
    });

    /**
     * Waits until every live replica's link to Redis is up. On this shared 2-core machine a replica
     * can miss Redis's 500 ms command deadline under load and run on local state for a second
     * (it says so on stderr, and says when it is back): the sharing tests start from shared state.
     */
    const sharedStateUp = () =>
      waitFor(() => replicas.filter(alive).every((r) => count(r.stderr, / unreachable \(/g) === count(r.stderr, / is back: /g)), 10_000);
    const stderrs = () => replicas.map((r, i) => `replica ${i}:\n${r.stderr}`).join('\n');

    const openai = (token: string, baseURL = balancer.url) => new OpenAI({ baseURL, apiKey: token, maxRetries: 0 });
    const ask = (client: OpenAI, model = 'auto') =>
      client.chat.completions.create({ model, max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: QUESTION }] });

    /** A new developer, and what one of their requests on BUDGET_MODEL costs and can cost at most (the overspend bound). */
    async function developerWithCosts(name: string): Promise<{ token: string; cost: number; maxCost: number }> {
      const token = await createToken(url, name, 'core');
      await ask(openai(token), BUDGET_MODEL);
      const { rows } = await pool.query('SELECT cost_usd, input_tokens FROM requests WHERE developer = $1', [name]);
      const cost = Number(rows[0].cost_usd);
      // A request naming its model has that one candidate: its prompt plus the longest answer allowed.
      const price = PRICES[BUDGET_MODEL];
      return { token, cost, maxCost: (Number(rows[0].input_tokens) * price.in + MAX_TOKENS * price.out) / 1_000_000 };
    }

    /** Gives a new developer a daily limit of four requests, sends `count` concurrent requests through the balancer, then one at a time until refused. */
    async function holdsBudget(name: string, count: number): Promise<void> {
      await sharedStateUp();
      const { token, cost, maxCost } = await developerWithCosts(name);
      const limit = cost * 4;
      const set = await admin(url, 'set-limit', '--developer', name, '--daily', String(limit));
      assert.equal(set.code, 0, set.stderr);
      const client = openai(token);
      const told = replicas.map((r) => r.stderr.length);
      const statuses = await Promise.all(Array.from({ length: count }, () => statusOf(ask(client, BUDGET_MODEL))));
      // The bound holds while Redis answers; a replica that missed its deadline (this machine
      // overloaded) reserved locally meanwhile, and the stated bound adds what was in flight elsewhere.
      const local = replicas.some((r, i) => / unreachable \(/.test(r.stderr.slice(told[i])));
      if (local) console.log(`      (a replica ran on local state during the burst: bound widened to the limit plus ${count} maximum costs)\n${stderrs()}`);
      const bound = limit + maxCost * (local ? count : 1);
      assert.ok(statuses.every((s) => s === 200 || s === 402), `only answers and budget refusals: ${statuses.join(',')}`);
      assert.ok(statuses.includes(402), 'the limit was reached under load');
      // A request is admitted while spend plus what is in flight is under the limit: the concurrent
      // load is refused early by its own reservations; one at a time, spend reaches the limit.
      let sequential = 0;
      while ((await statusOf(ask(client, BUDGET_MODEL))) === 200) assert.ok(++sequential < 8, 'refused once the limit is spent');
      // From then on every replica refuses the developer (asked directly, not through the balancer).
      for (const replica of replicas.filter(alive)) assert.equal(await statusOf(ask(openai(token, replica.url), BUDGET_MODEL)), 402, replica.url);
      const spent = Number((await pool.query("SELECT COALESCE(SUM(cost_usd), 0) AS s FROM requests WHERE developer = $1", [name])).rows[0].s);
      assert.ok(spent >= limit - 1e-12, `spent $${spent} reached the limit $${limit} before the refusals`);
      assert.ok(spent <= bound + 1e-12, `spent $${spent} > limit $${limit} + ${local ? count : 1} maximum cost(s) of $${maxCost}\n${stderrs()}`);
      // The test can fail: a limit counted per replica would let them spend up to three limits, which passes the bound, and the load would reach it.
      assert.ok(REPLICAS * limit > limit + maxCost && count * cost > REPLICAS * limit, `limit ${limit}, cost ${cost}, maximum ${maxCost}`);
    }

    it('counts a developer\'s daily limit once across the replicas: spend ends within one request\'s maximum cost of it, and every replica refuses after', async () => {
      await holdsBudget('dana', 24);
      assert.ok(balancer.served.every((n) => n >= 5), `the load was spread: ${balancer.served.join(',')}`);
    });

    it('rests a key on every replica once one got a 429 with retry-after for it', async () => {
      const token = await createToken(url, 'kai', 'core');
      const client = openai(token);
      await sharedStateUp();
      await ask(client);
      const model = fake().requests[0].model; // the model these requests are routed to
      assert.ok(['tiny-coder', 'big-coder'].includes(model), `routed to a model of the provider with two keys, got ${model}`);
      fake().reset();
      fake().script({ kind: 'status', status: 429, retryAfter: '60' }, { key: LOCAL_KEYS[0], times: 'always' });
      // Sequential requests until one replica meets the 429 (the pool may start on either key).
      for (let i = 0; i < 6 && !fake().requests.some((r) => r.apiKey === LOCAL_KEYS[0]); i++) await ask(client);
      const limited = fake().requests.filter((r) => r.apiKey === LOCAL_KEYS[0]).length;
      assert.equal(limited, 1, 'one replica met the 429');
      const before = fake().requests.length;
      const answers = await Promise.all(Array.from({ length: 3 * REPLICAS }, () => ask(client)));
      assert.ok(answers.every((a) => a.choices[0].message.content));
      const during = fake().requests.slice(before);
      assert.ok(during.length >= answers.length);
      assert.equal(during.filter((r) => r.apiKey === LOCAL_KEYS[0]).length, 0, `no replica used the resting key\n${stderrs()}`);
    });

    it('opens a failing model\'s breaker on every replica: once open, no replica calls it', async () => {
      const token = await createToken(url, 'bea', 'core');
      const client = openai(token);
      await sharedStateUp();
      await ask(client);
      const model = fake().requests.at(-1)!.model;
      fake().reset();
      fake().script({ kind: 'status', status: 500, message: 'scripted outage' }, { model, times: 'always' });
      // One request per replica in turn: the failures add up across replicas to the threshold.
      for (let i = 0; i < BREAKER_FAILURES; i++) assert.ok((await ask(client)).choices[0].message.content, 'answered by a fallback');
      assert.equal(fake().requestsFor(model).length, BREAKER_FAILURES, 'each replica called it while it was closed');
      const answers = await Promise.all(Array.from({ length: 4 * REPLICAS }, () => ask(client)));
      assert.ok(answers.every((a) => a.choices[0].message.content));
      assert.equal(fake().requestsFor(model).length, BREAKER_FAILURES, `no replica called the model once its breaker was open\n${stderrs()}`);
      assert.ok(fake().requests.length >= BREAKER_FAILURES * 2 + answers.length, 'the others answered instead');
    });

    it('keeps answering while Redis restarts mid-load, tells the operator on each replica, and counts one budget again once it is back', async () => {
      const token = await createToken(url, 'rudi', 'core');
      const client = openai(token);
      let stop = false;
      let answered = 0;
      const failures: unknown[] = [];
      const worker = async () => {
        while (!stop) {
          await ask(client).then(() => answered++, (error: unknown) => failures.push(error));
        }
      };
      const load = Array.from({ length: 6 }, worker);
      await waitFor(() => answered >= 12);
      const told = replicas.map((r) => r.stderr.length);
      const since = () => replicas.map((r, i) => r.stderr.slice(told[i]));
      await redis().restart(); // SIGKILL, then started again empty on the same port
      const atRestart = answered;
      await waitFor(() => since().every((said) => /redis \S+ is back/.test(said)), 20_000);
      await waitFor(() => answered >= atRestart + 12);
      stop = true;
      await Promise.all(load);
      assert.deepEqual(failures.map(String), [], 'every request was answered');
      for (const said of since()) {
        assert.match(said, /redis \S+ unreachable \(.*\): falling back to this replica's own limits, breakers and key cooldowns until it returns\n/);
        assert.match(said, /redis \S+ is back: shared state again \(its data was lost: budget counters re-seed from the ledger/);
      }
      // Converged: a budget is again counted once across all three (seeded from PostgreSQL into the empty Redis).
      await holdsBudget('rosa', 24);
    });

    it('loses no answered request when a replica is SIGKILLed mid-load, and the others keep answering', async () => {
      const token = await createToken(url, 'kim', 'core');
      const chat = openai(token);
      const messages = new Anthropic({ baseURL: balancer.url.replace(/\/v1$/, ''), apiKey: token, maxRetries: 0 });
      // Slow answers, so that requests are in flight on the replica when it dies.
      fake().script({ kind: 'slow', delayMs: 40, chunkDelayMs: 5 }, { times: 'always' });
      const answeredTags = new Set<string>();
      const brokenTags = new Set<string>();
      let next = 0;
      let stop = false;
      // Three kinds of client: OpenAI JSON, OpenAI streaming, Anthropic streaming; each request tagged with its workspace.
      const one = async (kind: number): Promise<void> => {
        const tag = `kill-${next++}`;
        const headers = { 'x-llm-router-workspace': tag };
        try {
          if (kind === 0) {
            const answer = await chat.chat.completions.create({ model: 'auto', max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: QUESTION }] }, { headers });
            assert.ok(answer.choices[0].message.content);
          } else if (kind === 1) {
            const stream = await chat.chat.completions.create({ model: 'auto', max_tokens: MAX_TOKENS, stream: true, messages: [{ role: 'user', content: QUESTION }] }, { headers });
            let finished = false;
            for await (const chunk of stream) if (chunk.choices[0]?.finish_reason) finished = true;
            assert.ok(finished, 'the stream carried its finish');
          } else {
            const stream = messages.messages.stream({ model: 'auto', max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: QUESTION }] }, { headers });
            const final = await stream.finalMessage();
            assert.ok(final.stop_reason);
          }
          answeredTags.add(tag);
        } catch {
          brokenTags.add(tag);
        }
      };
      const worker = async (kind: number) => {
        while (!stop) await one(kind);
      };
      const load = Array.from({ length: 9 }, (_, i) => worker(i % 3));
      await waitFor(() => answeredTags.size >= 20);
      const victim = replicas[1];
      victim.child.kill('SIGKILL');
      const atKill = answeredTags.size;
      const servedAtKill = [...balancer.served];
      await waitFor(() => answeredTags.size >= atKill + 30);
      stop = true;
      await Promise.all(load);
      assert.equal(victim.child.signalCode, 'SIGKILL');
      assert.ok(servedAtKill[1] > 0, 'the killed replica was serving before');
      assert.ok(balancer.served[0] > servedAtKill[0] && balancer.served[2] > servedAtKill[2], 'the other two served what came after');
      assert.ok(brokenTags.size <= 9, `only requests in flight on the killed replica broke off: ${brokenTags.size}`);
      const { rows } = await pool.query("SELECT workspace_id FROM requests WHERE developer = 'kim' AND workspace_id LIKE 'kill-%'");
      const recorded = new Set(rows.map((r: { workspace_id: string }) => r.workspace_id));
      const lost = [...answeredTags].filter((tag) => !recorded.has(tag));
      assert.deepEqual(lost, [], 'every answered request is in PostgreSQL');
    });
  };
}

function teamSettings(fake: () => import('../fakes/fake-providers').FakeProviders) {
  const settings = gatewaySettings(fake(), {
    resilience: { retriesPerModel: 0, timeoutMs: 5_000, breakerFailures: BREAKER_FAILURES, breakerHalfOpenAfterMs: 120_000 },
  });
  // The OpenAI-compatible provider gets two keys, so a cooled key can be seen resting.
  return { ...settings, providers: settings.providers.map((p) => (p.id === 'local' ? { ...p, apiKeyEnv: LOCAL_KEYS_ENV } : p)) };
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

const alive = (replica: GatewayProcess) => replica.child.exitCode === null && replica.child.signalCode === null;

async function statusOf(work: Promise<unknown>): Promise<number> {
  try {
    await work;
    return 200;
  } catch (error) {
    if (error instanceof APIError && error.status !== undefined) return error.status;
    throw error;
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
