import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger } from '../../../server/src/ledger/ledger';
import { SCHEMA_VERSION } from '../../../server/src/ledger/schema';
import { EDITOR_CLIENT } from '../../../shared/protocol';
import { loadSqlite } from '../../../server/src/ledger/sqlite';
import { aRecord, makeTempDir, removeDir } from './helpers';

function readPragma(file: string, pragma: 'user_version' | 'journal_mode'): unknown {
  const db = new (loadSqlite().DatabaseSync)(file, { readOnly: true });
  try {
    return db.prepare(`PRAGMA ${pragma}`).get()?.[pragma];
  } finally {
    db.close();
  }
}

// The tables as schema version 1 created them (server/src/ledger/schema.ts, migration 1),
// trimmed to what the upgrade touches and reads.
const VERSION_1_SCHEMA = `
  CREATE TABLE requests (id INTEGER PRIMARY KEY, workspace_id TEXT NOT NULL, at INTEGER NOT NULL, day TEXT NOT NULL,
    month TEXT NOT NULL, kind TEXT NOT NULL, difficulty TEXT NOT NULL, model TEXT NOT NULL, input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL, cost_usd REAL, latency_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'blocked', 'cancelled')),
    cached INTEGER NOT NULL CHECK (cached IN (0, 1)), reasons TEXT NOT NULL);
  CREATE INDEX requests_by_workspace_time ON requests (workspace_id, at);
  CREATE TABLE attempts (request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE, seq INTEGER NOT NULL,
    at INTEGER NOT NULL, model TEXT NOT NULL, ok INTEGER NOT NULL CHECK (ok IN (0, 1)), error TEXT, latency_ms INTEGER,
    PRIMARY KEY (request_id, seq)) WITHOUT ROWID;
  CREATE INDEX attempts_by_time ON attempts (at);
  CREATE TABLE daily_totals (workspace_id TEXT NOT NULL, day TEXT NOT NULL, model TEXT NOT NULL, kind TEXT NOT NULL,
    cached INTEGER NOT NULL, requests INTEGER NOT NULL, cost_usd REAL NOT NULL, input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL, unpriced INTEGER NOT NULL, PRIMARY KEY (workspace_id, day, model, kind, cached)) WITHOUT ROWID;
  CREATE TABLE cache (key TEXT PRIMARY KEY, text TEXT NOT NULL, model TEXT NOT NULL, input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
  CREATE INDEX cache_by_expiry ON cache (expires_at);
`;

