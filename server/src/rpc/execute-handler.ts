// Bridges router/execute to LSP: the request's CancellationToken aborts the provider
// call ($/cancelRequest), and a partialResultToken streams text, tool calls and a refusal
// as `$/progress`. The request is tracked in flight, so a server stopping ends it as Cancel
// would (requests-in-flight.ts).
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { ErrorCodes, ExecuteRequest, type ExecuteParams, type ExecuteResult } from '../../../shared/protocol';
import { RouterError } from '../pipeline/errors';
import type { RequestsInFlight } from './requests-in-flight';
import type { RouterApi } from './router-api';

export async function handleExecute(
  connection: Connection,
  router: RouterApi,
  params: ExecuteParams,
  token: CancellationToken,
  inFlight?: RequestsInFlight,
): Promise<ExecuteResult> {
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  if (token.isCancellationRequested) abort.abort();
  const progressToken = params.partialResultToken;
  try {
    const run = router.execute(params, {
      signal: abort.signal,
      onDelta:
        progressToken === undefined
          ? undefined
          : (delta, reset) =>
              connection.sendProgress(ExecuteRequest.progress, progressToken, reset ? { delta, reset } : { delta }),
      onToolCallDelta:
        progressToken === undefined
          ? undefined
          : (toolCall) => connection.sendProgress(ExecuteRequest.progress, progressToken, { delta: '', toolCall }),
      onRefusalDelta:
        progressToken === undefined
          ? undefined
          : (refusal) => connection.sendProgress(ExecuteRequest.progress, progressToken, { delta: '', refusal }),
    });
    return await (inFlight ? inFlight.track(abort, run) : run);
  } catch (error) {
    // Ended by the server stopping, not by the user: say so, or the editor shows "Cancelled." for a Cancel never pressed.
    if (inFlight?.stopping && !token.isCancellationRequested) {
      throw new RouterError(ErrorCodes.ServerStopping, 'The router server stopped (Restart Server, or its window reloading) while answering: the request was ended, and what it had streamed is recorded at its cost.');
    }
    throw error;
  } finally {
    subscription.dispose();
  }
}
