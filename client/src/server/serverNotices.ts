// What the user is told when the router server stops or restarts. Pure, so unit-tested.

/** How a server that stopped on its own (a crash, kill -9, out of memory) was handled. */
export type ServerStop = 'restarting' | 'gave-up';

export const RESTART_SERVER = 'Restart Server';
export const SHOW_LOG = 'Show Log';

/**
 * After an unexpected stop. `running`: requests of this window that were waiting on the server
 * (they fail; what a stream had sent when the process died cannot be recorded, as a stopped
 * server records nothing more).
 */
export function serverStoppedMessage(stop: ServerStop, running: number, stopsInARow: number): string {
  const lost = running === 0
    ? ''
    : ` ${running === 1 ? 'A request that was running' : `${running} requests that were running`} failed; the part of an answer streamed before the stop is not in the spend.`;
  if (stop === 'restarting') return `LLM Router: the router server stopped unexpectedly and was started again.${lost}`;
  return `LLM Router: the router server stopped unexpectedly ${stopsInARow} times in 3 minutes, so it was not started again: ` +
    `requests fail until it runs. See the log for why, then Restart Server.${lost}`;
}

/** The status bar message after Restart Server. */
export function serverRestartedStatus(stoppedRequests: number): string {
  const ended = stoppedRequests === 0 ? '' : ` (${stoppedRequests === 1 ? 'a request' : `${stoppedRequests} requests`} ended and recorded as cancelled)`;
  return `$(check) LLM Router: server restarted${ended}`;
}
