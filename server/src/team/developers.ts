// Developers of a team gateway and their gateway tokens, in PostgreSQL. A token is shown
// once, when it is created, and only its sha256 is stored: a copy of the database lets
// nobody spend. Provider keys are not here at all: they stay in the gateway's environment.
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from '../ledger/postgres/driver';
import type { Principal } from '../gateway/principal';

export interface Developer {
  name: string;
  team?: string;
  createdAt: number;
  revokedAt?: number;
}

/** A limit left out is no limit. */
export interface Limits {
  dailyUsd?: number;
  monthlyUsd?: number;
  rpm?: number;
}

export type LimitScope = { developer: string } | { team: string };

/** A new limit per field: a number sets it, null removes it, undefined leaves it as it is. */
export type LimitChange = { [K in keyof Limits]?: number | null };

const TOKEN_PREFIX = 'lrt_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function scopeKey(scope: LimitScope): string {
  return 'developer' in scope ? `developer:${scope.developer}` : `team:${scope.team}`;
}

/** Runs one call to PostgreSQL on a request's path (the store's bounded wait); the admin command runs them as they are. */
export type Guard = <T>(call: () => Promise<T>) => Promise<T>;

export class DeveloperDirectory {
  constructor(
    private readonly pool: Pool,
    private readonly guard: Guard = (call) => call(),
  ) {}

  /**
   * Creates the developer with a fresh token and returns the token (the only time it is
   * seen). A revoked developer gets a new token under the same name; a live one is refused.
   */
  async create(name: string, team: string | undefined, now = Date.now()): Promise<string> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const { rowCount } = await this.pool.query(
      `INSERT INTO developers (name, team, token_sha256, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET team = excluded.team, token_sha256 = excluded.token_sha256,
         created_at = excluded.created_at, revoked_at = NULL
       WHERE developers.revoked_at IS NOT NULL`,
      [name, team ?? null, hashToken(token), now],
    );
    if (rowCount === 0) throw new Error(`developer "${name}" already has a live token: revoke it first to issue a new one`);
    return token;
  }

  async list(): Promise<(Developer & { limits: Limits })[]> {
    const { rows } = await this.pool.query<{ name: string; team: string | null; created_at: number; revoked_at: number | null } & LimitRow>(
      `SELECT d.name, d.team, d.created_at, d.revoked_at, l.daily_usd, l.monthly_usd, l.rpm
       FROM developers d LEFT JOIN limits l ON l.scope = 'developer:' || d.name ORDER BY d.name`,
    );
    return rows.map((r) => ({
      name: r.name,
      ...(r.team === null ? {} : { team: r.team }),
      createdAt: r.created_at,
      ...(r.revoked_at === null ? {} : { revokedAt: r.revoked_at }),
      limits: limitsOf(r),
    }));
  }

  /** The teams that have limits, with them. */
  async teamLimits(): Promise<{ team: string; limits: Limits }[]> {
    const { rows } = await this.pool.query<{ scope: string } & LimitRow>(
      "SELECT scope, daily_usd, monthly_usd, rpm FROM limits WHERE scope LIKE 'team:%' ORDER BY scope",
    );
    return rows.map((r) => ({ team: r.scope.slice('team:'.length), limits: limitsOf(r) }));
  }

  /** False when there is no live developer of that name. */
  async revoke(name: string, now = Date.now()): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE developers SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL', [name, now]);
    return rowCount === 1;
  }

  async setLimits(scope: LimitScope, change: LimitChange): Promise<Limits> {
    const value = (v: number | null | undefined) => (v === undefined ? null : v);
    const keep = (field: keyof Limits) => (change[field] === undefined ? 1 : 0);
    const { rows } = await this.pool.query<LimitRow>(
      `INSERT INTO limits (scope, daily_usd, monthly_usd, rpm) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope) DO UPDATE SET
         daily_usd = CASE WHEN $5 = 1 THEN limits.daily_usd ELSE excluded.daily_usd END,
         monthly_usd = CASE WHEN $6 = 1 THEN limits.monthly_usd ELSE excluded.monthly_usd END,
         rpm = CASE WHEN $7 = 1 THEN limits.rpm ELSE excluded.rpm END
       RETURNING daily_usd, monthly_usd, rpm`,
      [scopeKey(scope), value(change.dailyUsd), value(change.monthlyUsd), value(change.rpm), keep('dailyUsd'), keep('monthlyUsd'), keep('rpm')],
    );
    return limitsOf(rows[0]);
  }

  /** The limits of each scope that has any, by scope key. */
  async limitsFor(scopes: LimitScope[]): Promise<Map<string, Limits>> {
    const { rows } = await this.guard(() =>
      this.pool.query<{ scope: string } & LimitRow>('SELECT scope, daily_usd, monthly_usd, rpm FROM limits WHERE scope = ANY($1::text[])', [
        scopes.map(scopeKey),
      ]),
    );
    return new Map(rows.map((r) => [r.scope, limitsOf(r)]));
  }

  /** Which of these token digests belong to a live developer (the others were revoked). */
  async liveAmong(hashes: string[]): Promise<Set<string>> {
    const { rows } = await this.guard(() =>
      this.pool.query<{ token_sha256: string }>('SELECT token_sha256 FROM developers WHERE token_sha256 = ANY($1::text[]) AND revoked_at IS NULL', [hashes]),
    );
    return new Set(rows.map((r) => r.token_sha256));
  }

  /** The live developer holding this token, if any. */
  async resolve(token: string): Promise<Principal | undefined> {
    const { rows } = await this.guard(() =>
      this.pool.query<{ name: string; team: string | null }>('SELECT name, team FROM developers WHERE token_sha256 = $1 AND revoked_at IS NULL', [
        hashToken(token),
      ]),
    );
    const row = rows[0];
    return row && { developer: row.name, ...(row.team === null ? {} : { team: row.team }) };
  }
}

interface LimitRow {
  daily_usd: number | null;
  monthly_usd: number | null;
  rpm: number | null;
}

function limitsOf(row: LimitRow | undefined): Limits {
  if (!row) return {};
  return {
    ...(row.daily_usd === null ? {} : { dailyUsd: row.daily_usd }),
    ...(row.monthly_usd === null ? {} : { monthlyUsd: row.monthly_usd }),
    ...(row.rpm === null ? {} : { rpm: row.rpm }),
  };
}
