// Faults a second outside probe found at the HTTP gateway, each with the request that
// showed it: the answer is a 400 naming the field (or a well-formed answer), no provider is
// called or blamed for the client's fault, and other requests keep being served.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings } from './fixtures';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';

const nestedArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/**
 * An object schema holding arrays 30,000 levels deep: serialising it overflows the stack (5,000
 * levels do), and its body stays under 64 KB, where the gateway does not scan a body's nesting.
 */
const deepSchema = () => `{"type":"object","properties":{},"x":${nestedArray(30_000)}}`;

describe('HTTP gateway: faults found by the second outside probe (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;

  before(async () => {
    // Breakers open after 3 failures (fakeSettings'): three deep requests used to open every model's.
    // A daily budget that blocks: one corrupt usage report used to fill it for the day.
    gateway = await GatewayProcess.start({
      settings: gatewaySettings(fake(), { resilience: fakeSettings(fake()).resilience, budget: { dailyUsd: 5, onExceed: 'block' } }),
      env: gatewayEnv,
    });
  });
  after(async () => {
    await gateway.stop();
  });

  const post = async (path: string, body: string) => {
    const response = await fetch(`${gateway.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, body: (await response.json()) as { error: { message: string; param?: string } } };
  };

  const deep: [string, string, string, string][] = [
    ['a tool schema', 'chat/completions', `{"model":"auto","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"t","parameters":${deepSchema()}}}]}`, 'tools[0].function.parameters'],
    ['a JSON output schema', 'chat/completions', `{"model":"auto","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${deepSchema()}}}}`, 'response_format.json_schema.schema'],
    ['an Anthropic tool schema', 'messages', `{"model":"auto","max_tokens":50,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"t","input_schema":${deepSchema()}}]}`, 'tools[0].input_schema'],
    [
      "an Anthropic tool call's input",
      'messages',
      `{"model":"auto","max_tokens":50,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{"a":${nestedArray(30_000)}}}]},` +
        '{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}],"tools":[{"name":"t","input_schema":{"type":"object"}}]}',
      'messages[1].content[0].input',
    ],
  ];
  for (const [what, path, body, param] of deep) {
    it(`refuses ${what} nested 30,000 levels deep with a 400 naming it, before any provider call`, async () => {
      const answer = await post(path, body);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.match(answer.body.error.message, new RegExp(`'${param.replace(/[[\]().]/g, '\\$&')}': nested more than 100 levels deep`));
      assert.equal(fake().requests.length, 0);
    });
  }

  it('refuses a 19 MB body nested 10 million levels deep in time of the order of a flat body of that size', async () => {
    // A linear-time peer in the same run: parsing the nesting held the event loop ~12 s.
    const timed = async (body: string) => {
      const started = performance.now();
      const answer = await post('chat/completions', body);
      return { ...answer, ms: performance.now() - started };
    };
    const flat = await timed(`{"model":"auto","messages":[{"role":"user","content":"${'x'.repeat(19 * 1024 * 1024)}"}]}`);
    const deep = await timed(`{"model":"auto","messages":${nestedArray(10_000_000)}}`);
    assert.equal(flat.status, 400);
    assert.equal(deep.status, 400);
    assert.match(deep.body.error.message, /nested more than 200 levels deep/);
    assert.ok(deep.ms < flat.ms * 10, `deep ${deep.ms.toFixed(0)} ms, flat ${flat.ms.toFixed(0)} ms`);
  });

  it('says a request with 1,001 tools has too many, on both APIs, instead of that it sent no array of tools', async () => {
    const tools = Array.from({ length: 1_001 }, (_, i) => ({ name: `t${i}`, parameters: { type: 'object' } }));
    const openai = await post('chat/completions', JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], tools: tools.map((t) => ({ type: 'function', function: t })) }));
    const anthropic = await post('messages', JSON.stringify({ model: 'auto', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], tools: tools.map((t) => ({ name: t.name, input_schema: t.parameters })) }));
    for (const answer of [openai, anthropic]) {
      assert.equal(answer.status, 400);
      assert.match(answer.body.error.message, /at most 1,000 tools/);
    }
  });

  it('still answers with the first choice after deep requests: the models were not blamed for them', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await post(deep[0][1], deep[0][2])).status, 400);
    const response = await fetch(`${gateway.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-llm-router-model'), 'local/tiny-coder');
  });

  /** A chat request to `model` on its own workspace; the answer's text, status, headers and that workspace's ledger. */
  const ask = async (api: 'openai' | 'anthropic', model: string, stream: boolean) => {
    const workspace = `probe-${Math.random().toString(36).slice(2)}`;
    const openai = api === 'openai';
    const response = await fetch(`${gateway.url}/${openai ? 'chat/completions' : 'messages'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-llm-router-workspace': workspace },
      body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi there' }], ...(openai ? {} : { max_tokens: 100 }) }),
    });
    const text = await response.text();
    const usage = (await (await fetch(`${gateway.url}/router/usage`, { headers: { 'x-llm-router-workspace': workspace } })).json()) as {
      today: { costUsd: number; requests: number; estimatedRequests: number };
    };
    const history = (await (await fetch(`${gateway.url}/router/history`, { headers: { 'x-llm-router-workspace': workspace } })).json()) as {
      history: { model: string; attempts: { model: string; ok: boolean; error?: string }[] }[];
    };
    return { status: response.status, headers: response.headers, text, today: usage.today, history: history.history };
  };

  it('closes the stream of a client that reads nothing once 8 MB wait for it, aborting the provider call and recording what was streamed', async () => {
    // 200,000 words stream as ~40 MB of events: all of it used to be kept for the client.
    fake().script({ kind: 'reply', text: 'word '.repeat(200_000) }, { model: 'tiny-coder' });
    const { port } = new URL(gateway.url);
    const body = JSON.stringify({ model: 'local/tiny-coder', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n` +
        `x-llm-router-workspace: never-reads\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    socket.pause();
    try {
      type Row = { outcome: string; outputTokens: number; costUsd: number; reasons: string[] };
      let rows: Row[] = [];
      for (let waited = 0; rows.length === 0 && waited < 20_000; waited += 200) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        rows = ((await (await fetch(`${gateway.url}/router/history`, { headers: { 'x-llm-router-workspace': 'never-reads' } })).json()) as { history: Row[] }).history;
      }
      assert.equal(rows.length, 1);
      assert.equal(rows[0].outcome, 'cancelled');
      assert.ok(rows[0].outputTokens > 1_000 && rows[0].outputTokens < 200_000, `${rows[0].outputTokens} tokens recorded`);
      assert.ok(rows[0].costUsd > 0);
      assert.match(rows[0].reasons.at(-1)!, /cancelled after \d+ streamed tokens: cost estimated/);
    } finally {
      socket.destroy();
    }
  });

  for (const [api, model] of [['openai', 'local/tiny-coder'], ['anthropic', 'claude/claude-fake']] as const) {
    for (const stream of [false, true]) {
      it(`bills an answer whose provider reported 1e12 tokens on the router's own estimate (${model}, ${stream ? 'streamed' : 'whole'}), and the budget stays usable`, async () => {
        fake().script({ kind: 'usage', inputTokens: 1e12, outputTokens: 1e12 }, { model: model.split('/')[1] });
        const answer = await ask(api, model, stream);
        assert.equal(answer.status, 200);
        assert.equal(answer.headers.get('x-llm-router-model'), model);
        assert.equal(answer.today.requests, 1);
        assert.equal(answer.today.estimatedRequests, 1);
        assert.ok(answer.today.costUsd > 0 && answer.today.costUsd < 0.01, `recorded $${answer.today.costUsd}`);
        if (!stream) assert.equal(answer.headers.get('x-llm-router-cost-basis'), 'estimated');
        // The day's budget ($5, block) was not filled by the report: the next request is answered.
        assert.equal((await ask('openai', 'local/tiny-coder', false)).status, 200);
      });

      it(`fails a reply that turns into one endless line as malformed and falls back, without buffering it (${model}, ${stream ? 'streamed' : 'whole'})`, async () => {
        fake().script({ kind: 'endless-line', megabytes: 200 }, { model: model.split('/')[1] });
        const answer = await ask(api, model, stream);
        assert.equal(answer.status, 200);
        assert.notEqual(answer.headers.get('x-llm-router-model'), model);
        const [first] = answer.history[0].attempts;
        assert.equal(first.model, model);
        // Before, the reply was read until the call's timeout (5 s here), hundreds of MB of it.
        assert.match(first.error ?? '', /larger than \d+ bytes/);
      });
    }
  }
});

describe('HTTP gateway: a provider stream that only keeps itself alive (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;

  before(async () => {
    const resilience = { retriesPerModel: 0, timeoutMs: 1_000, firstByteTimeoutMs: 1_000, breakerFailures: 100 };
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake(), { resilience }), env: gatewayEnv });
  });
  after(async () => {
    await gateway.stop();
  });

  // Decided: the first event counts (the model took the request), then only events that carry
  // something (text, a tool call's piece, thinking, the finish, usage). Empty deltas or pings
  // alone are cut timeoutMs after the last sign of life, and the request falls back.
  for (const [api, model] of [['openai', 'local/tiny-coder'], ['anthropic', 'claude/claude-fake']] as const) {
    it(`cuts ${api === 'openai' ? 'an OpenAI' : 'an Anthropic'} stream of events that carry nothing after timeoutMs and falls back`, async () => {
      fake().script({ kind: 'keep-alive', everyMs: 100 }, { model: model.split('/')[1] });
      const response = await fetch(`${gateway.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
        signal: AbortSignal.timeout(20_000),
      });
      await response.text();
      assert.equal(response.status, 200);
      assert.notEqual(response.headers.get('x-llm-router-model'), model);
    });
  }
});
