// `POST /v1/messages` through the one Router, as chat-completions.ts does for OpenAI's
// API: same routing, fallback, budget and ledger; a caller that goes away aborts the
// provider call; a model failing after part of a stream was sent ends the stream with an
// `error` event rather than splicing another model's answer onto it.
import type { ServerResponse } from 'node:http';
import type { Router } from '../../pipeline/router';
import { abortOnClientGone } from '../chat-completions';
import { routerHeaders } from '../chat-response';
import type { HttpError } from '../http-error';
import { sendJson } from '../send-json';
import { SseStream } from '../sse';
import { executeStreaming } from '../stream-execute';
import { toAnthropicError } from './anthropic-error';
import { estimateInputTokens } from './count-tokens';
import type { MessagesRequest } from './messages-request';
import { messageBody, newMessageId } from './messages-response';
import { MessageStreamWriter } from './message-stream';

export async function createMessage(router: Router, request: MessagesRequest, res: ServerResponse): Promise<void> {
  const abort = abortOnClientGone(res);
  if (!request.stream) {
    const result = await router.execute(request.params, { signal: abort.signal });
    sendJson(res, 200, messageBody(newMessageId(), result), routerHeaders(result));
    return;
  }
  const writer = new MessageStreamWriter(new SseStream(res), newMessageId(), estimateInputTokens(request.params));
  const result = await executeStreaming(router, request.params, abort, writer);
  writer.finish(result);
}

/** An error in Anthropic's format wherever the response stands: JSON, a stream `error` event, or nothing to a gone client. */
export function sendAnthropicError(res: ServerResponse, error: unknown): HttpError {
  const { status, body, http } = toAnthropicError(error);
  if (res.destroyed || res.writableEnded) return http;
  if (res.headersSent) new SseStream(res).fail(body, 'error');
  else sendJson(res, status, body);
  return http;
}
