// A team gateway as real processes: `admin` commands through dist/server.js, and a gateway
// started with --postgres answering the official OpenAI SDK with developer tokens, against
// the fake providers, with each request's row in PostgreSQL under its developer.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import OpenAI, { APIError } from 'openai';
import { Pool } from 'pg';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess, runGatewayExpectingExit } from '../integration/gateway-process';
import { makeTempDir, removeDir } from '../server/ledger/helpers';
import { admin, createToken } from './harness/admin';
import { createDatabase, usePostgres } from './harness/postgres';

const QUESTION: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Explain what a closure in JavaScript captures' }];

describe('team gateway on PostgreSQL (processes)', function () {
  this.timeout(60_000);
  // Outer: PostgreSQL is removed only after the inner suite stopped the gateway and closed its pool.
  const postgres = usePostgres();
  describe('one gateway with --postgres', teamGatewaySuite(postgres));
});

function teamGatewaySuite(postgres: () => import('./harness/postgres').TestPostgres) {
  return function (this: Mocha.Suite) {
    const fake = useFakeProviders();
    let url: string;
    let pool: Pool;
    let gateway: GatewayProcess;
    const clientFor = (token: string) => new OpenAI({ baseURL: gateway.url, apiKey: token, maxRetries: 0 });
    const ask = (token: string) => clientFor(token).chat.completions.create({ model: 'auto', messages: QUESTION });
    const status = async (work: Promise<unknown>): Promise<number> => {
      try {
        await work;
        return 200;
      } catch (error) {
        if (error instanceof APIError && error.status !== undefined) return error.status;
        throw error;
      }
    };

    before(async () => {
      url = await createDatabase(postgres(), 'team_gateway');
      pool = new Pool({ connectionString: url });
      // The admin command creates the schema on an empty database; the gateway finds it current.
      await createToken(url, 'alice', 'core');
      gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv, extraArgs: ['--postgres', url] });
      // One replica on PostgreSQL alone runs, and says what it does not share.
      assert.match(gateway.stderr, /warning: no --redis: circuit breakers, key cooldowns/);
    });
    after(async () => {
      await gateway?.stop();
      await pool?.end();
    });

    it('prints a token once at creation, stores only its sha256, and never lists it', async () => {
      const token = await createToken(url, 'bob', 'core');
      assert.match(token, /^lrt_[A-Za-z0-9_-]{40,}$/);
      const { rows } = await pool.query("SELECT row_to_json(d)::text AS row, token_sha256 FROM developers d WHERE name = 'bob'");
      assert.equal(rows[0].token_sha256, createHash('sha256').update(token).digest('hex'));
      assert.ok(!rows[0].row.includes(token), 'the token itself is stored nowhere in the row');
      const list = await admin(url, 'list');
      assert.equal(list.code, 0);
      assert.match(list.stdout, /^bob\tcore\t\S+\tactive\tno limits$/m);
      assert.ok(!list.stdout.includes(token) && !list.stdout.includes(rows[0].token_sha256));
      const again = await admin(url, 'create-token', 'bob');
      assert.equal(again.code, 1);
      assert.match(again.stderr, /already has a live token/);
    });

    it('answers the OpenAI SDK with a developer token and records the request under that developer', async () => {
      const token = await createToken(url, 'carol', 'core');
      const completion = await ask(token);
      assert.ok(completion.choices[0].message.content);
      const { rows } = await pool.query("SELECT developer, team, workspace_id, outcome, cost_usd FROM requests WHERE developer = 'carol'");
      assert.equal(rows.length, 1);
      assert.deepEqual({ ...rows[0], cost_usd: undefined }, { developer: 'carol', team: 'core', workspace_id: 'gateway', outcome: 'ok', cost_usd: undefined });
      assert.ok(rows[0].cost_usd > 0);
      const totals = await pool.query("SELECT requests FROM developer_totals WHERE developer = 'carol'");
      assert.equal(Number(totals.rows[0].requests), 1);
    });

    it('accepts the token as x-api-key too, and records under the token\'s developer whatever the body says', async () => {
      const token = await createToken(url, 'dan');
      const res = await fetch(`${gateway.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': token },
        body: JSON.stringify({ model: 'auto', messages: QUESTION, developer: 'alice', team: 'other' }),
      });
      assert.equal(res.status, 200);
      const { rows } = await pool.query("SELECT developer, team FROM requests WHERE developer IN ('dan', 'alice')");
      assert.deepEqual(rows, [{ developer: 'dan', team: null }]);
    });

    it('tags feedback with the token\'s developer and team, and lets it move only that developer\'s quality bars', async () => {
      const [dana, eli] = [await createToken(url, 'dana', 'core'), await createToken(url, 'eli', 'core')];
      const post = async (token: string, path: string, body: object) => {
        const res = await fetch(`${gateway.url}/router/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        assert.equal(res.status, 200, await res.clone().text());
        return res.json() as Promise<{ model: string; reasons: string[]; recorded?: boolean }>;
      };
      const explain = { kind: 'explain', prompt: 'what does this do?' };
      const model = (await post(dana, 'route', explain)).model;
      for (let i = 0; i < 6; i++) {
        // A body naming another developer changes nothing: the token says who gave it.
        assert.equal((await post(dana, 'feedback', { kind: 'explain', model, signal: 'retried', developer: 'eli', team: 'other' })).recorded, true);
      }
      const { rows } = await pool.query("SELECT developer, team, COUNT(*)::int AS n FROM feedback WHERE model = $1 GROUP BY developer, team", [model]);
      assert.deepEqual(rows, [{ developer: 'dana', team: 'core', n: 6 }]);
      const learned = (reasons: string[]) => reasons.some((r) => r.startsWith(`feedback: 6 of the last 6 explanations from ${model} were retried`));
      const forDana = await post(dana, 'route', explain);
      assert.ok(learned(forDana.reasons), forDana.reasons.join('\n'));
      assert.notEqual(forDana.model, model);
      // Both send their requests to the same workspace ('gateway'): only the token tells them apart.
      const forEli = await post(eli, 'route', explain);
      assert.equal(forEli.model, model);
      assert.ok(!forEli.reasons.some((r) => r.startsWith('feedback:')), forEli.reasons.join('\n'));
    });

    it('refuses an unknown token and a request without one with 401', async () => {
      assert.equal(await status(ask('lrt_not-a-token-anyone-was-given')), 401);
      const res = await fetch(`${gateway.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'auto', messages: QUESTION }),
      });
      assert.equal(res.status, 401);
    });

    it('refuses a revoked token from the next request on', async () => {
      const token = await createToken(url, 'erin');
      assert.equal(await status(ask(token)), 200);
      const revoke = await admin(url, 'revoke', 'erin');
      assert.equal(revoke.code, 0);
      assert.equal(await status(ask(token)), 401);
    });

    it('refuses a developer over their daily limit with 402, recording the refusal under them', async () => {
      const token = await createToken(url, 'frank');
      const set = await admin(url, 'set-limit', '--developer', 'frank', '--daily', '0.000001');
      assert.equal(set.code, 0, set.stderr);
      assert.equal(await status(ask(token)), 200, 'under the limit before the first answer');
      const refused = await clientFor(token).chat.completions.create({ model: 'auto', messages: QUESTION }).catch((e: unknown) => e);
      assert.ok(refused instanceof APIError && refused.status === 402, String(refused));
      assert.match(refused.message, /developer "frank" spent \$\d+\.\d+ today of a daily limit of \$0\.000001/);
      const { rows } = await pool.query("SELECT outcome FROM requests WHERE developer = 'frank' ORDER BY id");
      assert.deepEqual(rows.map((r) => r.outcome), ['ok', 'blocked']);
      // Other developers are not held by frank's limit.
      assert.equal(await status(ask(await createToken(url, 'grace'))), 200);
    });

    it('holds every developer of a team to the team\'s monthly limit', async () => {
      const [hana, ivan] = [await createToken(url, 'hana', 'ops'), await createToken(url, 'ivan', 'ops')];
      assert.equal((await admin(url, 'set-limit', '--team', 'ops', '--monthly', '0.000001')).code, 0);
      assert.equal(await status(ask(hana)), 200);
      assert.equal(await status(ask(ivan)), 402, "hana's spend counts against ivan's team");
    });

    it('answers 429 once a developer passes their requests per minute', async () => {
      const token = await createToken(url, 'judy');
      assert.equal((await admin(url, 'set-limit', '--developer', 'judy', '--rpm', '2')).code, 0);
      assert.deepEqual([await status(ask(token)), await status(ask(token)), await status(ask(token))], [200, 200, 429]);
    });

    it('refuses to start, naming PostgreSQL, when it cannot be reached (exit 2)', async () => {
      const dir = makeTempDir();
      try {
        const run = await runGatewayExpectingExit(['--http', '127.0.0.1:0', '--storage', dir, '--postgres', 'postgres://router:secret@127.0.0.1:1/router'], gatewayEnv);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /PostgreSQL at postgres:\/\/router:\*\*\*@127\.0\.0\.1:1\/router is unreachable/);
        assert.ok(!run.stderr.includes('secret'), 'the password is not printed');
      } finally {
        removeDir(dir);
      }
    });

    it('runs as a team gateway from team.postgres in the settings file', async () => {
      const team = await GatewayProcess.start({ settings: { llmRouter: gatewaySettings(fake()), team: { postgres: url } }, env: gatewayEnv });
      try {
        const anonymous = new OpenAI({ baseURL: team.url, apiKey: 'no-developer-token-here', maxRetries: 0 });
        assert.equal(await status(anonymous.chat.completions.create({ model: 'auto', messages: QUESTION })), 401);
        const client = new OpenAI({ baseURL: team.url, apiKey: await createToken(url, 'kim'), maxRetries: 0 });
        assert.equal(await status(client.chat.completions.create({ model: 'auto', messages: QUESTION })), 200);
      } finally {
        await team.stop();
      }
    });
  };
}
