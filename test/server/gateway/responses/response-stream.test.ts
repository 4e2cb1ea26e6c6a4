// The Responses stream as the official SDK reads it: the writer's events, fed to the SDK's own
// accumulator through a real HTTP response, must assemble into the response the writer ends with.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import type { ExecuteResult } from '../../../../shared/protocol';
import { HttpError } from '../../../../server/src/gateway/http-error';
import { ResponseStreamWriter } from '../../../../server/src/gateway/responses/response-stream';
import { SseStream } from '../../../../server/src/gateway/sse';
import { ToolCallIndexes } from '../../../../server/src/gateway/tool-call-indexes';

const RESULT: ExecuteResult = {
  text: 'Reading.',
  model: 'local/tiny-coder',
  kind: 'ask',
  reasons: [],
  attempts: [],
  usage: { inputTokens: 12, outputTokens: 7, costUsd: 0.001, cachedInputTokens: 4 },
  cached: false,
  latencyMs: 5,
  warnings: [],
  toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' }],
  finishReason: 'tool_calls',
};

/** Serves one stream written by `write`, and reads it with the SDK's responses.stream. */
async function throughSdk(write: (writer: ResponseStreamWriter) => void) {
  const server: Server = createServer((_req, res) => write(new ResponseStreamWriter(new SseStream(res), { model: 'auto', input: 'hi' })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const openai = new OpenAI({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = openai.responses.stream({ model: 'auto', input: 'hi' });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    stream.on('event', (e) => events.push(e));
    const final = await stream.finalResponse().catch((error: unknown) => error);
    return { events, final };
  } finally {
    server.close();
  }
}

/** The data of each event a writer sends, as JSON, read off the wire without the SDK. */
async function rawEvents(write: (writer: ResponseStreamWriter) => void): Promise<unknown[]> {
  const server: Server = createServer((_req, res) => write(new ResponseStreamWriter(new SseStream(res), { model: 'auto', input: 'hi' })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const text = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).text();
    return text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)));
  } finally {
    server.close();
  }
}

describe('gateway Responses API stream', () => {
  it('streams text and a call in pieces that the SDK assembles into the final response, usage included', async () => {
    const { events, final } = await throughSdk((writer) => {
      const calls = new ToolCallIndexes();
      writer.text('local/tiny-coder', 'Read');
      writer.text('local/tiny-coder', 'ing.');
      writer.toolCall('local/tiny-coder', calls.next({ index: 1, id: 'call_1', name: 'read_file', arguments: '' }));
      writer.toolCall('local/tiny-coder', calls.next({ index: 1, arguments: '{"path":' }));
      writer.toolCall('local/tiny-coder', calls.next({ index: 1, arguments: '"a"}' }));
      writer.finish(RESULT);
    });
    assert.ok(!(final instanceof Error), String(final));
    const response = final as OpenAI.Responses.Response;
    assert.equal(response.status, 'completed');
    assert.equal(response.output_text, 'Reading.');
    const call = response.output[1] as OpenAI.Responses.ResponseFunctionToolCall;
    assert.deepEqual([call.type, call.call_id, call.name, call.arguments, call.status], ['function_call', 'call_1', 'read_file', '{"path":"a"}', 'completed']);
    assert.deepEqual(response.usage, {
      input_tokens: 12,
      input_tokens_details: { cached_tokens: 4, cache_write_tokens: 0 },
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 19,
    });
    assert.deepEqual(events.filter((e) => e.type === 'response.function_call_arguments.delta').map((e) => e.delta), ['{"path":', '"a"}']);
    assert.deepEqual(events.map((e) => e.sequence_number), events.map((_, i) => i));
  });

  it('writes an answer that streamed nothing (from the cache) whole: the text, then each call', async () => {
    const { final } = await throughSdk((writer) => writer.finish({ ...RESULT, cached: true }));
    const response = final as OpenAI.Responses.Response;
    assert.deepEqual(response.output.map((item) => item.type), ['message', 'function_call']);
    assert.equal(response.output_text, 'Reading.');
  });

  it('ends as incomplete, reason max_output_tokens, when the answer stopped at its limit', async () => {
    const { events, final } = await throughSdk((writer) => {
      writer.text('local/tiny-coder', 'cut sho');
      writer.finish({ ...RESULT, text: 'cut sho', toolCalls: undefined, truncated: true, finishReason: 'length' });
    });
    const response = final as OpenAI.Responses.Response;
    assert.equal(events.at(-1)?.type, 'response.incomplete');
    assert.equal(response.status, 'incomplete');
    assert.deepEqual(response.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(response.output[0].type === 'message' && response.output[0].status, 'incomplete');
  });

  it('ends a stream that broke off with an error event the SDK raises, then response.failed showing the broken item incomplete', async () => {
    const broken = (writer: ResponseStreamWriter) => {
      writer.text('local/tiny-coder', 'Half an ans');
      writer.fail(new HttpError(502, 'local/tiny-coder failed after part of its answer was streamed', 'upstream_error', null, 'failed_mid_stream'));
    };
    const { final } = await throughSdk(broken);
    assert.ok(final instanceof OpenAI.APIError, String(final));
    assert.match(final.message, /failed after part of its answer was streamed/);

    // What a client that reads past the error (Codex) gets: no .done for the broken item, then the failed response.
    const events = (await rawEvents(broken)).map((e) => e as { type: string; response?: OpenAI.Responses.Response });
    assert.deepEqual(events.map((e) => e.type), [
      'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added', 'response.output_text.delta',
      'error', 'response.failed',
    ]);
    const failed = events.at(-1)!.response!;
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.error, { code: 'failed_mid_stream', message: 'local/tiny-coder failed after part of its answer was streamed' });
    assert.equal(failed.output[0].type === 'message' && failed.output[0].status, 'incomplete');
  });
});
