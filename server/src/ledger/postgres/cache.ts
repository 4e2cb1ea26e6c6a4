// The response cache in PostgreSQL, with the SQLite cache's semantics (ledger/cache.ts):
// an expired answer is invisible at once and deleted at most hourly.
import type { CachedResponse } from '../types';
import type { Pool } from './driver';

const PURGE_INTERVAL_MS = 60 * 60_000;

export class PostgresResponseCache {
  private nextPurgeAt = 0;

  constructor(private readonly pool: Pool) {}

  async get(key: string, now = Date.now()): Promise<CachedResponse | undefined> {
    const { rows } = await this.pool.query<CachedResponse>(
      `SELECT text, model, input_tokens AS "inputTokens", output_tokens AS "outputTokens"
       FROM cache WHERE key = $1 AND expires_at > $2`,
      [key, now],
    );
    return rows[0] ? { ...rows[0] } : undefined;
  }

  /** Stores (or replaces) the answer for `ttlMs`; a non-positive ttl stores nothing. */
  async put(key: string, value: CachedResponse, ttlMs: number, now = Date.now()): Promise<void> {
    if (!(ttlMs > 0)) return;
    await this.pool.query(
      `INSERT INTO cache (key, text, model, input_tokens, output_tokens, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (key) DO UPDATE SET text = excluded.text, model = excluded.model, input_tokens = excluded.input_tokens,
         output_tokens = excluded.output_tokens, created_at = excluded.created_at, expires_at = excluded.expires_at`,
      [key, value.text, value.model, value.inputTokens, value.outputTokens, now, now + ttlMs],
    );
    if (now >= this.nextPurgeAt) {
      this.nextPurgeAt = now + PURGE_INTERVAL_MS;
      await this.pool.query('DELETE FROM cache WHERE expires_at <= $1', [now]);
    }
  }

  async clear(): Promise<void> {
    await this.pool.query('DELETE FROM cache');
  }
}
