// A client that stops reading its answer. The gateway writes each event as it comes and Node
// keeps what the socket cannot take yet, in memory, without bound: a client that read nothing
// of a 200,000-token answer kept ~100 MB in the gateway, and its connection (one of the capped
// 256) for as long as it liked, as did one that never read a whole JSON answer. Past a
// generous amount unsent during a stream, or when an ended answer's rest is not taken at all
// for a minute, the client counts as gone: the connection is closed, which aborts the provider
// call if it is still running and records what was streamed, as when a client disconnects.
import type { ServerResponse } from 'node:http';

export interface UnreadLimits {
  /** Bytes written for the client and not yet taken by its socket. */
  maxUnsentBytes: number;
  /** How long an ended answer's last bytes may wait for the client. */
  unreadTimeoutMs: number;
}

/** ~50,000 streamed tokens of chunks: far more than a reading client ever lets pile up. */
export const DEFAULT_UNREAD_LIMITS: UnreadLimits = { maxUnsentBytes: 8 * 1024 * 1024, unreadTimeoutMs: 60_000 };

/** After a write: closes the connection when too much waits for a client that does not read. */
export function dropIfUnread(res: ServerResponse, limits = DEFAULT_UNREAD_LIMITS): void {
  if (res.writableLength > limits.maxUnsentBytes) res.destroy();
}

/**
 * After the answer's last write: closes the connection once a timeout passes in which the
 * client took none of what still waits for it (a slow client that keeps taking some is left be).
 */
export function closeIfNeverRead(res: ServerResponse, limits = DEFAULT_UNREAD_LIMITS): void {
  let waiting = res.writableLength;
  if (waiting === 0) return;
  const timer = setTimeout(() => {
    const now = res.writableLength;
    if (now === 0) return;
    if (now < waiting) {
      waiting = now;
      timer.refresh();
      return;
    }
    res.destroy();
  }, limits.unreadTimeoutMs);
  timer.unref();
  res.once('finish', () => clearTimeout(timer));
  res.once('close', () => clearTimeout(timer));
}
