// `POST /v1/chat/completions` through the one Router (same routing, fallback, budget,
// cache and ledger as the editor's requests). A caller that goes away aborts the
// provider call, exactly like $/cancelRequest does over JSON-RPC.
import type { ServerResponse } from 'node:http';
import type { ExecuteResult } from '../../../shared/protocol';
import type { Router } from '../pipeline/router';
import type { ChatRequest } from './chat-request';
import { chunk, completionBody, finishReason, newCompletionIds, routerHeaders, usageChunk } from './chat-response';
import { HttpError, toHttpError } from './http-error';
import { sendJson } from './send-json';
import { SseStream } from './sse';

export async function chatCompletions(router: Router, request: ChatRequest, res: ServerResponse): Promise<void> {
  const abort = new AbortController();
  // `res` closes early only when the client went away (a finished response closes after writableFinished).
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  if (!request.stream) {
    const result = await router.execute(request.params, { signal: abort.signal });
    sendJson(res, 200, completionBody(newCompletionIds(), result), routerHeaders(result));
    return;
  }
  await streamCompletion(router, request, res, abort);
}

/**
 * Text is streamed as soon as it arrives. A fallback before any text was sent is invisible
 * to the caller. Once text was sent it cannot be taken back, and splicing a second model's
 * answer onto the first one's would be a corrupt answer: so a failure mid-stream aborts
 * the request (no further model is paid for; the ledger records it as cancelled) and ends
 * the stream with an error event.
 */
async function streamCompletion(router: Router, request: ChatRequest, res: ServerResponse, abort: AbortController): Promise<void> {
  const ids = newCompletionIds();
  const sse = new SseStream(res);
  let streamingModel: string | undefined;
  let failedMidStream = false;
  let result: ExecuteResult;
  try {
    result = await router.execute(request.params, {
      signal: abort.signal,
      onDelta: (delta, reset, model) => {
        if (reset) {
          if (streamingModel !== undefined) {
            failedMidStream = true;
            abort.abort();
          }
          return;
        }
        if (model === undefined || delta === '') return;
        if (streamingModel === undefined) {
          streamingModel = model;
          sse.start({ 'x-llm-router-model': model });
          sse.send(chunk(ids, model, { role: 'assistant', content: '' }));
        }
        sse.send(chunk(ids, model, { content: delta }));
      },
    });
  } catch (error) {
    if (!failedMidStream) throw error;
    throw new HttpError(
      502,
      `${streamingModel} failed after part of its answer was streamed; a streamed answer cannot fall back ` +
        'to another model. Retry the request, or send it without stream for fallback at any point.',
      'upstream_error',
      null,
      'failed_mid_stream',
    );
  }
  if (streamingModel === undefined) {
    // An empty answer: nothing was streamed yet.
    sse.start(routerHeaders(result));
    sse.send(chunk(ids, result.model, { role: 'assistant', content: '' }));
  }
  sse.send(chunk(ids, result.model, {}, finishReason(result)));
  if (request.includeUsage) sse.send(usageChunk(ids, result));
  sse.done();
}

/** Writes an error wherever the response stands: a JSON error, a stream error event, or nothing to a gone client. */
export function sendError(res: ServerResponse, error: unknown): HttpError {
  const http = toHttpError(error);
  if (res.destroyed || res.writableEnded) return http;
  if (res.headersSent) new SseStream(res).fail(http.body);
  else sendJson(res, http.status, http.body);
  return http;
}
