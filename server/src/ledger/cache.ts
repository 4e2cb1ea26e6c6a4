// The response cache: identical requests (same model, prompt and settings that
// shape the answer) reuse a stored answer instead of paying for a new one.
import { createHash } from 'node:crypto';
import type { DatabaseSync, StatementSync } from './sqlite';
import type { CachedResponse } from './types';

/** Expired rows are invisible to get() at once; deleting them can wait this long. */
const PURGE_INTERVAL_MS = 60 * 60_000;

/**
 * sha256 (hex) of `parts` as JSON with object keys sorted at every level, so
 * `{a, b}` and `{b, a}` give one key. Values follow JSON.stringify: undefined
 * object fields are dropped, Dates become ISO strings, Maps/Sets become `{}`.
 */
export function cacheKey(parts: unknown): string {
  const json = JSON.stringify(parts, (_key, value: unknown) => (isPlainObject(value) ? sortKeys(value) : value));
  if (json === undefined) throw new TypeError('cacheKey: parts must be JSON-serialisable');
  return createHash('sha256').update(json).digest('hex');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]));
}

export class ResponseCache {
  private readonly select: StatementSync;
  private readonly upsert: StatementSync;
  private readonly deleteAll: StatementSync;
  private readonly deleteExpired: StatementSync;
  private nextPurgeAt = 0;

  constructor(db: DatabaseSync) {
    this.select = db.prepare(`
      SELECT text, model, input_tokens AS inputTokens, output_tokens AS outputTokens
      FROM cache WHERE key = ? AND expires_at > ?`);
    this.upsert = db.prepare(`
      INSERT INTO cache (key, text, model, input_tokens, output_tokens, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET text = excluded.text, model = excluded.model,
        input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
        created_at = excluded.created_at, expires_at = excluded.expires_at`);
    this.deleteAll = db.prepare('DELETE FROM cache');
    this.deleteExpired = db.prepare('DELETE FROM cache WHERE expires_at <= ?');
  }

  /** The stored answer, unless there is none or it has expired by `now` (epoch ms). */
  get(key: string, now = Date.now()): CachedResponse | undefined {
    const row = this.select.get(key, now) as CachedResponse | undefined;
    return row ? { ...row } : undefined;
  }

  /** Stores (or replaces) the answer for `ttlMs`; a non-positive ttl stores nothing. */
  put(key: string, value: CachedResponse, ttlMs: number, now = Date.now()): void {
    if (!(ttlMs > 0)) return;
    this.upsert.run(key, value.text, value.model, value.inputTokens, value.outputTokens, now, now + ttlMs);
    this.purgeIfDue(now);
  }

  clear(): void {
    this.deleteAll.run();
  }

  /** Deletes expired rows and returns how many; also runs by itself at most hourly from put(). */
  purgeExpired(now = Date.now()): number {
    this.nextPurgeAt = now + PURGE_INTERVAL_MS;
    return Number(this.deleteExpired.run(now).changes);
  }

  private purgeIfDue(now: number): void {
    if (now >= this.nextPurgeAt) this.purgeExpired(now);
  }
}
