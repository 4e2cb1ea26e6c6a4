// The settings file's `team` section, read by the gateway only (the editor has no team
// server to point at): `{ "team": { "postgres": "postgres://...", "redis": "redis://..." } }`,
// beside (or inside `llmRouter` with) the routing settings. The command line wins over the file.
import { readSettingsObject } from './settings-file';

export interface TeamSettings {
  postgres?: string;
  /** Where N replicas share breakers, key cooldowns, budget counters, rates and the cache (shared-state/). */
  redis?: string;
}

export function readTeamSettings(path: string | undefined): TeamSettings {
  if (path === undefined) return {};
  const team = (readSettingsObject(path) as { team?: unknown } | null)?.team;
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
