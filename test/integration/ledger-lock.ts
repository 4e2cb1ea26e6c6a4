// A second process holding the ledger's write lock, and a row count read beside it
// (ledger-locked.test.ts, the chaos run).
import { spawn, type ChildProcess } from 'node:child_process';
import { loadSqlite } from '../../server/src/ledger/sqlite';

/** A second process with the write lock; `release()` commits and lets it exit. */
export async function holdWriteLock(ledgerFile: string): Promise<{ child: ChildProcess; release: () => Promise<void> }> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--no-warnings', '-e', script, ledgerFile], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code})`)));
  });
  const release = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.stdin!.write('release\n');
    await exited;
  };
  return { child, release };
}

export function countRequests(ledgerFile: string): number {
  const db = new (loadSqlite().DatabaseSync)(ledgerFile, { readOnly: true });
  try {
    return Number((db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n);
  } finally {
    db.close();
  }
}
