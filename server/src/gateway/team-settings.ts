// The settings file's `team` section, read by the gateway only (the editor has no team
// server to point at): `{ "llmRouter": { ...routing settings }, "team": { "postgres": "postgres://...",
// "redis": "redis://..." } }` (or `team` inside a bare settings object). The command line wins over the file.
import { readFileSync } from 'node:fs';

export interface TeamSettings {
  postgres?: string;
  /** Where N replicas share breakers, key cooldowns, budget counters, rates and the cache (shared-state/). */
  redis?: string;
}

export function readTeamSettings(path: string | undefined): TeamSettings {
  if (path === undefined) return {};
  let raw: { team?: unknown; llmRouter?: { team?: unknown } } | null;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--settings ${path}: ${(error as Error).message}`);
  }
  const team = raw?.team ?? raw?.llmRouter?.team;
  if (team === undefined) return {};
  if (typeof team !== 'object' || team === null) throw new Error(`--settings ${path}: team must be an object`);
  const { postgres, redis } = team as { postgres?: unknown; redis?: unknown };
  if (postgres !== undefined && (typeof postgres !== 'string' || postgres === '')) {
    throw new Error(`--settings ${path}: team.postgres must be a postgres:// URL`);
  }
  if (redis !== undefined && (typeof redis !== 'string' || redis === '')) {
    throw new Error(`--settings ${path}: team.redis must be a redis:// URL`);
  }
  return { postgres: postgres as string | undefined, redis: redis as string | undefined };
}
