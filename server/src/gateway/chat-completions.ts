// `POST /v1/chat/completions` through the one Router (same routing, fallback, budget,
// cache and ledger as the editor's requests). A caller that goes away aborts the
// provider call, exactly like $/cancelRequest does over JSON-RPC.
import type { ServerResponse } from 'node:http';
import type { Router } from '../pipeline/router';
import type { ChatRequest } from './chat-request';
import { ChunkJson, completionJson, finishReason, newCompletionIds, routerHeaders, usageChunk, type ChunkDelta } from './chat-response';
import { refusalWords } from './refusal';
import { HttpError, toHttpError } from './http-error';
import { sendJson, sendJsonText } from './send-json';
import { SseStream } from './sse';
import { ToolCallIndexes } from './tool-call-indexes';
import { executeStreaming, type StreamWriter } from './stream-execute';

export async function chatCompletions(router: Router, request: ChatRequest, res: ServerResponse): Promise<void> {
  const abort = abortOnClientGone(res);
  if (!request.stream) {
    const result = await router.execute(request.params, { signal: abort.signal });
    sendJsonText(res, 200, completionJson(newCompletionIds(), result), routerHeaders(result));
    return;
  }
  await streamCompletion(router, request, res, abort);
}

/** Aborts when the client went away (`res` closes early then; a finished response closes after writableFinished). */
export function abortOnClientGone(res: ServerResponse): AbortController {
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  return abort;
}

/**
 * Text and tool calls are streamed as soon as they arrive. A fallback before anything was
 * sent is invisible to the caller. Once something was sent it cannot be taken back, and
 * splicing a second model's answer onto the first one's would be a corrupt answer: so a
 * failure mid-stream aborts the request (no further model is paid for; the ledger records
 * it as cancelled) and ends the stream with an error event.
 */
async function streamCompletion(router: Router, request: ChatRequest, res: ServerResponse, abort: AbortController): Promise<void> {
  const ids = newCompletionIds();
  const chunks = new ChunkJson(ids);
  const sse = new SseStream(res);
  const calls = new ToolCallIndexes();
  let streamingModel: string | undefined;
  let refusalSent = false;
  const writer: StreamWriter = {
    get streamingModel() {
      return streamingModel;
    },
    text: (model, delta) => send(model, { content: delta }),
    refusal: (model, delta) => {
      refusalSent = true;
      send(model, { refusal: delta });
    },
    toolCall: (model, piece) => {
      const args = piece.arguments ?? '';
      send(model, {
        tool_calls: [
          piece.first
            ? { index: piece.index, id: piece.id, type: 'function', function: { name: piece.name, arguments: args } }
            : { index: piece.index, function: { arguments: args } },
        ],
      });
    },
  };
  const send = (model: string, delta: ChunkDelta) => {
    if (streamingModel === undefined) {
      streamingModel = model;
      sse.start({ 'x-llm-router-model': model });
      sse.sendJson(chunks.of(model, { role: 'assistant', content: '' }));
    }
    sse.sendJson(chunks.of(model, delta));
  };
  const result = await executeStreaming(router, request.params, abort, writer, calls);
  if (streamingModel === undefined) {
    // Nothing streamed yet: an empty answer, or one read from the cache.
    sse.start(routerHeaders(result));
    sse.sendJson(chunks.of(result.model, { role: 'assistant', content: '' }));
  }
  // Calls the model made but the stream did not carry (a provider that sent them whole) go out whole.
  if (calls.count === 0 && result.toolCalls?.length) {
    const toolCalls = result.toolCalls.map((call, index) => ({
      index,
      id: call.id,
      type: 'function' as const,
      function: { name: call.name, arguments: call.arguments },
    }));
    sse.sendJson(chunks.of(result.model, { tool_calls: toolCalls }));
  }
  // A refusal that did not stream as one (Anthropic's stop_reason "refusal" has no words of its own) goes out whole.
  const refusal = refusalWords(result);
  if (refusal !== undefined && !refusalSent) sse.sendJson(chunks.of(result.model, { refusal }));
  sse.sendJson(chunks.of(result.model, {}, finishReason(result)));
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
