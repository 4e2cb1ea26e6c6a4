// Reads what the router server recorded in <globalStorage>/ledger.sqlite (schema:
// server/src/ledger/schema.ts), read-only, so the UI's numbers can be compared with the
// ledger's. Needs Node >= 22.13 for node:sqlite (the project's pinned Node).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Local date as YYYY-MM-DD, the form the ledger's `day` column uses (server/src/ledger/localTime.ts). */
function localDay(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Runs `read(db)` on a read-only connection to the ledger; `empty` when there is no ledger yet. */
function withLedger(globalStorage, empty, read) {
  const file = path.join(globalStorage, 'ledger.sqlite');
  if (!fs.existsSync(file)) return empty;
  const { DatabaseSync } = require('node:sqlite');
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

/**
 * Today's request rows, oldest first:
 * `{ id, workspaceId, kind, model, costUsd, unpriced, outcome, cached, latencyMs, client, tokensEstimated }`
 * (`client` is null for the editor's own requests)
 * (`costUsd` is 0 for an unknown price, which `unpriced` tells apart).
 */
function todaysRequests(globalStorage) {
  return withLedger(globalStorage, [], (db) => db
    .prepare(
      `SELECT id, workspace_id AS workspaceId, kind, model, cost_usd AS costUsd, outcome, cached, latency_ms AS latencyMs,
         client, tokens_estimated AS tokensEstimated FROM requests WHERE day = ? ORDER BY id`,
    )
    .all(localDay())
    .map((row) => ({ ...row, costUsd: row.costUsd ?? 0, unpriced: row.costUsd === null, cached: row.cached === 1 })));
}

/** The provider calls the router made for request `requestId`, in order: `{ model, ok, error }`. */
function attemptsOf(globalStorage, requestId) {
  return withLedger(globalStorage, [], (db) => db
    .prepare('SELECT model, ok, error FROM attempts WHERE request_id = ? ORDER BY seq')
    .all(requestId)
    .map((row) => ({ ...row, ok: row.ok === 1 })));
}

module.exports = { todaysRequests, attemptsOf };
