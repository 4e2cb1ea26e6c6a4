// The `pg` client, loaded only when a ledger on PostgreSQL is asked for: the editor's
// server and a gateway on SQLite never evaluate it (it stays a dormant module in the bundle).
import type * as Pg from 'pg';

/** Our own integers (epoch ms, token counts, sums) fit a double; pg returns int8 and numeric as strings by default. */
const NUMERIC_OIDS = new Set([20, 1700]);

export type Pool = Pg.Pool;
export type PoolClient = Pg.PoolClient;

export interface PoolOptions {
  /** How long a connection may take before the call fails (the store then journals). */
  connectTimeoutMs?: number;
  /** How long one statement may run before the call fails. */
  queryTimeoutMs?: number;
  max?: number;
  /**
   * How long a statement waits for a lock before PostgreSQL refuses it (55P03): a session
   * holding a table's lock then costs a request this long, not every statement's timeout.
   */
  lockTimeoutMs?: number;
}

export function createPool(url: string, options: PoolOptions = {}): Pool {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof Pg;
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      NUMERIC_OIDS.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as Pg.CustomTypesConfig['getTypeParser'],
  };
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    query_timeout: options.queryTimeoutMs ?? 10_000,
    ...(options.lockTimeoutMs === undefined ? {} : { lock_timeout: options.lockTimeoutMs }),
    // Idle connections closed by a restarted server are dropped, not reused.
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that breaks (server restarted) emits 'error' on the pool: without a
  // listener that would end the process. The next query finds out and the store journals.
  pool.on('error', () => undefined);
  return pool;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Runs `work` in a transaction on one connection, rolling back on any error. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true; // the connection itself failed: do not return it to the pool
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
