// The ledger's schema, versioned with PRAGMA user_version: migration N (1-based)
// brings a database from version N-1 to N. Append new migrations; never edit one
// that has shipped, since existing ledgers already ran it.
import type { DatabaseSync } from './sqlite';

const MIGRATIONS: readonly string[] = [
  // 1: requests with their attempts, per-day rollups and the response cache.
  `
  CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    day TEXT NOT NULL,
    month TEXT NOT NULL,
    kind TEXT NOT NULL,
    difficulty TEXT NOT NULL,
    model TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cost_usd REAL,
    latency_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'blocked', 'cancelled')),
    cached INTEGER NOT NULL CHECK (cached IN (0, 1)),
    reasons TEXT NOT NULL
  );
  CREATE INDEX requests_by_workspace_time ON requests (workspace_id, at);

  CREATE TABLE attempts (
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    model TEXT NOT NULL,
    ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
    error TEXT,
    latency_ms INTEGER,
    PRIMARY KEY (request_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX attempts_by_time ON attempts (at);

  -- Totals per workspace, local day, model, kind and cached flag, kept in the same
  -- transaction as each request row. spend() runs before every request and usage()
  -- after it; reading a few rollup rows keeps both flat however long the history
  -- grows, where summing requests would scan every row of the month.
  CREATE TABLE daily_totals (
    workspace_id TEXT NOT NULL,
    day TEXT NOT NULL,
    model TEXT NOT NULL,
    kind TEXT NOT NULL,
    cached INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    unpriced INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, day, model, kind, cached)
  ) WITHOUT ROWID;

  CREATE TABLE cache (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    model TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX cache_by_expiry ON cache (expires_at);
  `,
  // 2: token counts the router had to estimate (a stream cancelled half-way, a server
  // that streams no usage), flagged per request and counted per day, so a total
  // that rests partly on estimates can say so.
  `
  ALTER TABLE requests ADD COLUMN tokens_estimated INTEGER NOT NULL DEFAULT 0 CHECK (tokens_estimated IN (0, 1));
  ALTER TABLE daily_totals ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0;
  `,
  // 3: the latest answers of one kind in a workspace, for typical answer lengths
  // (typical-output.ts), without scanning every request of the workspace.
  `
  CREATE INDEX requests_by_workspace_kind_time ON requests (workspace_id, kind, at);
  `,
  // 4: what a failed attempt was billed (NULL when nothing): the text a stream sent before
  // breaking off (estimated), or an unusable reply's reported usage (billed_reported = 1).
  // billed_cost_usd is NULL with billed tokens when the model has no known price. The
  // request row's cost includes these, and each adds to its own model's daily totals
  // with no request.
  `
  ALTER TABLE attempts ADD COLUMN billed_input_tokens INTEGER;
  ALTER TABLE attempts ADD COLUMN billed_output_tokens INTEGER;
  ALTER TABLE attempts ADD COLUMN billed_cost_usd REAL;
  ALTER TABLE attempts ADD COLUMN billed_reported INTEGER NOT NULL DEFAULT 0 CHECK (billed_reported IN (0, 1));
  `,
  // 5: who sent each request (a gateway caller, another extension; NULL for the editor's
  // own commands), and its rollup per workspace, local day and client, kept beside
  // daily_totals so spend by client reads a few rows too. Existing requests predate the
  // attribution and count as the editor's ('' in the rollup, whose key cannot be NULL).
  `
  ALTER TABLE requests ADD COLUMN client TEXT;
  CREATE TABLE client_totals (
    workspace_id TEXT NOT NULL,
    day TEXT NOT NULL,
    client TEXT NOT NULL,
    requests INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    unpriced INTEGER NOT NULL,
    estimated INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, day, client)
  ) WITHOUT ROWID;
  INSERT INTO client_totals
    SELECT workspace_id, day, '', SUM(requests), SUM(cost_usd), SUM(input_tokens), SUM(output_tokens), SUM(unpriced),
      SUM(estimated)
    FROM daily_totals GROUP BY workspace_id, day;
  `,
  // 6: what the user did with an answer (feedback.ts): kept a refactoring or discarded it,
  // undid it, retried on a stronger model, accepted an inline completion. The learner
  // (learn/) reads a workspace's recent events by kind and model to move the quality bar.
  `
  CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    model TEXT NOT NULL,
    signal TEXT NOT NULL CHECK (signal IN ('accepted', 'rejected', 'retried', 'undone'))
  );
  -- Covering: the learner's count per kind, model and signal reads the index alone.
  CREATE INDEX feedback_by_workspace_time ON feedback (workspace_id, at, kind, model, signal);
  `,
  // 7: how far each journal file (journal.ts) has been copied into the ledger, written in the
  // same transaction as the rows it copies: a process killed between that commit and emptying
  // its journal leaves entries that whoever adopts the file must not copy a second time.
  `
  CREATE TABLE journal_copied (
    journal TEXT PRIMARY KEY,
    through_entry INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 8: the spend of every workspace together by day (the all-workspaces budget, read before
  // each request with such a limit): covering, so a month's spend reads the index's rows of
  // that month alone instead of every workspace's whole history in the primary key.
  `
  CREATE INDEX daily_totals_by_day ON daily_totals (day, cost_usd);
  `,
  // 9: answers in which the model declined (OpenAI's refusal, Anthropic's stop_reason "refusal"):
  // outcome 'ok' (answered, and billed), flagged so the routing log tells them apart. Existing
  // rows predate the flag and read 0.
  `
  ALTER TABLE requests ADD COLUMN refused INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1));
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Brings the database to SCHEMA_VERSION; safe to run on every open and from two processes at once. */
export function migrate(db: DatabaseSync): void {
  if (userVersion(db) === SCHEMA_VERSION) return;
  // IMMEDIATE takes the write lock first, so a second process opening the same
  // ledger waits and then sees the version the first one wrote.
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = userVersion(db);
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `The ledger was written by a newer LLM Router (schema ${current}; this version knows ${SCHEMA_VERSION}). Update the extension.`,
      );
    }
    for (let version = current; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]);
    // PRAGMA takes no bound parameters; the value is our own integer constant.
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
