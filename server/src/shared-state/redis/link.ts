// The one connection a replica keeps to Redis, and what it does when Redis goes away.
// Degrade, don't fail: every command has a short timeout and nothing queues while the link
// is down, so a request never waits on Redis for more than COMMAND_TIMEOUT_MS; each caller
// gives a local fallback, used at once while the link is down. The operator hears once that
// Redis was lost and once that it is back; on its return the registered hooks converge
// (push what this replica learned alone, re-seed counters from the ledger).
import type Redis from 'ioredis';

/** A command that has not answered by then counts as Redis gone: a request never waits longer on it. */
export const COMMAND_TIMEOUT_MS = 500;
/** How often a replica that lost Redis checks whether it is back. */
export const PROBE_INTERVAL_MS = 1_000;

export type ConvergeHook = (redis: Redis) => Promise<string | undefined>;

export class RedisLink {
  private up = true;
  private probing: NodeJS.Timeout | undefined;
  private readonly hooks: ConvergeHook[] = [];
  private closed = false;
  private recovering = false;

  constructor(
    readonly client: Redis,
    /** How logs name it: the URL without its password. */
    readonly name: string,
    private readonly log: (line: string) => void,
  ) {
    // ioredis reports every failed reconnect as an 'error' event; the state change is what we log.
    client.on('error', () => undefined);
    client.on('close', () => this.lost('connection closed'));
    client.on('ready', () => void this.recover());
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Runs `op` on Redis, or `fallback` when the link is down or `op` fails. Never rejects because of Redis. */
  async run<T>(op: (redis: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    if (!this.up) return fallback();
    try {
      return await op(this.client);
    } catch (error) {
      this.failed(error as Error);
      return fallback();
    }
  }

  /** Called once the link is back, in order; each may return a sentence for the operator. */
  onReturn(hook: ConvergeHook): void {
    this.hooks.push(hook);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.probing);
    this.client.disconnect();
  }

  private failed(error: Error): void {
    // A reply error (a bug in a script, a wrong type) is Redis answering: not an outage.
    if (error.name === 'ReplyError') {
      this.log(`warning: redis ${this.name}: ${error.message}; this request used local state`);
      return;
    }
    this.lost(error.message);
  }

  private lost(why: string): void {
    if (!this.up || this.closed) return;
    this.up = false;
    this.log(
      `warning: redis ${this.name} unreachable (${why}): falling back to this replica's own limits, breakers and key cooldowns until it returns`,
    );
    // A socket that stays open but stopped answering emits no 'ready' again: ask it.
    this.probing = setInterval(() => void this.probe(), PROBE_INTERVAL_MS);
    this.probing.unref();
  }

  private async probe(): Promise<void> {
    if (this.client.status !== 'ready') return; // ioredis reconnects by itself and says 'ready'
    try {
      await this.client.ping();
      await this.recover();
    } catch {
      // still away
    }
  }

  private async recover(): Promise<void> {
    if (this.up || this.closed || this.recovering) return;
    this.recovering = true;
    try {
      const notes: string[] = [];
      for (const hook of this.hooks) {
        const note = await hook(this.client);
        if (note) notes.push(note);
      }
      this.up = true;
      clearInterval(this.probing);
      this.probing = undefined;
      this.log(`redis ${this.name} is back: shared state again${notes.length ? ` (${notes.join('; ')})` : ''}`);
    } catch {
      // It went away again while converging: the next probe or 'ready' retries.
    } finally {
      this.recovering = false;
    }
  }
}

/** `redis://user:secret@host:6379/0` -> `redis://user@host:6379/0`: logs never show a password. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    return parsed.toString().replace(/:@/, '@').replace(/\/$/, '');
  } catch {
    return '(an invalid URL)';
  }
}
