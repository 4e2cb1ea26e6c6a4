// Random and nearly-valid bodies and headers at the HTTP gateway: every request gets a
// well-formed OpenAI-style answer or error (never a 500, never a dropped connection),
// and the gateway is still serving afterwards.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings } from './fixtures';
import { GatewayProcess } from './gateway-process';

// What the gateway may answer: an answer, a refusal of the request, a budget block or
// every model failing. A 500 would mean the gateway itself broke.
const EXPECTED_STATUSES = new Set([200, 400, 402, 403, 404, 405, 413, 415, 502]);

const message = fc.record(
  {
    role: fc.oneof(fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool'), fc.string()),
    content: fc.oneof(
      fc.string(),
      fc.array(fc.record({ type: fc.oneof(fc.constant('text'), fc.string()), text: fc.anything() }, { requiredKeys: [] })),
      fc.anything(),
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
    tools: fc.anything(),
    stop: fc.anything(),
    response_format: fc.anything(),
  },
  { requiredKeys: [] },
);

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
  nearlyValid.map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

// Mostly what a client sends (POST JSON to chat completions), some of everything else.
const route = fc.oneof(
  { arbitrary: fc.constant(['POST', '/chat/completions'] as const), weight: 4 },
  fc.tuple(fc.constantFrom('POST', 'GET'), fc.constantFrom('/chat/completions', '/models', '/nothing')),
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
          const parsed = JSON.parse(raw) as { error?: { message?: unknown } };
          if (response.status !== 200) assert.equal(typeof parsed.error?.message, 'string', raw.slice(0, 300));
        }
      }),
      { numRuns: 150 },
    );
    const alive = await fetch(`${gateway.url}/models`);
    assert.equal(alive.status, 200);
    assert.equal(gateway.child.exitCode, null);
    assert.doesNotMatch(gateway.stderr, /unhandled/i);
  });
});
