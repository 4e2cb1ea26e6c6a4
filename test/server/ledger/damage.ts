// Damages a ledger the way a bad disk or a stray write does: one page inside the file
// zeroed, the header left intact, so SQLite opens it and fails only on the rows there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LEDGER_FILE } from '../../../server/src/ledger/database';
import { Ledger } from '../../../server/src/ledger/ledger';
import { loadSqlite } from '../../../server/src/ledger/sqlite';
import { aRecord } from './helpers';

/** A ledger with enough requests that their table spans many pages. */
export function ledgerWithRequests(dir: string, count = 400): void {
  const ledger = Ledger.open(dir);
  for (let i = 0; i < count; i++) ledger.record(aRecord({ reasons: [`reason ${i} `.repeat(20)] }));
  ledger.close();
}

/**
 * Zeroes the root page of the requests table (an interior page once the table spans
 * several), after moving every committed page into the main file. Works on a ledger
 * another connection has open: it reads the page again once the file changed.
 */
export function zeroRequestsRootPage(dir: string): void {
  const file = path.join(dir, LEDGER_FILE);
  const db = new (loadSqlite().DatabaseSync)(file);
  let root: number;
  let pageSize: number;
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    root = Number((db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'requests'").get() as { rootpage: number }).rootpage);
    pageSize = Number((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
  } finally {
    db.close();
  }
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (root - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

/** A write by another connection to a table other than requests: readers of the ledger drop their page cache. */
export function touchFromAnotherConnection(dir: string): void {
  const db = new (loadSqlite().DatabaseSync)(path.join(dir, LEDGER_FILE));
  try {
    db.exec("INSERT OR REPLACE INTO cache (key, text, model, input_tokens, output_tokens, created_at, expires_at) VALUES ('touch', '', 'm', 0, 0, 0, 0)");
  } finally {
    db.close();
  }
}
