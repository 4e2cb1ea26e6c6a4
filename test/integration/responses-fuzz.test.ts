// `POST /v1/responses` under generated bodies (every input item type with wrong fields,
// unicode and lone surrogates, tools with broken schemas, streamed or not) while the fake
// provider misbehaves (errors, mid-stream breaks, malformed calls, hangs bounded by the
// timeout): every answer is a 4xx/502 error in OpenAI's shape or a well-formed Response
// (a JSON object, or a stream whose events are numbered in order and end in
// response.completed / response.incomplete, or `error` then response.failed), never a 500
// or a hang; and the official SDK, streaming concurrently, settles every call with an answer
// or an APIError while the ledger records each request once.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import OpenAI, { APIError } from 'openai';
import type { Behaviour } from '../fakes/behaviours';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';

/** What a request may be answered: an answer, the caller's mistake, every model failing. 500 would be the gateway breaking. */
const STATUSES = new Set([200, 400, 502]);
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const ANSWER_MS = 15_000;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const text = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('a', ' ', '\u0000', '\n')), maxLength: 10 }),
);
const callId = fc.oneof(fc.constantFrom('call_1', 'call_2', ''), text);
const args = fc.oneof(fc.constantFrom('{}', '{"path":"a"}', '', '{"a":', '[1]', 'null', `{"a":${'['.repeat(150)}${']'.repeat(150)}}`), text);
const part = fc.oneof(
  fc.record({ type: fc.constantFrom('input_text', 'output_text', 'refusal', 'input_file', 'summary_text'), text: fc.oneof(text, fc.anything()), refusal: fc.oneof(text, fc.anything()) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('input_image'), image_url: fc.oneof(fc.constantFrom('data:image/png;base64,iVBORw0KGgo=', 'https://example.com/a.png', 'javascript:x'), text), detail: fc.anything(), file_id: text }, { requiredKeys: ['type'] }),
  fc.anything(),
);
const item = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('message'), role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'developer'), text), content: fc.oneof(text, fc.array(part, { maxLength: 3 }), fc.anything()) }, { requiredKeys: ['role'] }), weight: 4 },
  fc.record({ type: fc.constant('function_call'), call_id: callId, name: fc.oneof(fc.constantFrom('read_file', 'bad name'), text), arguments: fc.oneof(args, fc.anything()), id: text }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('function_call_output'), call_id: callId, output: fc.oneof(text, fc.array(part, { maxLength: 2 }), fc.anything()) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('reasoning', 'item_reference', 'compaction', 'custom_tool_call', 'web_search_call'), id: text, summary: fc.anything(), encrypted_content: text }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.oneof(text, fc.anything()) }),
  fc.anything(),
);
const schema = fc.oneof(
  fc.constant({ type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }),
  fc.constantFrom({ type: 'object', properties: 5 }, { type: 'object', required: 'x' }, { type: 'string' }, { $ref: '#/nope' }, [], null),
  fc.anything(),
);
const tool = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('function'), name: fc.oneof(fc.constantFrom('read_file', 'bad name', ''), text), parameters: schema, strict: fc.anything(), description: fc.oneof(text, fc.anything()) }, { requiredKeys: ['type', 'name'] }), weight: 3 },
  fc.record({ type: fc.oneof(fc.constantFrom('web_search', 'namespace', 'custom', 'file_search'), text) }),
  fc.anything(),
);
/** A valid request with one field replaced: most reach the model, so faults and streams are exercised. */
const body = fc
  .record({
    model: fc.oneof({ arbitrary: fc.constantFrom('auto', 'local/tiny-coder', 'claude/claude-fake'), weight: 5 }, fc.constantFrom('nope/nope', ''), fc.anything()),
    stream: fc.oneof({ arbitrary: fc.boolean(), weight: 5 }, fc.anything()),
    prompt: fc.string({ minLength: 1, maxLength: 40 }),
    // One field off at a time (a third of the bodies none), so most get past the others' checks.
    off: fc.oneof(
      { arbitrary: fc.constant({}), weight: 6 },
      { arbitrary: fc.oneof(text, fc.array(item, { maxLength: 5 }), fc.anything()).map((input) => ({ input })), weight: 5 },
      { arbitrary: fc.array(item, { maxLength: 3 }).map((items) => ({ extraItems: items })), weight: 4 },
      { arbitrary: fc.oneof(fc.array(tool, { maxLength: 3 }), fc.anything()).map((tools) => ({ tools })), weight: 3 },
      fc.oneof(text, fc.anything()).map((instructions) => ({ instructions })),
      fc.oneof(fc.constantFrom('auto', 'none', 'required', { type: 'function', name: 'read_file' }, { type: 'custom', name: 'x' }), fc.anything()).map((tool_choice) => ({ tool_choice })),
      fc.oneof(fc.integer({ min: -5, max: 300 }), fc.anything()).map((max_output_tokens) => ({ max_output_tokens })),
      fc.oneof(fc.constantFrom({ format: { type: 'json_schema', name: 'x', schema: { type: 'object' } } }, { format: { type: 'json_schema', name: 'bad name', schema: 1 } }), fc.anything()).map((t) => ({ text: t })),
      fc.anything().map((reasoning) => ({ reasoning })),
      fc.oneof(fc.double(), fc.anything()).map((temperature) => ({ temperature })),
      fc.anything().map((metadata) => ({ metadata })),
    ),
  })
  .map(({ model, stream, prompt, off }) => {
    const { extraItems = [], ...fields } = off as { extraItems?: unknown[] } & Record<string, unknown>;
    return {
      model,
      stream,
      input: [
        { role: 'user', content: prompt },
        { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'x' },
        ...extraItems,
      ],
      tools: [{ type: 'function', name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }],
      ...fields,
    };
  });

