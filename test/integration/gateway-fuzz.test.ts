// Random and nearly-valid bodies and headers at the HTTP gateway: every request gets a
// well-formed answer or error in its API's format, OpenAI's or Anthropic's (never a 500,
// never a dropped connection), and the gateway is still serving afterwards.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings } from './fixtures';
import { GatewayProcess } from './gateway-process';

// What the gateway may answer: an answer, a refusal of the request, a budget block or
// every model failing. A 500 would mean the gateway itself broke.
const EXPECTED_STATUSES = new Set([200, 400, 402, 403, 404, 405, 413, 415, 502]);

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
const imageUrl = fc.oneof(
  fc.constantFrom(`data:image/png;base64,${PNG}`, 'https://example.com/a.png', 'http://x', 'data:image/png;base64,@@', 'data:,x'),
  fc.string(),
);
const toolCall = fc.record(
  {
    id: fc.oneof(fc.constantFrom('call_1', 'call_2'), fc.string()),
    type: fc.oneof(fc.constant('function'), fc.string()),
    function: fc.record({ name: fc.oneof(fc.constant('read_file'), fc.string()), arguments: fc.oneof(fc.constantFrom('{}', '{"path":"a"}', '{"a":', '[1]'), fc.string()) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const message = fc.record(
  {
    role: fc.oneof(fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool', 'function'), fc.string()),
    content: fc.oneof(
      fc.string(),
      fc.constant(null),
      fc.array(
        fc.oneof(
          fc.record({ type: fc.oneof(fc.constant('text'), fc.string()), text: fc.anything() }, { requiredKeys: [] }),
          fc.record({ type: fc.constant('image_url'), image_url: fc.record({ url: imageUrl, detail: fc.constantFrom('low', 'high', 'x') }, { requiredKeys: [] }) }),
        ),
      ),
      fc.anything(),
    ),
    tool_calls: fc.oneof(fc.array(toolCall, { maxLength: 3 }), fc.anything()),
    tool_call_id: fc.oneof(fc.constantFrom('call_1', 'call_2'), fc.string()),
  },
  { requiredKeys: [] },
);

const tool = fc.record(
  {
    type: fc.oneof(fc.constant('function'), fc.string()),
    function: fc.record(
      {
        name: fc.oneof(fc.constantFrom('read_file', 'bad name'), fc.string()),
        parameters: fc.oneof(fc.constant({ type: 'object', properties: { path: { type: 'string' } } }), fc.constant({ type: 'string' }), fc.anything()),
        strict: fc.anything(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

// Shapes close to a real body reach deeper than pure noise.
const nearlyValid = fc.record(
  {
    model: fc.oneof(fc.constantFrom('auto', 'local/tiny-coder', 'nope/nope', '/', ''), fc.string(), fc.integer()),
    messages: fc.oneof(fc.array(message, { maxLength: 4 }), fc.anything()),
    stream: fc.oneof(fc.boolean(), fc.anything()),
    stream_options: fc.anything(),
    max_tokens: fc.oneof(fc.integer(), fc.double(), fc.string()),
    temperature: fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 })),
    n: fc.oneof(fc.constant(1), fc.integer()),
    tools: fc.oneof(fc.array(tool, { maxLength: 3 }), fc.anything()),
    tool_choice: fc.oneof(fc.constantFrom('auto', 'none', 'required', { type: 'function', function: { name: 'read_file' } }), fc.anything()),
    parallel_tool_calls: fc.anything(),
    stop: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 20 }), fc.anything()),
    response_format: fc.oneof(
      fc.constantFrom({ type: 'json_object' }, { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } }, { type: 'json_schema', json_schema: {} }),
      fc.anything(),
    ),
    seed: fc.oneof(fc.integer(), fc.double()),
    top_p: fc.oneof(fc.double(), fc.integer({ min: -2, max: 2 })),
    reasoning_effort: fc.oneof(fc.constantFrom('low', 'high', 'extreme'), fc.anything()),
    logprobs: fc.anything(),
  },
  { requiredKeys: [] },
);

const anthropicBlock = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string(), fc.anything()) }),
  fc.record({ type: fc.constant('image'), source: fc.oneof(fc.constant({ type: 'base64', media_type: 'image/png', data: PNG }), fc.record({ type: fc.constantFrom('base64', 'url', 'file'), data: fc.string(), url: imageUrl }, { requiredKeys: [] })) }),
  fc.record({ type: fc.constant('tool_use'), id: fc.constantFrom('toolu_1', 'toolu_2'), name: fc.constantFrom('read_file', 'x y'), input: fc.oneof(fc.constant({ path: 'a' }), fc.anything()) }, { requiredKeys: [] }),
  fc.record({ type: fc.constant('tool_result'), tool_use_id: fc.oneof(fc.constantFrom('toolu_1', 'toolu_9'), fc.string()), content: fc.oneof(fc.string(), fc.anything()), is_error: fc.anything() }, { requiredKeys: [] }),
  fc.record({ type: fc.string() }),
);
const anthropicMessage = fc.record(
  { role: fc.oneof(fc.constantFrom('user', 'assistant'), fc.string()), content: fc.oneof(fc.string(), fc.array(anthropicBlock, { maxLength: 3 }), fc.anything()) },
  { requiredKeys: [] },
);
const anthropicNearlyValid = fc.record(
  {
    model: fc.oneof(fc.constantFrom('auto', 'claude-sonnet-5-5', 'local/tiny-coder', ''), fc.string()),
    max_tokens: fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.anything()),
    messages: fc.oneof(fc.array(anthropicMessage, { maxLength: 4 }), fc.anything()),
    system: fc.oneof(fc.string(), fc.array(fc.record({ type: fc.constant('text'), text: fc.string() })), fc.anything()),
    tools: fc.oneof(fc.array(fc.record({ name: fc.constantFrom('read_file', 'bad name'), input_schema: fc.oneof(fc.constant({ type: 'object' }), fc.anything()), type: fc.constantFrom('custom', 'web_search_20250305') }, { requiredKeys: ['name'] }), { maxLength: 2 }), fc.anything()),
    tool_choice: fc.oneof(fc.constantFrom({ type: 'auto' }, { type: 'any' }, { type: 'tool', name: 'read_file' }, { type: 'none' }), fc.anything()),
    stop_sequences: fc.anything(),
    thinking: fc.oneof(fc.constantFrom({ type: 'enabled', budget_tokens: 2048 }, { type: 'disabled' }), fc.anything()),
    stream: fc.oneof(fc.boolean(), fc.anything()),
    temperature: fc.oneof(fc.double(), fc.integer({ min: -1, max: 3 })),
  },
  { requiredKeys: [] },
);
const anthropicOneFieldOff = fc.tuple(fc.string({ maxLength: 80 }), fc.boolean(), anthropicNearlyValid, fc.nat()).map(([prompt, stream, off, pick]) => {
  const keys = Object.keys(off);
  const valid: Record<string, unknown> = { model: 'auto', max_tokens: 50, messages: [{ role: 'user', content: prompt || 'hi' }], stream };
  if (keys.length === 0 || pick % 3 === 0) return valid;
  const key = keys[pick % keys.length];
  return { ...valid, [key]: (off as Record<string, unknown>)[key] };
});

