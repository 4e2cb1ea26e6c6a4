// Keeps a running gateway in step with its --settings file, as the editor's settings
// apply live: an edit is picked up within a second (the file's stat is polled, which
// also survives editors that save by replacing the file), or at once on SIGHUP. A file
// that cannot be read, parsed or validated is reported, and the last good settings stay.
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { Router } from '../pipeline/router';
import { readSettingsObject } from './settings-file';

const POLL_INTERVAL_MS = 1000;

export function reloadSettingsOnChange(path: string, router: Router, log: (line: string) => void): () => void {
  const reload = (trigger: string): void => {
    let raw: unknown;
    try {
      raw = readSettingsObject(path);
    } catch (error) {
      log(`settings not reloaded (${trigger}): ${(error as Error).message}; the last good settings stay active`);
      return;
    }
    const result = router.updateSettings(raw);
    if (!result.ok) {
      log(`settings not reloaded (${trigger}): invalid settings: ${result.errors.join('; ')}; the last good settings stay active`);
      return;
    }
    log(`settings reloaded from ${path} (${trigger})`);
    for (const warning of result.warnings) log(`warning: ${warning}`);
  };
  const onChange = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) reload('file changed');
  };
  const onHangUp = (): void => reload('SIGHUP');
  // Not persistent: the watch alone must not keep a stopping gateway alive.
  watchFile(path, { interval: POLL_INTERVAL_MS, persistent: false }, onChange);
  process.on('SIGHUP', onHangUp);
  return () => {
    unwatchFile(path, onChange);
    process.off('SIGHUP', onHangUp);
  };
}
