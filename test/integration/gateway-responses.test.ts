// OpenAI's Responses API on the gateway (`POST /v1/responses`), driven by the official
// `openai` SDK's `responses.create` and `responses.stream` against the fakes of both wire
// formats: plain answers, instructions, function-call round trips (an Anthropic model
// included), streaming, the token limit, refusals and errors in OpenAI's format. Every
// request must land in the ledger once, at the cost the provider's usage implies, under
// the client's name.
import assert from 'node:assert/strict';
import OpenAI, { APIError } from 'openai';
import { DashboardRequest, UsageRequest } from '../../shared/protocol';
import { DEFERRED_COMMIT_MS } from '../../server/src/ledger/ledger';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeReply } from '../fakes/reply';
import { CALLS, READ_FILE } from '../fakes/tool-fixtures';
import { expectedCost, PRICES } from './fixtures';
import { gatewayEnv, gatewaySettings, useGatewayWithOpenAi } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';
import { ServerProcess } from './server-process';

type Model = keyof typeof PRICES;
/** One model per wire format: an OpenAI-compatible one and an Anthropic one. */
const MODELS: Model[] = ['local/tiny-coder', 'claude/claude-fake'];
const modelId = (model: Model) => model.split('/')[1];

const FILES: Record<string, string> = { 'src/a.ts': 'export const a = 1;', 'src/b.ts': 'export const b = 2;' };
const ASK = 'Read src/a.ts and src/b.ts and tell me what they export';
const TOOLS: OpenAI.Responses.FunctionTool[] = [{ type: 'function', ...READ_FILE, strict: false }];