const responsesItem = fc.oneof(
  fc.record(
    {
      type: fc.oneof(fc.constant('message'), fc.string()),
      role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'developer', 'tool'), fc.string()),
      content: fc.oneof(
        fc.string(),
        fc.array(
          fc.oneof(
            fc.record({ type: fc.constantFrom('input_text', 'output_text', 'refusal', 'input_file', 'x'), text: fc.oneof(fc.string(), fc.anything()) }, { requiredKeys: [] }),
            fc.record({ type: fc.constant('input_image'), image_url: imageUrl, detail: fc.constantFrom('low', 'high', 'original', 'x') }, { requiredKeys: [] }),
          ),
          { maxLength: 3 },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.record({ type: fc.constant('function_call'), call_id: fc.constantFrom('call_1', 'call_2', ''), name: fc.constantFrom('read_file', 'x y'), arguments: fc.constantFrom('{}', '{"path":"a"}', '{"a":', '[1]') }, { requiredKeys: [] }),
  fc.record({ type: fc.constant('function_call_output'), call_id: fc.constantFrom('call_1', 'call_9'), output: fc.oneof(fc.string(), fc.anything()) }, { requiredKeys: [] }),
  fc.record({ type: fc.constantFrom('reasoning', 'item_reference', 'web_search_call') }),
);
const responsesNearlyValid = fc.record(
  {
    model: fc.oneof(fc.constantFrom('auto', 'local/tiny-coder', 'nope/nope', ''), fc.string()),
    input: fc.oneof(fc.string(), fc.array(responsesItem, { maxLength: 4 }), fc.anything()),
    instructions: fc.oneof(fc.string(), fc.anything()),
    tools: fc.oneof(
      fc.array(fc.oneof(fc.record({ type: fc.constant('function'), name: fc.constantFrom('read_file', 'bad name'), parameters: fc.oneof(fc.constant({ type: 'object' }), fc.anything()) }, { requiredKeys: ['type'] }), fc.record({ type: fc.constantFrom('web_search', 'namespace', 'x') })), { maxLength: 2 }),
      fc.anything(),
    ),
    tool_choice: fc.oneof(fc.constantFrom('auto', 'none', 'required', { type: 'function', name: 'read_file' }, { type: 'web_search' }), fc.anything()),
    max_output_tokens: fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.anything()),
    text: fc.oneof(fc.constantFrom({ format: { type: 'json_object' } }, { format: { type: 'json_schema', name: 'x', schema: { type: 'object' } } }, { verbosity: 'low' }), fc.anything()),
    reasoning: fc.oneof(fc.constantFrom({ effort: 'none' }, { effort: 'xhigh' }, { summary: 'auto' }), fc.anything()),
    previous_response_id: fc.oneof(fc.constant(null), fc.string()),
    store: fc.anything(),
    stream: fc.oneof(fc.boolean(), fc.anything()),
  },
  { requiredKeys: [] },
);
const responsesOneFieldOff = fc.tuple(fc.string({ maxLength: 80 }), fc.boolean(), responsesNearlyValid, fc.nat()).map(([prompt, stream, off, pick]) => {
  const keys = Object.keys(off);
  const valid: Record<string, unknown> = { model: 'auto', input: prompt || 'hi', stream };
  if (keys.length === 0 || pick % 3 === 0) return valid;
  const key = keys[pick % keys.length];
  return { ...valid, [key]: (off as Record<string, unknown>)[key] };
});

// A valid body with one field swapped for a nearly-valid value: most get past the
// schema's first checks, and many are answered by a (fake) model.
const oneFieldOff = fc
  .tuple(fc.string({ maxLength: 80 }), fc.boolean(), nearlyValid, fc.nat())
  .map(([prompt, stream, off, pick]) => {
    const keys = Object.keys(off);
    const valid: Record<string, unknown> = { model: 'auto', messages: [{ role: 'user', content: prompt || 'hi' }], stream };
    // A third stay valid, to keep the answering (and streaming) paths under fire too.
    if (keys.length === 0 || pick % 3 === 0) return valid;
    const key = keys[pick % keys.length];
    return { ...valid, [key]: (off as Record<string, unknown>)[key] };
  });

const body = fc.oneof(
  { arbitrary: oneFieldOff.map((value) => JSON.stringify(value)), weight: 4 },
  { arbitrary: anthropicOneFieldOff.map((value) => JSON.stringify(value)), weight: 3 },
  { arbitrary: responsesOneFieldOff.map((value) => JSON.stringify(value)), weight: 3 },
  responsesNearlyValid.map((value) => JSON.stringify(value)),
  nearlyValid.map((value) => JSON.stringify(value)),
  anthropicNearlyValid.map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

// Mostly what a client sends (POST JSON to chat completions, responses or messages), some of everything else.
const route = fc.oneof(
  { arbitrary: fc.constant(['POST', '/chat/completions'] as const), weight: 4 },
  { arbitrary: fc.constant(['POST', '/responses'] as const), weight: 3 },
  { arbitrary: fc.constant(['POST', '/messages'] as const), weight: 3 },
  fc.tuple(fc.constantFrom('POST', 'GET'), fc.constantFrom('/chat/completions', '/responses', '/messages', '/messages/count_tokens', '/models', '/nothing')),
);

const headers = fc.record(
  {
    'x-llm-router-workspace': fc.oneof(fc.string({ maxLength: 300 }), fc.constant('')),
    'x-llm-router-kind': fc.oneof({ arbitrary: fc.constantFrom('completion', 'ask'), weight: 3 }, fc.string({ maxLength: 20 })),
    'content-type': fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 4 },
      fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
    ),
  },
  { requiredKeys: ['content-type'] },
);

