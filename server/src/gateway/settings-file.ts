// `--settings FILE.json`: the same `llmRouter` settings object the editor sends. Unlike the
// editor (which keeps the last good settings), a gateway with bad settings refuses to start:
// there is no settings UI to notice a warning in. Once running, see settings-reload.ts.
import { readFileSync } from 'node:fs';
import { defaultSettings, parseSettings, type Settings } from '../../../shared/settings';

export function loadSettingsFile(path: string | undefined): Settings {
  if (path === undefined) return defaultSettings;
  const parsed = parseSettings(readSettingsObject(path));
  if (!parsed.ok) throw new Error(`--settings ${path}: invalid settings: ${parsed.errors.join('; ')}`);
  return parsed.settings;
}

/** The file's settings object, not yet validated; throws naming the file when it cannot be read or parsed. */
export function readSettingsObject(path: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--settings ${path}: ${(error as Error).message}`);
  }
  // Accept both the bare object and `{ "llmRouter": { ... } }` as copied from settings.json.
  return (raw as { llmRouter?: unknown } | null)?.llmRouter ?? raw;
}