describe('ledger schema', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  it('creates a missing storage folder and a WAL-mode database at the current schema version', () => {
    const storage = path.join(dir, 'nested', 'storage');
    Ledger.open(storage).close();
    const file = path.join(storage, 'ledger.sqlite');
    assert.ok(fs.existsSync(file));
    assert.equal(readPragma(file, 'user_version'), SCHEMA_VERSION);
    assert.equal(readPragma(file, 'journal_mode'), 'wal');
  });

  it('opens an existing ledger again without re-running migrations or losing rows', () => {
    const first = Ledger.open(dir);
    first.record(aRecord());
    first.close();
    const second = Ledger.open(dir);
    try {
      assert.equal(second.history('ws-1', 10).length, 1);
      assert.equal(readPragma(path.join(dir, 'ledger.sqlite'), 'user_version'), SCHEMA_VERSION);
    } finally {
      second.close();
    }
  });

  it('brings a version-1 ledger up to date, keeping its rows and totals, which count as reported (not estimated)', () => {
    // A ledger exactly as version 1 left it: the first migration only, one request in it.
    const file = path.join(dir, 'ledger.sqlite');
    const db = new (loadSqlite().DatabaseSync)(file);
    db.exec(VERSION_1_SCHEMA);
    db.exec(`INSERT INTO requests (workspace_id, at, day, month, kind, difficulty, model, input_tokens, output_tokens,
      cost_usd, latency_ms, outcome, cached, reasons) VALUES ('ws-1', 0, '2025-03-10', '2025-03', 'ask', 'easy', 'm', 10, 5, 0.25, 1, 'ok', 0, '[]')`);
    db.exec(`INSERT INTO daily_totals VALUES ('ws-1', '2025-03-10', 'm', 'ask', 0, 1, 0.25, 10, 5, 0)`);
    db.exec('PRAGMA user_version = 1');
    db.close();

    const ledger = Ledger.open(dir);
    try {
      assert.equal(readPragma(file, 'user_version'), SCHEMA_VERSION);
      const usage = ledger.usage('ws-1', new Date(2025, 2, 10, 12));
      assert.equal(usage.total.requests, 1);
      assert.equal(usage.total.costUsd, 0.25);
      assert.equal(usage.total.estimatedRequests, 0);
      ledger.record(aRecord({ tokensEstimated: true }));
      assert.equal(ledger.usage('ws-1', new Date(2025, 2, 10, 12)).total.estimatedRequests, 1);
    } finally {
      ledger.close();
    }
  });

  it('upgrades a ledger from before refusals were flagged: its answers read as not refused, a new refusal reads as refused', () => {
    const file = path.join(dir, 'ledger.sqlite');
    const db = new (loadSqlite().DatabaseSync)(file);
    db.exec(VERSION_1_SCHEMA);
    db.exec(`INSERT INTO requests (workspace_id, at, day, month, kind, difficulty, model, input_tokens, output_tokens,
      cost_usd, latency_ms, outcome, cached, reasons) VALUES ('ws-1', 0, '2025-03-10', '2025-03', 'ask', 'easy', 'm', 10, 5, 0.25, 1, 'ok', 0, '[]')`);
    db.exec('PRAGMA user_version = 1');
    db.close();

    const ledger = Ledger.open(dir);
    try {
      assert.equal(ledger.history('ws-1', 1)[0].refused, undefined);
      ledger.record(aRecord({ at: 1_000, refused: true }));
      const [refused, old] = ledger.history('ws-1', 2);
      assert.deepEqual([refused.outcome, refused.refused, old.refused], ['ok', true, undefined]);
    } finally {
      ledger.close();
    }
  });

  it('upgrades a ledger from before client attribution in place: its requests count as the editor’s, new ones by client', () => {
    const file = path.join(dir, 'ledger.sqlite');
    const db = new (loadSqlite().DatabaseSync)(file);
    db.exec(VERSION_1_SCHEMA);
    db.exec(`INSERT INTO requests (workspace_id, at, day, month, kind, difficulty, model, input_tokens, output_tokens,
      cost_usd, latency_ms, outcome, cached, reasons) VALUES ('ws-1', 0, '2025-03-10', '2025-03', 'ask', 'easy', 'm', 10, 5, 0.25, 1, 'ok', 0, '[]')`);
    db.exec(`INSERT INTO daily_totals VALUES ('ws-1', '2025-03-10', 'm', 'ask', 0, 1, 0.25, 10, 5, 0)`);
    db.exec(`INSERT INTO daily_totals VALUES ('ws-1', '2025-03-09', 'n', 'explain', 0, 2, 0.5, 20, 8, 1)`);
    db.exec(`INSERT INTO daily_totals VALUES ('ws-2', '2025-03-09', 'n', 'explain', 0, 1, 0.125, 3, 1, 0)`);
    db.exec('PRAGMA user_version = 1');
    db.close();

    const ledger = Ledger.open(dir);
    try {
      assert.equal(readPragma(file, 'user_version'), SCHEMA_VERSION);
      const now = new Date(2025, 2, 10, 12);
      const before = ledger.usage('ws-1', now);
      assert.deepEqual(Object.keys(before.byClient), [EDITOR_CLIENT]);
      assert.deepEqual(before.byClient[EDITOR_CLIENT], before.total, 'every old request, cost and token is the editor’s');
      assert.equal(before.byClient[EDITOR_CLIENT].requests, 3);
      assert.equal(ledger.usage('ws-2', now).byClient[EDITOR_CLIENT].costUsd, 0.125);
      assert.equal(ledger.history('ws-1', 1)[0].client, EDITOR_CLIENT);
      ledger.record(aRecord({ client: 'OpenAI/JS 5.10.1', costUsd: 0.5 }));
      const after = ledger.usage('ws-1', now);
      assert.equal(after.byClient['OpenAI/JS 5.10.1'].costUsd, 0.5);
      assert.equal(after.byClient[EDITOR_CLIENT].requests, 3);
    } finally {
      ledger.close();
    }
  });

  it('lets two connections open the same ledger at once', () => {
    const a = Ledger.open(dir);
    const b = Ledger.open(dir);
    try {
      a.record(aRecord({ costUsd: 0.5 }));
      assert.equal(b.history('ws-1', 10).length, 1);
    } finally {
      a.close();
      b.close();
    }
  });

  it('moves an unreadable ledger file aside and starts a fresh one, saying where the old one went', () => {
    const file = path.join(dir, 'ledger.sqlite');
    const garbage = Buffer.from('this was a ledger until something overwrote it '.repeat(200));
    fs.writeFileSync(file, garbage);
    fs.writeFileSync(`${file}-wal`, 'stale wal');

    const ledger = Ledger.open(dir);
    try {
      assert.match(ledger.notice ?? '', /could not be read \(file is not a database\); it was moved to .*ledger\.sqlite\.unreadable-/);
      // SQLite itself may already have dropped the stale -wal when the failed connection closed.
      const moved = fs.readdirSync(dir).filter((name) => name.startsWith('ledger.sqlite.unreadable-'));
      const [main] = moved.filter((name) => !name.endsWith('-wal') && !name.endsWith('-shm'));
      assert.ok(main, moved.join(', '));
      assert.deepEqual(fs.readFileSync(path.join(dir, main)), garbage, 'the old file is kept byte for byte');
      ledger.record(aRecord());
      assert.equal(ledger.history('ws-1', 10).length, 1, 'the fresh ledger works');
    } finally {
      ledger.close();
    }
    const again = Ledger.open(dir);
    assert.equal(again.notice, undefined, 'a readable ledger opens without a notice');
    again.close();
  });

  it('refuses a ledger written by a newer schema version instead of misreading it', () => {
    Ledger.open(dir).close();
    const db = new (loadSqlite().DatabaseSync)(path.join(dir, 'ledger.sqlite'));
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => Ledger.open(dir), /newer LLM Router/);
    assert.deepEqual(fs.readdirSync(dir).filter((name) => name.includes('unreadable')), [], 'a newer ledger is never moved aside');
  });
});
