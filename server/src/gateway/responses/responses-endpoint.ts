// `POST /v1/responses` through the one Router, as chat-completions.ts does for chat
// completions: same routing, fallback, budget and ledger; a caller that goes away aborts the
// provider call; a model failing after part of a stream was sent ends the stream with an
// `error` event and `response.failed` rather than splicing another model's answer onto it.
import type { ServerResponse } from 'node:http';
import type { ExecuteResult } from '../../../../shared/protocol';
import type { Router } from '../../pipeline/router';
import { abortOnClientGone } from '../chat-completions';
import { routerHeaders } from '../chat-response';
import { toHttpError } from '../http-error';
import { sendJson } from '../send-json';
import { SseStream } from '../sse';
import { executeStreaming } from '../stream-execute';
import type { ResponsesRequest } from './responses-request';
import { finalResponseBody, newItemId } from './responses-response';
import { ResponseStreamWriter } from './response-stream';

export async function createResponse(router: Router, request: ResponsesRequest, res: ServerResponse): Promise<void> {
  const abort = abortOnClientGone(res);
  if (!request.stream) {
    const createdAt = Math.floor(Date.now() / 1000);
    const result = await router.execute(request.params, { signal: abort.signal });
    sendJson(res, 200, finalResponseBody(request.body, request.tools, newItemId('resp'), createdAt, result), routerHeaders(result));
    return;
  }
  const writer = new ResponseStreamWriter(new SseStream(res), request.body, request.tools);
  let result: ExecuteResult;
  try {
    result = await executeStreaming(router, request.params, abort, writer);
  } catch (error) {
    // Before anything was streamed the gateway answers the error as JSON, with its status.
    if (writer.streamingModel !== undefined && !res.destroyed && !res.writableEnded) writer.fail(toHttpError(error));
    throw error;
  }
  writer.finish(result);
}
