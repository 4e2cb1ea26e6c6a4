import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrate } from './schema';
import { type DatabaseSync, loadSqlite } from './sqlite';

export const LEDGER_FILE = 'ledger.sqlite';

/** At open (schema migration), another router process may hold the write lock briefly: wait for it. */
const BUSY_TIMEOUT_MS = 5_000;
/**
 * Once running, a statement waits at most this for the lock: the wait blocks the whole
 * event loop. A request that cannot get the lock goes to the journal (journal.ts).
 */
const RUNNING_BUSY_TIMEOUT_MS = 50;

// SQLite's primary result codes for a file that is not, or is no longer, a database:
// SQLITE_CORRUPT and SQLITE_NOTADB (extended codes carry them in their low byte).
const UNREADABLE_CODES = new Set([11, 26]);

export interface OpenedDatabase {
  db: DatabaseSync;
  /** Where an unreadable ledger was moved before a fresh one was started, if that happened. */
  movedAside?: { path: string; reason: string };
}

/**
 * Opens (creating if needed) `<storageDir>/ledger.sqlite` at the current schema version.
 * A file SQLite cannot read (truncated, overwritten, not a database) would stop every
 * request, so it is moved aside, with its WAL, and a fresh ledger started: the caller
 * tells the user where the old one went. Any other failure (a ledger from a newer
 * version, a locked or read-only folder) is thrown: moving those aside would lose data.
 */
export function openDatabase(storageDir: string): OpenedDatabase {
  fs.mkdirSync(storageDir, { recursive: true });
  const file = path.join(storageDir, LEDGER_FILE);
  try {
    return { db: openAtCurrentSchema(file) };
  } catch (error) {
    if (!isUnreadable(error)) throw error;
    const aside = moveAside(file);
    return { db: openAtCurrentSchema(file), movedAside: { path: aside, reason: (error as Error).message } };
  }
}

/**
 * Moves a ledger found damaged while running (the caller has closed it) aside and opens
 * a fresh one in its place.
 */
export function replaceDamaged(storageDir: string, reason: string): OpenedDatabase {
  const file = path.join(storageDir, LEDGER_FILE);
  const aside = moveAside(file);
  return { db: openAtCurrentSchema(file), movedAside: { path: aside, reason } };
}

/** Renames the ledger with its -wal and -shm files; returns the new name of the main file. */
function moveAside(file: string): string {
  const aside = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/** SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock. */
export function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && ((code & 0xff) === 5 || (code & 0xff) === 6);
}

/** SQLITE_CORRUPT or SQLITE_NOTADB, from opening or from any later statement. */
export function isUnreadable(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && UNREADABLE_CODES.has(code & 0xff);
}

/** An error carrying SQLITE_CORRUPT, for damage found by a check rather than by a failing statement. */
class CorruptLedgerError extends Error {
  readonly errcode = 11;
}

/**
 * PRAGMA quick_check reads every page once (milliseconds for a ledger of many thousand
 * requests): a page zeroed or overwritten inside the file is found at open, not by the
 * first request that happens to touch it.
 */
function checkPages(db: DatabaseSync): void {
  const rows = db.prepare('PRAGMA quick_check(1)').all() as { quick_check: string }[];
  const problem = rows.map((r) => r.quick_check).find((line) => line !== 'ok');
  if (problem === undefined) return;
  const first = problem.replace(/\*\*\* in database main \*\*\*/, '').replace(/\s+/g, ' ').trim().slice(0, 160);
  throw new CorruptLedgerError(`database disk image is malformed: ${first}`);
}

function openAtCurrentSchema(file: string): DatabaseSync {
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(file);
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
    checkPages(db);
    migrate(db);
    db.exec(`PRAGMA busy_timeout = ${RUNNING_BUSY_TIMEOUT_MS}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
