import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Ledger } from '../../../server/src/ledger/ledger';
import { loadSqlite } from '../../../server/src/ledger/sqlite';
import { makeTempDir, removeDir } from './helpers';

const CHILD = path.join(__dirname, 'fixtures', 'recordUntilKilled.ts');
const KILL_AFTER_ROWS = 300;

/** Runs the child until it has reported KILL_AFTER_ROWS rows, SIGKILLs it, and returns every id it reported. */
function recordThenKill(storageDir: string): Promise<{ reported: number[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, storageDir], {
      cwd: path.resolve(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: number[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^recorded (\d+)$/.exec(line);
        if (match) reported.push(Number(match[1]));
      }
      if (reported.length >= KILL_AFTER_ROWS) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended with ${code ?? signal} before being killed: ${stderr}`));
      else resolve({ reported, signal });
    });
  });
}

describe('ledger durability', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  it('keeps every request the process reported as recorded when it is killed with SIGKILL', async () => {
    const { reported, signal } = await recordThenKill(dir);
    assert.equal(signal, 'SIGKILL');
    assert.ok(reported.length >= KILL_AFTER_ROWS);

    const ledger = Ledger.open(dir);
    try {
      const requests = ledger.usage('durable').total.requests;
      assert.ok(requests >= reported.length, `${requests} rows for ${reported.length} reported`);
    } finally {
      ledger.close();
    }
    const db = new (loadSqlite().DatabaseSync)(path.join(dir, 'ledger.sqlite'));
    try {
      const ids = new Set(db.prepare('SELECT id FROM requests').all().map((r) => Number(r.id)));
      const missing = reported.filter((id) => !ids.has(id));
      assert.deepEqual(missing, []);
      const attempts = db.prepare('SELECT COUNT(*) AS n FROM attempts').get()?.n;
      assert.equal(attempts, ids.size, 'every surviving request kept its attempt row');
      assert.equal(db.prepare('PRAGMA integrity_check').get()?.integrity_check, 'ok');
    } finally {
      db.close();
    }
  });
});
