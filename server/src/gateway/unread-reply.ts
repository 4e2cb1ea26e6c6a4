// A client that stops reading its streamed answer. The gateway writes each event as it comes
// and Node keeps what the socket cannot take yet, in memory, without bound: a client that read
// nothing of a 200,000-token answer kept ~100 MB in the gateway, for as long as it kept the
// connection open (a few hundred of them would exhaust the process). Past a generous amount
// unsent, or when the answer has ended and the client takes nothing of the rest for a minute,
// the client counts as gone: the connection is closed, which aborts the provider call if it
// is still running and records what was streamed, as when a client disconnects.
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

/** After the answer's last write: closes the connection if the client has not taken it all in time. */
export function closeIfNeverRead(res: ServerResponse, limits = DEFAULT_UNREAD_LIMITS): void {
  if (res.writableLength === 0) return;
  dropIfUnread(res, limits);
  const timer = setTimeout(() => res.destroy(), limits.unreadTimeoutMs);
  timer.unref();
  res.once('finish', () => clearTimeout(timer));
  res.once('close', () => clearTimeout(timer));
}
