// Hostile input through a team gateway (real processes, real PostgreSQL and Redis): tokens that
// are empty, oversized, near-misses of a real one, its stored digest, or carry control
// characters are refused before any provider is paid; developers and teams with odd names
// (quotes, SQL, LIKE wildcards, separators of our Redis keys, non-ASCII) get their requests,
// feedback and usage under exactly their own names; and no token or provider key is left in
// any log line, Redis key or value, PostgreSQL row or journal.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import OpenAI from 'openai';
import { Pool } from 'pg';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS } from '../integration/fixtures';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess } from '../integration/gateway-process';
import { createToken } from './harness/admin';
import { createDatabase, usePostgres } from './harness/postgres';
import { useRedis } from './harness/redis';

const ODD = [
  { developer: "o'brien \"x\"; DROP TABLE developers; --", team: "t'eam; --" },
  { developer: 'ana:day:2026-01-01', team: 'core:month:2026-01' },
  { developer: '%_\\%', team: '_%' },
  { developer: 'ünïcødé 🚀 名前', team: 'équipe ✓' },
];

describe('team gateway: hostile input (processes)', function () {
  this.timeout(90_000);
  const fake = useFakeProviders();
  const postgres = usePostgres();
  const redis = useRedis();
  let gateway: GatewayProcess;
  let url: string;
  const tokens: string[] = [];

  before(async function () {
    this.timeout(60_000);
    url = await createDatabase(postgres(), `hostile_${process.pid}`);
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv, extraArgs: ['--postgres', url, '--redis', redis().url] });
  });
  after(async () => {
    await gateway?.stop();
  });

  /**
   * Sends one chat request with these raw header lines over a plain socket (fetch refuses
   * control characters): the status line's code, or 0 when the server dropped the connection
   * without one (Node's parser may reset a request it refuses while it is still being sent).
   */
  function rawStatus(headerLines: string[]): Promise<number> {
    const { port, hostname } = new URL(gateway.url);
    const body = JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          [`POST /v1/chat/completions HTTP/1.1`, `host: ${hostname}`, 'content-type: application/json', `content-length: ${Buffer.byteLength(body)}`, ...headerLines, 'connection: close', '', body].join('\r\n'),
        );
      });
      let reply = '';
      socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
      const status = () => Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);
      socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(status()) : reject(error)));
      socket.on('close', () => resolve(status()));
    });
  }

  it('refuses empty, oversized, near-miss, digest-of and control-character tokens before any provider is called', async () => {
    const real = await createToken(url, 'zed', 'core');
    tokens.push(real);
    const calls = fake().requests.length;
    const refused = [
      [], // no token at all
      ['authorization: Bearer '],
      ['authorization: Basic ' + Buffer.from(`zed:${real}`).toString('base64')],
      [`authorization: Bearer ${real}x`],
      [`authorization: Bearer ${real.slice(0, -1)}`],
      [`authorization: Bearer ${real.toUpperCase()}`],
      [`authorization: Bearer ${createHash('sha256').update(real).digest('hex')}`], // what a copy of the database holds
      [`x-api-key: ${'a'.repeat(8_000)}`],
      [`authorization: Bearer ${'\u00ff'.repeat(4_000)}`], // latin1 bytes
      [`authorization: Bearer ${real}\u0001`],
      [`authorization: Bearer ${real.slice(0, 10)}\u0000${real.slice(10)}`],
      [`authorization: Bearer ${real.slice(0, 10)}\u007f${real.slice(10)}`],
    ];
    for (const lines of refused) {
      const status = await rawStatus(lines);
      assert.ok([0, 400, 401].includes(status), `${JSON.stringify(lines).slice(0, 80)}: ${status}`);
    }
    assert.ok([0, 400, 401, 431].includes(await rawStatus([`authorization: Bearer ${'b'.repeat(70_000)}`])), 'a header past the limit');
    assert.equal(fake().requests.length, calls, 'no provider was called');
    // The token itself, with blanks around it, still works.
    assert.equal(await rawStatus([`authorization: Bearer \t ${real} \t`]), 200);
  });

  it('records requests, feedback and usage of developers and teams with odd names under exactly those names', async () => {
    for (const { developer, team } of ODD) {
      const token = await createToken(url, developer, team);
      tokens.push(token);
      const client = new OpenAI({ baseURL: gateway.url, apiKey: token, maxRetries: 0 });
      const answer = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Explain closures' }] });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const feedback = await fetch(`${gateway.url}/router/feedback`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ kind: 'explain', model: answer.model, signal: 'retried', developer: 'zed', team: 'core' }),
      });
      assert.equal(feedback.status, 200, await feedback.clone().text());
      const usage = (await (await fetch(`${gateway.url}/router/usage`, { headers })).json()) as { developer?: { name: string }; team?: { name: string } };
      assert.deepEqual([usage.developer?.name, usage.team?.name], [developer, team]);
    }
    const pool = new Pool({ connectionString: url });
    try {
      const requests = await pool.query('SELECT developer, team FROM requests WHERE developer <> $1 ORDER BY id', ['zed']);
      assert.deepEqual(requests.rows, ODD);
      const feedback = await pool.query('SELECT developer, team FROM feedback ORDER BY id');
      assert.deepEqual(feedback.rows, ODD);
      const developers = await pool.query('SELECT COUNT(*)::int AS n FROM developers');
      assert.equal(developers.rows[0].n, ODD.length + 1, 'the table is still there');
    } finally {
      await pool.end();
    }
  });

  it('leaves no developer token or provider key in a log line, a Redis key or value, a PostgreSQL row or a journal', async () => {
    // Make Redis hold what it holds about keys: a rate limit on the Anthropic key puts it to rest on every replica.
    fake().script({ kind: 'status', status: 429, retryAfter: '30' }, { model: 'claude-fake' });
    const client = new OpenAI({ baseURL: gateway.url, apiKey: tokens[0], maxRetries: 0 });
    await client.chat.completions.create({ model: 'claude/claude-fake', messages: [{ role: 'user', content: 'hi' }] });
    const secrets = [...tokens, ...tokens.map((t) => t.slice(4)), API_KEYS.claude];

    const places: [string, string][] = [['stderr', gateway.stderr]];
    const admin = new Redis(redis().url);
    try {
      for (const key of await admin.keys('*')) {
        const type = await admin.type(key);
        const value =
          type === 'string' ? await admin.get(key) : type === 'hash' ? JSON.stringify(await admin.hgetall(key)) : type === 'zset' ? JSON.stringify(await admin.zrange(key, '0', '-1', 'WITHSCORES')) : type;
        places.push([`redis ${key}`, `${key} ${value}`]);
      }
    } finally {
      admin.disconnect();
    }
    assert.ok(places.some(([where]) => where.includes(':cool:')), `a key cooldown is in Redis: ${places.map(([w]) => w).join(', ')}`);
    const pool = new Pool({ connectionString: url });
    try {
      const tables = await pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      for (const { table_name } of tables.rows) {
        const rows = await pool.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
        for (const { row } of rows.rows) places.push([`postgres ${table_name}`, row]);
      }
    } finally {
      await pool.end();
    }
    const journals = join(gateway.storageDir, 'postgres-pending');
    if (existsSync(journals)) for (const name of readdirSync(journals)) places.push([`journal ${name}`, readFileSync(join(journals, name), 'utf8')]);

    for (const [where, text] of places) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `${where} holds a secret`);
    }
  });
});
