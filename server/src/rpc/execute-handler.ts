// Bridges router/execute to LSP: the request's CancellationToken aborts the provider
// call ($/cancelRequest), and a partialResultToken streams text as `$/progress`.
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { ExecuteRequest, type ExecuteParams, type ExecuteResult } from '../../../shared/protocol';
import type { RouterApi } from './router-api';

export async function handleExecute(
  connection: Connection,
  router: RouterApi,
  params: ExecuteParams,
  token: CancellationToken,
): Promise<ExecuteResult> {
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  if (token.isCancellationRequested) abort.abort();
  const progressToken = params.partialResultToken;
  try {
    return await router.execute(params, {
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
    });
  } finally {
    subscription.dispose();
  }
}
