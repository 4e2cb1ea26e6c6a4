// The OpenAI adapter's raw transport (node:http instead of the SDK): it must send what the
// SDK sends and read replies as the SDK's path does, over connections it keeps alive.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import type { ProviderError } from '../../../../server/src/providers/errors';
import { RawTransport } from '../../../../server/src/providers/openai/raw/transport';
import { defaultTransport, OpenAIChatClient, TRANSPORT_ENV } from '../../../../server/src/providers/openai/chat-client';
import { createOpenAIClient } from '../../../../server/src/providers/openai';
import type { ChatRequest, ChatResponse } from '../../../../server/src/providers/types';
import type { ToolCallDelta } from '../../../../shared/conversation';
import { CALLS, READ_FILE } from '../../../fakes/tool-fixtures';
import { chatRequest, providerSettings, useFakeProviders } from '../support';

const KEY = 'sk-test-key-1';

/** Tools, an image and every output option: all the raw transport must carry unchanged. */
function fullRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return chatRequest({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' }] },
    ],
    tools: [READ_FILE],
    toolChoice: 'auto',
    options: { stop: ['END'], seed: 7, topP: 0.9, user: 'user-1', responseFormat: { type: 'json_object' } },
    ...overrides,
  });
}

describe('OpenAI adapter: raw transport', () => {
  const fake = useFakeProviders();
  const over = (transport: 'raw' | 'sdk') => createOpenAIClient(providerSettings('openai', fake().openaiUrl), transport);

  for (const mode of ['json', 'stream'] as const) {
    it(`sends the same body and reads the same answer as the SDK (${mode})`, async () => {
      const answers: ChatResponse[] = [];
      const deltas: string[][] = [[], []];
      for (const [i, transport] of (['raw', 'sdk'] as const).entries()) {
        const onDelta = mode === 'stream' ? (text: string) => void deltas[i].push(text) : undefined;
        answers.push(await over(transport).chat(fullRequest({ onDelta }), KEY));
      }

      const [raw, sdk] = fake().requests;
      assert.deepEqual(raw.body, sdk.body);
      assert.equal(raw.apiKey, KEY);
      assert.equal(raw.stream, mode === 'stream');
      assert.deepEqual(answers[0], answers[1]);
      assert.deepEqual(deltas[0], deltas[1]);
    });
  }

  it('reads streamed tool calls piece by piece, like the SDK path', async () => {
    const pieces: ToolCallDelta[][] = [[], []];
    const answers: ChatResponse[] = [];
    for (const [i, transport] of (['raw', 'sdk'] as const).entries()) {
      // Fixed ids: the fake makes new ones per reply otherwise.
      fake().script({ kind: 'tool-calls', calls: CALLS.map((call, n) => ({ ...call, id: `call_${n}` })) });
      answers.push(await over(transport).chat(fullRequest({ onDelta: () => undefined, onToolCallDelta: (d) => void pieces[i].push(d) }), KEY));
    }

    assert.ok(answers[0].toolCalls && answers[0].toolCalls.length === CALLS.length);
    assert.deepEqual(answers[0], answers[1]);
    assert.deepEqual(pieces[0], pieces[1]);
  });

  it('sends the headers an HTTP/1.1 server needs: host with its port, keep-alive, length, accept, and the key only when there is one', async () => {
    await over('raw').chat(chatRequest(), KEY);
    // A local server takes calls without a key.
    const keyless = new OpenAIChatClient({
      providerId: 'local', baseUrl: fake().openaiUrl, keyRequired: false, tokenLimitParam: 'max_tokens', countTokensWhenStreamOmitsUsage: false, transport: 'raw',
    });
    await keyless.chat(chatRequest({ onDelta: () => undefined }), undefined);

    const [json, stream] = fake().requests;
    const { host, port } = new URL(fake().openaiUrl);
    assert.equal(json.headers.host, host);
    assert.ok(port !== '' && host.endsWith(`:${port}`));
    assert.equal(json.headers.connection, 'keep-alive');
    assert.equal(json.headers['content-type'], 'application/json');
    assert.equal(Number(json.headers['content-length']), Buffer.byteLength(JSON.stringify(json.body)));
    assert.equal(json.headers.accept, 'application/json');
    assert.equal(json.headers.authorization, `Bearer ${KEY}`);
    assert.equal(json.headers['user-agent'], 'llm-router');
    assert.equal(stream.headers.accept, 'text/event-stream');
    assert.equal(stream.headers.authorization, undefined);
  });

  it('keeps its connections alive across successive calls, JSON and streamed', async () => {
    const client = over('raw');
    const before = fake().connectionsAccepted;

    for (let i = 0; i < 3; i++) {
      await client.chat(chatRequest(), KEY);
      await client.chat(chatRequest({ onDelta: () => undefined }), KEY);
    }

    assert.equal(fake().requests.length, 6);
    // A stream's connection goes back to the pool once the bytes after its [DONE] are read,
    // which the next call may not wait for: at most one more connection, never one per call.
    assert.ok(fake().connectionsAccepted - before <= 2, `${fake().connectionsAccepted - before} connections for 6 calls`);
  });

  it('opens a fresh connection after a stream that failed half-way, and answers on it', async () => {
    const client = over('raw');
    fake().script({ kind: 'malformed' });
    await assert.rejects(client.chat(chatRequest({ onDelta: () => undefined }), KEY));

    const response = await client.chat(chatRequest({ onDelta: () => undefined }), KEY);

    assert.equal(response.inputTokens, 7);
  });

  it('stops a call when its caller aborts, before the reply and half-way through a stream, then answers the next', async () => {
    const client = over('raw');
    fake().script({ kind: 'hang' });
    const waiting = new AbortController();
    const silent = client.chat(chatRequest({ signal: waiting.signal, timeoutMs: 60_000 }), KEY);
    setTimeout(() => waiting.abort(), 50);
    await assert.rejects(silent, (error: ProviderError) => error.reason === 'cancelled');

    fake().script({ kind: 'slow', delayMs: 0, chunkDelayMs: 200 });
    const reading = new AbortController();
    let pieces = 0;
    const streaming = client.chat(chatRequest({ signal: reading.signal, timeoutMs: 60_000, onDelta: () => void (pieces++ === 0 && reading.abort()) }), KEY);
    await assert.rejects(streaming, (error: ProviderError) => error.reason === 'cancelled');
    assert.equal(pieces, 1);

    assert.equal((await client.chat(chatRequest(), KEY)).inputTokens, 7);
  });

  it('leaves no listener on the signal of a call that is over', async () => {
    const transport = new RawTransport(fake().openaiUrl);
    const signal = new AbortController().signal;
    for (const stream of [false, true]) {
      const res = await transport.post({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }], stream }, KEY, signal, stream);
      res.resume();
      await new Promise((resolve) => res.once('close', resolve));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(getEventListeners(signal, 'abort').length, 0, stream ? 'streamed' : 'JSON');
    }
  });

  it('is the default, and gives way to the SDK when the environment asks or the base URL has a query', () => {
    assert.equal(defaultTransport('https://api.openai.com/v1', {}), 'raw');
    assert.equal(defaultTransport('http://127.0.0.1:11434/v1', {}), 'raw');
    assert.equal(defaultTransport('https://api.openai.com/v1', { [TRANSPORT_ENV]: 'sdk' }), 'sdk');
    assert.equal(defaultTransport('https://example.test/openai?api-version=2024-10-21', {}), 'sdk');
  });
});
