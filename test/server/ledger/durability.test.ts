import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Ledger } from '../../../server/src/ledger/ledger';
import { loadSqlite } from '../../../server/src/ledger/sqlite';
import { makeTempDir, removeDir } from './helpers';

const CHILD = path.join(__dirname, 'fixtures', 'recordUntilKilled.ts');
const KILL_AFTER_ROWS = 300;

/** Runs the child until it has reported KILL_AFTER_ROWS rows, SIGKILLs it, and returns every row number it reported. */
function recordThenKill(storageDir: string, mode: 'commit' | 'soon'): Promise<{ reported: number[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, storageDir, mode], {
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

  for (const mode of ['commit', 'soon'] as const) {
    const how = mode === 'commit' ? 'committed one by one (record)' : 'journaled and committed in groups (recordSoon)';
    it(`keeps every request the process reported as recorded, once, when it is killed with SIGKILL: ${how}`, async () => {
      const { reported, signal } = await recordThenKill(dir, mode);
      assert.equal(signal, 'SIGKILL');
      assert.ok(reported.length >= KILL_AFTER_ROWS);

      // Opening the ledger copies in what the killed process left in its journal.
      const ledger = Ledger.open(dir);
      try {
        const requests = ledger.usage('durable').total.requests;
        assert.ok(requests >= reported.length, `${requests} rows for ${reported.length} reported`);
      } finally {
        ledger.close();
      }
      const db = new (loadSqlite().DatabaseSync)(path.join(dir, 'ledger.sqlite'));
      try {
        const rows = db.prepare('SELECT reasons FROM requests').all().map((r) => (JSON.parse(String(r.reasons)) as string[])[0]);
        const kept = new Set(rows);
        assert.equal(kept.size, rows.length, 'no request was copied twice');
        const missing = reported.filter((n) => !kept.has(`row ${n}`));
        assert.deepEqual(missing, []);
        const attempts = db.prepare('SELECT COUNT(*) AS n FROM attempts').get()?.n;
        assert.equal(attempts, rows.length, 'every surviving request kept its attempt row');
        assert.equal(db.prepare('PRAGMA integrity_check').get()?.integrity_check, 'ok');
      } finally {
        db.close();
      }
    });
  }
});
