// The settings file's `team` section, read by the gateway only (the editor has no team
// server to point at): `{ "llmRouter": { ...routing settings }, "team": { "postgres": "postgres://..." } }`
// (or `team` inside a bare settings object). The command line wins over the file.
import { readFileSync } from 'node:fs';

export interface TeamSettings {
  postgres?: string;
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
  const { postgres } = team as { postgres?: unknown };
  if (postgres !== undefined && (typeof postgres !== 'string' || postgres === '')) {
    throw new Error(`--settings ${path}: team.postgres must be a postgres:// URL`);
  }
  return { postgres: postgres as string | undefined };
}
