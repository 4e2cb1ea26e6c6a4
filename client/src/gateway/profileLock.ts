// A lock shared by every window of a VS Code profile: a directory in the extension's global
// storage folder (one per profile, the ledger's folder), made with mkdir, which succeeds for
// exactly one process. Pure Node (no vscode import) so the unit tests run it for real.
import { mkdir, rm, stat } from 'node:fs/promises';

/** Held longer than this, the lock is taken to be a crashed window's and broken. */
const STALE_AFTER_MS = 10_000;
const POLL_MS = 25;

/**
 * Runs `work` while holding the lock at `path` (a directory that must not exist otherwise).
 * Waits for another holder; breaks a lock left by a window that died holding it.
 */
export async function withProfileLock<T>(path: string, work: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  for (;;) {
    try {
      await mkdir(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(path, now())) await rm(path, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}

async function isStale(path: string, at: number): Promise<boolean> {
  try {
    return at - (await stat(path)).mtimeMs > STALE_AFTER_MS;
  } catch {
    return false; // released meanwhile: try again
  }
}
