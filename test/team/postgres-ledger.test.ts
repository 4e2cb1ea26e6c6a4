// The PostgreSQL ledger against a real PostgreSQL (test/team/harness/postgres.ts): the
// LedgerStore contract every store passes, the same answers as the SQLite ledger for the
// same requests, and migrations that are idempotent and safe when replicas start together.
import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { KINDS } from '../../shared/protocol';
import { PostgresLedgerStore } from '../../server/src/ledger/postgres/store';
import { migrate, SCHEMA_VERSION } from '../../server/src/ledger/postgres/migrations';
import { SqliteLedgerStore } from '../../server/src/ledger/sqlite-store';
import type { RequestRecord } from '../../server/src/ledger/types';
import { describeLedgerContract } from '../server/ledger/contract/ledger-contract';
import { aRecord, makeTempDir, removeDir } from '../server/ledger/helpers';
import { createDatabase, usePostgres } from './harness/postgres';

const postgres = usePostgres();
let databases = 0;
const freshDatabase = () => createDatabase(postgres(), `ledger_${process.pid}_${++databases}`);

async function openPostgresStore(url: string) {
  const dir = makeTempDir();
  const store = await PostgresLedgerStore.open(url, { storageDir: dir, log: () => undefined });
  return {
    store,
    cleanup: async () => {
      await store.close();
      removeDir(dir);
    },
  };
}

describeLedgerContract('PostgreSQL', async () => openPostgresStore(await freshDatabase()));

describe('PostgreSQL ledger', function () {
  this.timeout(60_000);

  it('answers every question as the SQLite ledger does for the same 300 varied requests', async () => {
    const pg = await openPostgresStore(await freshDatabase());
    const dir = makeTempDir();
    const sqlite = SqliteLedgerStore.open(dir);
    try {
      const records = variedRecords(300);
      for (const r of records) {
        await pg.store.record(r);
        await sqlite.record(r);
      }
      const now = new Date(2025, 2, 28, 18, 0);
      for (const ws of ['ws-a', 'ws-b']) {
        assertClose(await pg.store.usage(ws, now), await sqlite.usage(ws, now), `usage ${ws}`);
        assertClose(await pg.store.spend(ws, now), await sqlite.spend(ws, now), `spend ${ws}`);
        assertClose(await pg.store.daily(ws, 40, now), await sqlite.daily(ws, 40, now), `daily ${ws}`);
        assert.deepEqual(await pg.store.history(ws, 50), await sqlite.history(ws, 50), `history ${ws}`);
        assert.deepEqual(await pg.store.billedTokensByModel(ws), await sqlite.billedTokensByModel(ws));
        for (const kind of KINDS) assert.deepEqual(await pg.store.typicalOutput(ws, kind), await sqlite.typicalOutput(ws, kind));
      }
      assert.deepEqual(await pg.store.modelStats(now.getTime(), 40 * 86_400_000), await sqlite.modelStats(now.getTime(), 40 * 86_400_000));
    } finally {
      sqlite.close();
      removeDir(dir);
      await pg.cleanup();
    }
  });

  it('applies each migration once, and a second start applies nothing', async () => {
    const pool = new Pool({ connectionString: await freshDatabase() });
    try {
      assert.deepEqual(await migrate(pool), Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      assert.deepEqual(await migrate(pool), []);
      const { rows } = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(rows.map((r) => r.version), Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    } finally {
      await pool.end();
    }
  });

  it('migrates once when three replicas start on an empty database at the same moment', async () => {
    const url = await freshDatabase();
    const pools = [1, 2, 3].map(() => new Pool({ connectionString: url }));
    try {
      const applied = await Promise.all(pools.map((pool) => migrate(pool)));
      assert.deepEqual(applied.flat().sort(), Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      const { rows } = await pools[0].query('SELECT COUNT(*)::int AS n FROM schema_migrations');
      assert.equal(rows[0].n, SCHEMA_VERSION);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('refuses a database whose schema is newer than this replica knows', async () => {
    const url = await freshDatabase();
    const pool = new Pool({ connectionString: url });
    try {
      await migrate(pool);
      await pool.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')", [SCHEMA_VERSION + 1]);
      await assert.rejects(migrate(pool), /newer LLM Router \(schema \d+; this version knows \d+\)/);
    } finally {
      await pool.end();
    }
  });

  it('refuses to open, naming the server, when PostgreSQL is not there', async () => {
    const dir = makeTempDir();
    try {
      await assert.rejects(
        PostgresLedgerStore.open('postgres://postgres@127.0.0.1:1/router', { storageDir: dir, log: () => undefined, connectTimeoutMs: 2_000 }),
        /PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/router is unreachable/,
      );
    } finally {
      removeDir(dir);
    }
  });
});

/** Requests over two months, two workspaces, every outcome, cached, estimated, unpriced and broken-off attempts. */
function variedRecords(n: number): RequestRecord[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const models = ['openai/gpt-4o-mini', 'anthropic/claude-haiku', 'local/qwen', 'B/upper'];
  return Array.from({ length: n }, (_, i) => {
    const outcome = pick(['ok', 'ok', 'ok', 'failed', 'cancelled', 'blocked'] as const);
    const model = pick(models);
    const broken = random() < 0.2;
    const attempts: RequestRecord['attempts'] = [
      ...(broken ? [{ model: pick(models), ok: false, error: 'stream broke', latencyMs: Math.floor(random() * 900), billed: { inputTokens: 10, outputTokens: Math.floor(random() * 50), ...(random() < 0.8 ? { costUsd: 0.0625 } : {}), ...(random() < 0.5 ? { reported: true as const } : {}) } }] : []),
      { model, ok: outcome === 'ok', ...(outcome === 'ok' ? {} : { error: 'HTTP 500' }), ...(random() < 0.9 ? { latencyMs: Math.floor(random() * 2000) } : {}) },
    ];
    const billed = outcome === 'ok' || (outcome === 'cancelled' && random() < 0.5);
    return aRecord({
      workspaceId: pick(['ws-a', 'ws-b']),
      at: new Date(2025, 1 + Math.floor(random() * 2), 1 + Math.floor(random() * 27), Math.floor(random() * 24), i % 60).getTime(),
      kind: pick(KINDS),
      model: outcome === 'blocked' ? '' : model,
      inputTokens: billed ? Math.floor(random() * 5000) : 0,
      outputTokens: billed ? Math.floor(random() * 900) : 0,
      costUsd: random() < 0.1 ? null : billed ? Math.floor(random() * 64) / 256 : 0,
      outcome,
      cached: outcome === 'ok' && random() < 0.1,
      tokensEstimated: random() < 0.15,
      attempts: outcome === 'blocked' ? [] : attempts,
      reasons: [`reason ${i}`],
      ...(random() < 0.3 ? { client: pick(['aider', 'cline']) } : {}),
    });
  });
}

/** Deep equality with USD sums allowed to differ in the last bits (the engines add in different orders). */
function assertClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${path}: ${actual} vs ${expected}`);
    return;
  }
  if (expected && typeof expected === 'object') {
    assert.ok(actual && typeof actual === 'object', `${path}: not an object`);
    assert.deepEqual(Object.keys(actual as object).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const key of Object.keys(expected)) assertClose((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  assert.deepEqual(actual, expected, path);
}
