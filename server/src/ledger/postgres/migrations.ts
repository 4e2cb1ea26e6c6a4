// The PostgreSQL ledger's schema, versioned in schema_migrations: migration N brings the
// database from version N-1 to N. Append new migrations; never edit one that has shipped.
// Replicas starting together take an advisory lock, so exactly one applies each migration
// and the others wait and then find the schema current.
import { inTransaction, type Pool } from './driver';

export const MIGRATIONS: readonly { name: string; sql: string }[] = [
  {
    name: 'requests, attempts, rollups, feedback and the response cache',
    // Flags are SMALLINT 0/1 and reasons JSON text, as in the SQLite ledger, so both answer alike.
    sql: `
    CREATE TABLE requests (
      id BIGSERIAL PRIMARY KEY,
      -- Chosen by the replica before the first write; a journaled request replayed twice keeps one row.
      uid BIGINT NOT NULL UNIQUE,
      workspace_id TEXT NOT NULL,
      developer TEXT,
      client TEXT,
      at BIGINT NOT NULL,
      day TEXT NOT NULL,
      month TEXT NOT NULL,
      kind TEXT NOT NULL,
      difficulty TEXT NOT NULL,
      model TEXT NOT NULL,
      input_tokens BIGINT NOT NULL,
      output_tokens BIGINT NOT NULL,
      cost_usd DOUBLE PRECISION,
      latency_ms BIGINT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'blocked', 'cancelled')),
      cached SMALLINT NOT NULL CHECK (cached IN (0, 1)),
      tokens_estimated SMALLINT NOT NULL CHECK (tokens_estimated IN (0, 1)),
      reasons TEXT NOT NULL
    );
    CREATE INDEX requests_by_workspace_time ON requests (workspace_id, at);
    CREATE INDEX requests_by_workspace_kind_time ON requests (workspace_id, kind, at);
    CREATE INDEX requests_by_developer_time ON requests (developer, at) WHERE developer IS NOT NULL;

    CREATE TABLE attempts (
      request_id BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      at BIGINT NOT NULL,
      model TEXT NOT NULL,
      ok SMALLINT NOT NULL CHECK (ok IN (0, 1)),
      error TEXT,
      latency_ms BIGINT,
      billed_input_tokens BIGINT,
      billed_output_tokens BIGINT,
      billed_cost_usd DOUBLE PRECISION,
      billed_reported SMALLINT NOT NULL DEFAULT 0 CHECK (billed_reported IN (0, 1)),
      PRIMARY KEY (request_id, seq)
    );
    CREATE INDEX attempts_by_time ON attempts (at);

    CREATE TABLE daily_totals (
      workspace_id TEXT NOT NULL,
      day TEXT NOT NULL,
      model TEXT NOT NULL,
      kind TEXT NOT NULL,
      cached SMALLINT NOT NULL,
      requests BIGINT NOT NULL,
      cost_usd DOUBLE PRECISION NOT NULL,
      input_tokens BIGINT NOT NULL,
      output_tokens BIGINT NOT NULL,
      unpriced BIGINT NOT NULL,
      estimated BIGINT NOT NULL,
      PRIMARY KEY (workspace_id, day, model, kind, cached)
    );

    CREATE TABLE client_totals (
      workspace_id TEXT NOT NULL,
      day TEXT NOT NULL,
      client TEXT NOT NULL,
      requests BIGINT NOT NULL,
      cost_usd DOUBLE PRECISION NOT NULL,
      input_tokens BIGINT NOT NULL,
      output_tokens BIGINT NOT NULL,
      unpriced BIGINT NOT NULL,
      estimated BIGINT NOT NULL,
      PRIMARY KEY (workspace_id, day, client)
    );

    CREATE TABLE feedback (
      id BIGSERIAL PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      at BIGINT NOT NULL,
      kind TEXT NOT NULL,
      model TEXT NOT NULL,
      signal TEXT NOT NULL CHECK (signal IN ('accepted', 'rejected', 'retried', 'undone'))
    );
    CREATE INDEX feedback_by_workspace_time ON feedback (workspace_id, at, kind, model, signal);

    CREATE TABLE cache (
      key TEXT PRIMARY KEY,
      text TEXT NOT NULL,
      model TEXT NOT NULL,
      input_tokens BIGINT NOT NULL,
      output_tokens BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL
    );
    CREATE INDEX cache_by_expiry ON cache (expires_at);
    `,
  },
  {
    name: 'developers with hashed gateway tokens, limits per developer and team, spend per developer and day',
    sql: `
    CREATE TABLE developers (
      name TEXT PRIMARY KEY,
      team TEXT,
      -- sha256 (hex) of the token: the token itself is shown once at creation and never stored.
      token_sha256 TEXT NOT NULL UNIQUE,
      created_at BIGINT NOT NULL,
      revoked_at BIGINT
    );
    CREATE INDEX developers_by_team ON developers (team);

    -- scope: 'developer:<name>' or 'team:<name>'; NULL means no such limit.
    CREATE TABLE limits (
      scope TEXT PRIMARY KEY,
      daily_usd DOUBLE PRECISION,
      monthly_usd DOUBLE PRECISION,
      rpm INTEGER
    );

    -- Spend per developer (and per team, as the developer's team was at the time) and local
    -- day, kept in the same transaction as each request row, so a budget check reads a few
    -- rows however long the history grows.
    CREATE TABLE developer_totals (
      developer TEXT NOT NULL,
      day TEXT NOT NULL,
      requests BIGINT NOT NULL,
      cost_usd DOUBLE PRECISION NOT NULL,
      PRIMARY KEY (developer, day)
    );
    CREATE TABLE team_totals (
      team TEXT NOT NULL,
      day TEXT NOT NULL,
      requests BIGINT NOT NULL,
      cost_usd DOUBLE PRECISION NOT NULL,
      PRIMARY KEY (team, day)
    );
    ALTER TABLE requests ADD COLUMN team TEXT;
    `,
  },
  {
    name: 'feedback tagged with the developer and team who gave it',
    sql: `
    -- A developer's feedback moves only the quality bars of their own requests (learn/learner.ts).
    ALTER TABLE feedback ADD COLUMN developer TEXT;
    ALTER TABLE feedback ADD COLUMN team TEXT;
    CREATE INDEX feedback_by_developer_time ON feedback (workspace_id, developer, at, kind, model, signal) WHERE developer IS NOT NULL;
    `,
  },
  {
    name: 'answers in which the model declined, flagged (outcome stays ok: answered and billed)',
    sql: `
    ALTER TABLE requests ADD COLUMN refused SMALLINT NOT NULL DEFAULT 0 CHECK (refused IN (0, 1));
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** pg_advisory_xact_lock key: "llmroutr" in ASCII, so it names what holds it. */
const MIGRATION_LOCK = 0x6c6c6d726f757472n;

/** Brings the database to SCHEMA_VERSION, each missing migration in the one transaction; returns the versions applied. */
export async function migrate(pool: Pool): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    // Replicas starting together wait here for the one migrating, and a migration waits for the
    // tables' users: no lock_timeout (the store's pool sets one for requests).
    await client.query('SET LOCAL lock_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    const current = rows[0].version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `the PostgreSQL ledger was written by a newer LLM Router (schema ${current}; this version knows ${SCHEMA_VERSION}): update this replica`,
      );
    }
    const applied: number[] = [];
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      const migration = MIGRATIONS[version - 1];
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, migration.name]);
      applied.push(version);
    }
    return applied;
  });
}