const fault: fc.Arbitrary<Behaviour | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 8 },
  fc.constantFrom<Behaviour>(
    { kind: 'status', status: 500 },
    { kind: 'status', status: 400 },
    { kind: 'stream-error', status: 529 },
    { kind: 'stream-error', status: 429 },
    { kind: 'cut' },
    { kind: 'malformed' },
    { kind: 'reset' },
    { kind: 'reply', text: '' },
    { kind: 'invalid-tool-arguments' },
    { kind: 'tool-calls', calls: [{ name: 'read_file' }, { name: 'read_file', arguments: '{"path":' }], text: 'Reading' },
    { kind: 'tool-calls', calls: [{ name: 'read_file' }], cut: true },
    { kind: 'truncated', text: '', outputTokens: 100 },
    { kind: 'missing-usage' },
  ),
  { arbitrary: fc.constantFrom<Behaviour>({ kind: 'stall' }, { kind: 'hang' }), weight: 1 },
);

interface SseEvent {
  name: string;
  data: { type?: string; sequence_number?: number; response?: { status?: string; output?: unknown[] }; code?: unknown; message?: unknown };
}

function parseSse(raw: string): SseEvent[] {
  return raw
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const name = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? 'null';
      return { name, data: JSON.parse(data) as SseEvent['data'] };
    });
}

/** A stream as the SDK and Codex read it: numbered events, a start, and one terminal event last. */
function assertWellFormedStream(raw: string): void {
  const events = parseSse(raw);
  assert.ok(events.length >= 2, raw.slice(0, 300));
  events.forEach((event, i) => {
    assert.equal(event.data.type, event.name, `event ${i} names its type`);
    assert.equal(event.data.sequence_number, i, `event ${i} is numbered in order`);
  });
  assert.equal(events[0].name, 'response.created');
  const last = events.at(-1)!;
  assert.ok(TERMINAL.has(last.name), `ends with a terminal event, not ${last.name}`);
  assert.equal(events.filter((e) => TERMINAL.has(e.name)).length, 1, 'one terminal event');
  if (last.name === 'response.failed') {
    const error = events.at(-2)!;
    assert.equal(error.name, 'error', 'a failed response is announced by an error event');
    assert.equal(typeof error.data.message, 'string');
    assert.equal(last.data.response?.status, 'failed');
  } else {
    assert.equal(last.data.response?.status, last.name.slice('response.'.length));
    assert.ok((last.data.response?.output?.length ?? 0) > 0, 'an answer has an output item');
  }
}

