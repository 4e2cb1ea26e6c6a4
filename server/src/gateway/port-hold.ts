// Restart Server leaves the gateway's port free for about a second, between the old server
// process closing it and the new one listening again. A window standing by behind that
// gateway would take the port in the gap, and the restarted window, back a moment later,
// would find it taken and stand by behind it: agents' requests would then count in the other
// window's workspace. So the server being restarted leaves a note in the profile's storage
// folder (which every window of the profile shares, as it shares the gateway token) that its
// port is held for a few seconds; a window standing by leaves a held port alone until the
// restarted gateway listens on it again (which removes the note) or the note expires.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Longer than a restart takes (about a second); a restart that fails leaves the port to a window standing by this much later. */
export const PORT_HOLD_MS = 5_000;

export class PortHolds {
  constructor(
    /** The profile's storage folder, once known (the server's initialization options). */
    private readonly folder: () => string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Holds `port` for `ms`; false when the note could not be written (then nothing is held). */
  hold(port: number, ms = PORT_HOLD_MS): boolean {
    const file = this.file(port);
    if (file === undefined) return false;
    try {
      writeFileSync(file, String(this.now() + ms));
      return true;
    } catch {
      return false;
    }
  }

  /** True while a note holds `port` and has not expired. */
  isHeld(port: number): boolean {
    const file = this.file(port);
    if (file === undefined) return false;
    try {
      return Number(readFileSync(file, 'utf8')) > this.now();
    } catch {
      return false; // no note (the usual case), or one that cannot be read: nothing holds the port
    }
  }

  /** The port is served again: the note has done its work. */
  release(port: number): void {
    const file = this.file(port);
    try {
      if (file !== undefined) rmSync(file, { force: true });
    } catch {
      // Left to expire: it only ever delays a window standing by.
    }
  }

  private file(port: number): string | undefined {
    const folder = this.folder();
    return folder === undefined ? undefined : join(folder, `gateway-port-${port}.hold`);
  }
}
