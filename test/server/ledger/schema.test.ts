import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger } from '../../../server/src/ledger/ledger';
import { SCHEMA_VERSION } from '../../../server/src/ledger/schema';
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

  it('refuses a ledger written by a newer schema version instead of misreading it', () => {
    Ledger.open(dir).close();
    const db = new (loadSqlite().DatabaseSync)(path.join(dir, 'ledger.sqlite'));
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => Ledger.open(dir), /newer LLM Router/);
  });
});
