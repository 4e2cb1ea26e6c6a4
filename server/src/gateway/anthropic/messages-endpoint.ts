// `POST /v1/messages` through the one Router, as chat-completions.ts does for OpenAI's
// API: same routing, fallback, budget and ledger; a caller that goes away aborts the
// provider call; a model failing after part of a stream was sent ends the stream with an
// `error` event rather than splicing another model's answer onto it.
import type { ServerResponse } from 'node:http';
import type { ExecuteResult } from '../../../../shared/protocol';
import type { Router } from '../../pipeline/router';
import { abortOnClientGone } from '../chat-completions';
import { routerHeaders } from '../chat-response';
import type { HttpError } from '../http-error';
import { midStreamError } from '../mid-stream-error';
import type { ProviderError } from '../../providers/errors';
import { sendJson } from '../send-json';
import { SseStream } from '../sse';
import { ToolCallIndexes } from '../tool-call-indexes';
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
  const calls = new ToolCallIndexes();
  let failedMidStream = false;
  let failure: ProviderError | undefined;
  let result: ExecuteResult;
  try {
    result = await router.execute(request.params, {
      signal: abort.signal,
      onDelta: (delta, reset, model) => {
        if (reset) {
          if (writer.streamingModel !== undefined) {
            failedMidStream = true;
            abort.abort();
          }
          return;
        }
        if (model !== undefined && delta !== '') writer.text(model, delta);
      },
      onToolCallDelta: (delta, model) => writer.toolCall(model, calls.next(delta)),
      onStreamFailed: (error) => {
        failure = error;
      },
    });
  } catch (error) {
    // Also when the model that broke off was the last candidate (no fallback started over).
    if (!failedMidStream && failure === undefined) throw error;
    throw midStreamError(writer.streamingModel, failure);
  }
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