describe('HTTP gateway: generated Responses API requests against a misbehaving provider (integration)', function () {
  this.timeout(120_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;

  before(async () => {
    const settings = gatewaySettings(fake());
    // Short timeouts bound a hanging or stalling provider; breakers never open (each run scripts its own fault).
    gateway = await GatewayProcess.start({ settings: { ...settings, resilience: { ...settings.resilience, timeoutMs: 800 } }, env: gatewayEnv });
  });
  after(async () => {
    await gateway?.stop();
  });

  it('answers every generated body with an OpenAI-shaped error or a well-formed response or stream, never a 500 or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(body, fault, async (request, behaviour) => {
        fake().clearScripts();
        if (behaviour) fake().script(behaviour);
        const response = await fetch(`${gateway.url}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(ANSWER_MS),
        });
        const raw = await response.text();
        const context = `${response.status} for ${JSON.stringify(request).slice(0, 300)} (${behaviour?.kind ?? 'no fault'}): ${raw.slice(0, 300)}`;
        assert.ok(STATUSES.has(response.status), context);
        if (response.status !== 200) {
          const { error } = JSON.parse(raw) as { error: Record<string, unknown> };
          assert.equal(typeof error.message, 'string', context);
          assert.equal(typeof error.type, 'string', context);
          assert.ok(error.param === null || typeof error.param === 'string', context);
          assert.ok(error.code === null || typeof error.code === 'string', context);
          return;
        }
        if (response.headers.get('content-type')?.includes('text/event-stream')) return assertWellFormedStream(raw);
        const answer = JSON.parse(raw) as { object: string; id: string; status: string; output: unknown[]; usage: { input_tokens: number; output_tokens: number } };
        assert.equal(answer.object, 'response', context);
        assert.match(answer.id, /^resp_/);
        assert.ok(answer.status === 'completed' || answer.status === 'incomplete', context);
        assert.ok(answer.output.length > 0, context);
        assert.ok(Number.isInteger(answer.usage.input_tokens) && Number.isInteger(answer.usage.output_tokens), context);
      }),
      { numRuns: 150 },
    );
    fake().clearScripts();
    assert.equal((await fetch(`${gateway.url}/models`)).status, 200, 'still serving');
    assert.equal(gateway.child.exitCode, null);
    assert.doesNotMatch(gateway.stderr, /: 500 |unhandled|Internal error/i);
  });

  it('tells an SDK stream whose provider went silent half-way why it failed: the call timed out', async () => {
    const openai = new OpenAI({ baseURL: gateway.url, apiKey: 'unused-on-loopback', maxRetries: 0, timeout: ANSWER_MS });
    fake().script({ kind: 'stall' }, { model: 'tiny-coder' });
    const stream = openai.responses.stream({ model: 'local/tiny-coder', input: 'Tell me a long story about the sea' });
    // It said only that the model "failed after part of its answer was streamed".
    await assert.rejects(stream.finalResponse(), (e: APIError) => /failed after part of its answer was streamed \(timed out after [^)]+\)/.test(e.message));
  });

  it('settles 24 concurrent SDK streams, some broken by the provider, each with its answer or an APIError, and records each once', async () => {
    const openai = new OpenAI({ baseURL: gateway.url, apiKey: 'unused-on-loopback', maxRetries: 0, timeout: ANSWER_MS });
    const workspace = 'responses-concurrent';
    for (const behaviour of [
      { kind: 'stream-error', status: 429 },
      { kind: 'stream-error', status: 529 },
      { kind: 'invalid-tool-arguments' },
      { kind: 'stall' },
      { kind: 'slow', chunkDelayMs: 20 },
    ] as Behaviour[]) {
      fake().script(behaviour, { model: 'tiny-coder', times: 3 });
    }
    const tools: OpenAI.Responses.FunctionTool[] = [{ type: 'function', name: 'read_file', strict: false, parameters: { type: 'object', properties: { path: { type: 'string' } } } }];
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        openai.responses.stream({ model: 'local/tiny-coder', input: `Tell me about the number ${i}`, tools }, { headers: { 'x-llm-router-workspace': workspace } }).finalResponse(),
      ),
    );
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    for (const failure of failures) {
      assert.ok(failure instanceof APIError, String(failure));
      assert.match(failure.message, /failed after part of its answer was streamed/);
    }
    for (const result of results) if (result.status === 'fulfilled') assert.equal(result.value.status, 'completed');
    // 12 calls break after part of their answer was sent (errors, a malformed call, a stall): those fail; the rest answer.
    assert.equal(failures.length, 12, `${failures.length} failed`);
    const usage = (await (await fetch(`${gateway.url}/router/usage`, { headers: { 'x-llm-router-workspace': workspace } })).json()) as { total: { requests: number } };
    let requests = usage.total.requests;
    for (let waited = 0; requests < 24 && waited < 5_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      requests = ((await (await fetch(`${gateway.url}/router/usage`, { headers: { 'x-llm-router-workspace': workspace } })).json()) as { total: { requests: number } }).total.requests;
    }
    assert.equal(requests, 24, 'each request recorded once');
  });
});
