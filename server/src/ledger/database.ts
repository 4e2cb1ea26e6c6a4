import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrate } from './schema';
import { type DatabaseSync, loadSqlite } from './sqlite';

export const LEDGER_FILE = 'ledger.sqlite';

/** Another router process (a second VS Code window) may hold the write lock briefly. */
const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating if needed) `<storageDir>/ledger.sqlite` at the current schema version. */
export function openDatabase(storageDir: string): DatabaseSync {
  fs.mkdirSync(storageDir, { recursive: true });
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(path.join(storageDir, LEDGER_FILE));
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    // Durability: the promise is that a row a client saw survives the router
    // being killed (kill -9, VS Code crashing). In WAL mode a commit has been
    // write()n to the -wal file before it returns; the OS holds those pages, so
    // a dead process loses nothing. synchronous=NORMAL skips the fsync per
    // commit, so an OS crash or power cut may lose the last few transactions
    // (never corrupts the file). FULL would fsync every request for a guarantee
    // against power loss that a cost ledger does not need.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