describe('HTTP gateway: OpenAI Responses API (integration)', function () {
  this.timeout(30_000);
  const { fake, gateway, openai } = useGatewayWithOpenAi();

  const headers = (ws: string) => ({ headers: { 'x-llm-router-workspace': ws } });

  /** The ledger of a workspace, read by the editor's server on the gateway's storage once the gateway's journal is committed. */
  async function ledger(workspaceId: string, requests: number) {
    const server = await ServerProcess.start({ storageDir: gateway().storageDir, settings: gatewaySettings(fake()) });
    try {
      const deadline = Date.now() + 5_000;
      let usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId });
      while (usage.total.requests < requests && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, DEFERRED_COMMIT_MS));
        usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId });
      }
      const dashboard = await server.connection.sendRequest(DashboardRequest.type, { workspaceId });
      return { usage, history: dashboard.history };
    } finally {
      await server.stop();
    }
  }

  function assertBilled(total: { requests: number; costUsd: number }, turns: { model: Model; input: number; output: number }[]) {
    assert.equal(total.requests, turns.length, 'each request recorded once');
    const expected = turns.reduce((sum, t) => sum + expectedCost(t.model, t.input, t.output), 0);
    assert.ok(Math.abs(total.costUsd - expected) < 1e-12, `ledger ${total.costUsd} vs ${expected}`);
  }

  it('answers responses.create with a Response object: resp_ id, the model that answered, output_text, usage and the router headers; recorded under the client name', async () => {
    const ws = 'resp-plain';
    const { data, response } = await openai().responses.create({ model: 'local/tiny-coder', input: 'What is a closure?' }, headers(ws)).withResponse();
    const reply = fakeReply('tiny-coder', [{ role: 'user', text: 'What is a closure?' }]);
    assert.match(data.id, /^resp_[0-9a-f]+$/);
    assert.equal(data.object, 'response');
    assert.equal(data.status, 'completed');
    assert.equal(data.incomplete_details, null);
    assert.equal(data.model, 'local/tiny-coder');
    assert.equal(data.output_text, reply.text);
    assert.equal(data.output.length, 1);
    const message = data.output[0] as OpenAI.Responses.ResponseOutputMessage;
    assert.equal(message.type, 'message');
    assert.match(message.id, /^msg_/);
    assert.deepEqual(message.content, [{ type: 'output_text', text: reply.text, annotations: [], logprobs: [] }]);
    assert.deepEqual(data.usage, {
      input_tokens: reply.inputTokens,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: reply.outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: reply.inputTokens + reply.outputTokens,
    });
    assert.equal(response.headers.get('x-llm-router-model'), 'local/tiny-coder');
    assert.equal(response.headers.get('x-llm-router-cost-basis'), 'provider');
    const cost = Number(response.headers.get('x-llm-router-cost-usd'));
    assert.ok(Math.abs(cost - expectedCost('local/tiny-coder', reply.inputTokens, reply.outputTokens)) < 1e-12);

    const { usage } = await ledger(ws, 1);
    assertBilled(usage.total, [{ model: 'local/tiny-coder', input: reply.inputTokens, output: reply.outputTokens }]);
    assert.deepEqual(Object.keys(usage.byClient), [Object.keys(usage.byClient).find((c) => /^OpenAI\/JS /.test(c))], 'spend under the SDK\'s name');
  });

  for (const model of MODELS) {
    it(`sends instructions as the system prompt and message items in order to ${model}`, async () => {
      const answer = await openai().responses.create({
        model,
        instructions: 'You are terse.',
        input: [
          { role: 'developer', content: 'Answer in English.' },
          { role: 'user', content: [{ type: 'input_text', text: 'What is a closure?' }] },
          { role: 'assistant', content: 'A function with its environment.' },
          { role: 'user', content: 'And what does it capture?' },
        ],
      });
      assert.equal(answer.model, model);
      const sent = fake().requests[0].body as { system?: unknown; messages: { role: string; content: unknown }[] };
      const text = (content: unknown) => (typeof content === 'string' ? content : (content as { text: string }[]).map((p) => p.text).join('\n'));
      const turns = sent.messages.map((m) => [m.role, text(m.content)]);
      if (model.startsWith('claude/')) {
        assert.match(JSON.stringify(sent.system), /You are terse\.[\s\S]*Answer in English\./);
        assert.deepEqual(turns, [['user', 'What is a closure?'], ['assistant', 'A function with its environment.'], ['user', 'And what does it capture?']]);
      } else {
        assert.deepEqual(turns, [
          ['system', 'You are terse.'],
          ['system', 'Answer in English.'],
          ['user', 'What is a closure?'],
          ['assistant', 'A function with its environment.'],
          ['user', 'And what does it capture?'],
        ]);
      }
    });

    it(`runs a function-call round trip on ${model}: function_call items, then function_call_output answered; each turn billed`, async () => {
      const ws = `resp-tools-${model}`;
      fake().script({ kind: 'tool-calls', calls: CALLS }, { model: modelId(model) });
      const ask: OpenAI.Responses.ResponseInputItem[] = [{ role: 'user', content: ASK }];

      const first = await openai().responses.create({ model, input: ask, tools: TOOLS }, headers(ws));
      assert.equal(first.status, 'completed');
      const calls = first.output.filter((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call');
      assert.equal(first.output.length, calls.length, 'no empty message beside the calls');
      assert.deepEqual(calls.map((c) => [c.name, JSON.parse(c.arguments)]), CALLS.map((c) => [c.name, c.arguments]));
      assert.ok(calls.every((c) => /^fc_/.test(c.id ?? '') && c.call_id !== ''));
      assert.notEqual(calls[0].call_id, calls[1].call_id);

      const results: OpenAI.Responses.ResponseInputItem[] = calls.map((c) => ({
        type: 'function_call_output',
        call_id: c.call_id,
        output: FILES[(JSON.parse(c.arguments) as { path: string }).path],
      }));
      const second = await openai().responses.create({ model, input: [...ask, ...calls, ...results], tools: TOOLS }, headers(ws));
      assert.equal(second.status, 'completed');
      assert.match(second.output_text, /export const [ab] = [12];/, 'the model saw the tool results');

      // The provider got both calls and both results, by the calls' ids, in its own wire format.
      const sent = JSON.stringify(fake().requests[1].body);
      for (const c of calls) assert.ok(sent.includes(c.call_id), `the call id ${c.call_id} reached the provider`);
      assert.match(sent, model.startsWith('claude/') ? /"type":"tool_result"/ : /"role":"tool"/);

      const { usage } = await ledger(ws, 2);
      assertBilled(usage.total, [
        { model, input: first.usage!.input_tokens, output: first.usage!.output_tokens },
        { model, input: second.usage!.input_tokens, output: second.usage!.output_tokens },
      ]);
    });

    it(`streams with responses.stream on ${model}: text deltas, then function calls with argument deltas; finalResponse carries the usage`, async () => {
      const ws = `resp-stream-${model}`;
      fake().script({ kind: 'tool-calls', calls: CALLS, text: 'Reading both.' }, { model: modelId(model) });
      const stream = openai().responses.stream({ model, input: ASK, tools: TOOLS }, headers(ws));
      const events: OpenAI.Responses.ResponseStreamEvent[] = [];
      stream.on('event', (e) => events.push(e));
      const final = await stream.finalResponse();

      assert.equal(final.status, 'completed');
      assert.equal(final.model, model);
      assert.deepEqual(final.output.map((item) => item.type), ['message', 'function_call', 'function_call']);
      assert.equal(final.output_text, 'Reading both.');
      const calls = final.output.flatMap((item) => (item.type === 'function_call' ? [item] : []));
      assert.deepEqual(calls.map((c) => JSON.parse(c.arguments)), CALLS.map((c) => c.arguments));
      assert.deepEqual(events.map((e) => e.sequence_number), events.map((_, i) => i), 'sequence numbers 0, 1, 2...');
      assert.deepEqual(events.map((e) => e.type).filter((t, i, all) => t !== all[i - 1]), [
        'response.created', 'response.in_progress',
        'response.output_item.added', 'response.content_part.added', 'response.output_text.delta',
        'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
        'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.output_item.done',
        'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.output_item.done',
        'response.completed',
      ]);
      assert.equal(events.filter((e) => e.type === 'response.output_text.delta').length > 1, true, 'text streamed in pieces');
      assert.ok(events.filter((e) => e.type === 'response.function_call_arguments.delta').length > 2, 'arguments streamed in fragments');
      assert.ok(final.usage && final.usage.output_tokens > 0 && final.usage.total_tokens === final.usage.input_tokens + final.usage.output_tokens);

      const { usage } = await ledger(ws, 1);
      assertBilled(usage.total, [{ model, input: final.usage.input_tokens, output: final.usage.output_tokens }]);
    });
  }

  it('says incomplete (reason max_output_tokens) for an answer cut at max_output_tokens, plain and streamed, and passes the limit on', async () => {
    fake().script({ kind: 'truncated' }, { model: 'tiny-coder', times: 2 });
    const request = { model: 'local/tiny-coder', input: 'hello there', max_output_tokens: 16 };
    const plain = await openai().responses.create(request);
    assert.equal(plain.status, 'incomplete');
    assert.deepEqual(plain.incomplete_details, { reason: 'max_output_tokens' });
    const body = fake().requests[0].body as { max_tokens?: number; max_completion_tokens?: number };
    assert.equal(body.max_tokens ?? body.max_completion_tokens, 16);

    const events: string[] = [];
    const stream = openai().responses.stream(request);
    stream.on('event', (e) => events.push(e.type));
    const streamed = await stream.finalResponse();
    assert.equal(streamed.status, 'incomplete');
    assert.deepEqual(streamed.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(events.at(-1), 'response.incomplete');
  });

  it('answers JSON shaped by text.format json_schema', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' }, count: { type: 'integer' } }, required: ['title', 'count'], additionalProperties: false };
    const answer = await openai().responses.create({
      model: 'local/tiny-coder',
      input: 'Summarize as JSON',
      text: { format: { type: 'json_schema', name: 'summary', schema, strict: true } },
    });
    assert.deepEqual(JSON.parse(answer.output_text), { title: 'fake', count: 1 });
  });

  it('refuses built-in tools and server-side state with a 400 in OpenAI\'s format naming the field, before any provider call', async () => {
    await assert.rejects(
      openai().responses.create({ model: 'auto', input: 'news today?', tools: [...TOOLS, { type: 'web_search' }] }),
      (e: APIError) => e.status === 400 && e.type === 'invalid_request_error' && e.param === 'tools[1].type' && /tools only .*not "web_search" \(in Codex, set web_search = "disabled"/.test(e.message),
    );
    // Codex's defaults: a namespace of sub-agent tools (offered as functions) and web search, which is refused.
    await assert.rejects(
      openai().responses.create({
        model: 'auto',
        input: 'hi',
        tools: [{ type: 'namespace', name: 'multi_agent_v1', description: 'sub-agents', tools: [{ type: 'function', name: 'spawn_agent', parameters: null, strict: false }] }, ...TOOLS, { type: 'web_search' }],
      }),
      (e: APIError) => e.status === 400 && e.param === 'tools[2].type' && /not "web_search" \(in Codex, set web_search = "disabled"/.test(e.message) && !/namespace"/.test(e.message),
    );
    await assert.rejects(
      openai().responses.create({ model: 'auto', input: 'and then?', previous_response_id: 'resp_123' }),
      (e: APIError) => e.status === 400 && e.param === 'previous_response_id' && /send the whole conversation in input/.test(e.message),
    );
    await assert.rejects(
      openai().responses.create({ model: 'auto', input: [{ type: 'function_call_output', call_id: 'call_nope', output: 'x' }] }),
      (e: APIError) => e.status === 400 && e.param === 'input[0].call_id',
    );
    assert.equal(fake().requests.length, 0);
  });

  it('accepts what the SDK and Codex send by default (store, include, metadata, reasoning summary) without storing anything', async () => {
    const answer = await openai().responses.create({
      model: 'local/tiny-coder',
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
      store: true,
      include: ['reasoning.encrypted_content'],
      metadata: { ticket: 'T-1' },
      reasoning: { summary: 'auto' },
      prompt_cache_key: 'session-1',
    });
    assert.equal(answer.status, 'completed');
    assert.deepEqual(answer.metadata, { ticket: 'T-1' });
    assert.equal((answer as { store?: boolean }).store, false, 'the response says it was not stored');
    await assert.rejects(openai().responses.retrieve(answer.id), (e: APIError) => e.status === 404 && /stores no responses/.test(e.message));
  });

  it('ends a stream with an error event when the model fails after sending text, and records the text sent at its cost', async () => {
    const ws = 'resp-broken';
    fake().script({ kind: 'stream-error', status: 500 }, { model: 'tiny-coder' });
    const stream = openai().responses.stream({ model: 'local/tiny-coder', input: 'one two three four five six seven' }, headers(ws));
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    await assert.rejects(stream.finalResponse(), (e: Error) => /failed after part of its answer was streamed/.test(e.message));
    assert.ok(deltas.length > 0, 'part of the answer had been sent');
    assert.equal(fake().requests.length, 1, 'no fallback model was paid for');
    const { usage, history } = await ledger(ws, 1);
    assert.equal(usage.total.requests, 1);
    assert.ok(history[0].attempts[0].billed, JSON.stringify(history[0].attempts));
    assert.ok(usage.total.costUsd > 0, 'the broken-off text costs money');
  });
});

describe('HTTP gateway: Responses API token and budget (integration)', function () {
  this.timeout(20_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess | undefined;

  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
  });

  it('refuses a wrong token with 401 invalid_api_key in OpenAI\'s format, and answers the right one', async () => {
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: { ...gatewayEnv, LLM_ROUTER_GATEWAY_TOKEN: 's3cret-token-for-tests' } });
    const wrong = new OpenAI({ baseURL: gateway.url, apiKey: 'guess', maxRetries: 0 });
    await assert.rejects(wrong.responses.create({ model: 'auto', input: 'hi' }), (e: APIError) => e.status === 401 && e.code === 'invalid_api_key');
    assert.equal(fake().requests.length, 0);
    const right = new OpenAI({ baseURL: gateway.url, apiKey: 's3cret-token-for-tests', maxRetries: 0 });
    assert.equal((await right.responses.create({ model: 'auto', input: 'hi' })).status, 'completed');
  });

  it('answers 402 budget_exceeded once a blocking budget is spent, streamed or not', async () => {
    const budget = { dailyUsd: 1e-6, onExceed: 'block' }; // less than one fake answer costs
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake(), { budget }), env: gatewayEnv });
    const client = new OpenAI({ baseURL: gateway.url, apiKey: 'x', maxRetries: 0 });
    await client.responses.create({ model: 'auto', input: 'spend' });
    for (const stream of [false, true]) {
      await assert.rejects(
        client.responses.create({ model: 'auto', input: 'spend more', stream }),
        (e: APIError) => e.status === 402 && e.type === 'budget_exceeded',
      );
    }
  });
});
