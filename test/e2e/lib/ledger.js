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

/** Today's request rows, oldest first: `{ workspaceId, kind, model, costUsd, outcome, cached }`. */
function todaysRequests(globalStorage) {
  const file = path.join(globalStorage, 'ledger.sqlite');
  if (!fs.existsSync(file)) return [];
  const { DatabaseSync } = require('node:sqlite');
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return db
      .prepare(
        `SELECT workspace_id AS workspaceId, kind, model, cost_usd AS costUsd, outcome, cached
           FROM requests WHERE day = ? ORDER BY id`,
      )
      .all(localDay())
      .map((row) => ({ ...row, costUsd: row.costUsd ?? 0, cached: row.cached === 1 }));
  } finally {
    db.close();
  }
}

module.exports = { todaysRequests };