/** Header values must be visible ASCII for fetch to send them; anything else is not a request a client can make. */
const sendable = (value: string) => value.replace(/[^\x20-\x7e]/g, '');

describe('HTTP gateway: fuzzed requests (integration)', function () {
  this.timeout(60_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;

  before(async () => {
    gateway = await GatewayProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), env: { LLM_ROUTER_GATEWAY_TOKEN: '' } });
  });
  after(async () => {
    await gateway?.stop();
  });

  it('answers every malformed or random request with a status it documents and a JSON body, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(route, body, headers, async ([method, path], text, head) => {
        const response = await fetch(`${gateway.url}${path}`, {
          method,
          headers: Object.fromEntries(Object.entries(head).map(([name, value]) => [name, sendable(value)])),
          body: method === 'POST' ? text : undefined,
        });
        const raw = await response.text();
        assert.ok(EXPECTED_STATUSES.has(response.status), `${response.status} for ${method} ${path}: ${raw.slice(0, 300)}`);
        if (response.status !== 200 || !response.headers.get('content-type')?.includes('event-stream')) {
          const parsed = JSON.parse(raw) as { type?: unknown; error?: { message?: unknown; type?: unknown } };
          if (response.status !== 200) assert.equal(typeof parsed.error?.message, 'string', raw.slice(0, 300));
          // Anthropic's paths answer in Anthropic's error format.
          if (response.status !== 200 && path.startsWith('/messages')) assert.equal(parsed.type, 'error', raw.slice(0, 300));
        }
      }),
      { numRuns: 250 },
    );
    const alive = await fetch(`${gateway.url}/models`);
    assert.equal(alive.status, 200);
    assert.equal(gateway.child.exitCode, null);
    assert.doesNotMatch(gateway.stderr, /unhandled/i);
  });
});
