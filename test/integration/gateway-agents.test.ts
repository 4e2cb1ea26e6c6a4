// The gateway as coding agents use it: tool round trips (parallel calls, JSON and
// streamed), images, JSON output and stop sequences, through the official `openai` and
// `@anthropic-ai/sdk` clients on both of the gateway's faces, against fakes of both wire
// formats. Every turn must land in the ledger at the cost the provider's usage implies.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { UsageRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { expectedCost, PRICES } from './fixtures';
import { gatewayEnv, gatewaySettings, startGatewayWithSdks } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';
import { ServerProcess } from './server-process';
import { CALLS, READ_FILE } from '../fakes/tool-fixtures';

type Model = keyof typeof PRICES;
/** One model per wire format: an OpenAI-compatible one and an Anthropic one. */
const MODELS: Model[] = ['local/tiny-coder', 'claude/claude-fake'];

const FILES: Record<string, string> = { 'src/a.ts': 'export const a = 1;', 'src/b.ts': 'export const b = 2;' };
const ASK = 'Read src/a.ts and src/b.ts and tell me what they export';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).toString('base64');

const openaiTools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: READ_FILE }];
const anthropicTools: Anthropic.Tool[] = [{ name: READ_FILE.name, description: READ_FILE.description, input_schema: READ_FILE.parameters as Anthropic.Tool.InputSchema }];

const modelId = (model: Model) => model.split('/')[1];

describe('HTTP gateway for coding agents (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;
  let openai: OpenAI;
  let anthropic: Anthropic;

  before(async () => {
    ({ gateway, openai, anthropic } = await startGatewayWithSdks(fake()));
  });
  after(async () => {
    await gateway?.stop();
  });

  /** What the ledger holds for a workspace, read by the editor's server on the gateway's storage. */
  async function ledgerTotal(workspaceId: string) {
    const server = await ServerProcess.start({ storageDir: gateway.storageDir, settings: gatewaySettings(fake()) });
    try {
      return (await server.connection.sendRequest(UsageRequest.type, { workspaceId })).total;
    } finally {
      await server.stop();
    }
  }

  function assertBilled(total: { requests: number; costUsd: number }, turns: { model: Model; input: number; output: number }[]) {
    assert.equal(total.requests, turns.length);
    const expected = turns.reduce((sum, t) => sum + expectedCost(t.model, t.input, t.output), 0);
    assert.ok(Math.abs(total.costUsd - expected) < 1e-12, `ledger ${total.costUsd} vs ${expected}`);
  }

  for (const model of MODELS) {
    describe(`OpenAI face, ${model}`, () => {
      const headers = (ws: string) => ({ headers: { 'x-llm-router-workspace': ws } });

      it('runs a parallel tool round trip (JSON): tool_calls with null content, then the results answered; each turn billed', async () => {
        const ws = `oa-json-${model}`;
        fake().script({ kind: 'tool-calls', calls: CALLS }, { model: modelId(model) });
        const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: ASK }];

        const first = await openai.chat.completions.create({ model, messages: ask, tools: openaiTools }, headers(ws));
        const choice = first.choices[0];
        assert.equal(first.model, model);
        assert.equal(choice.finish_reason, 'tool_calls');
        assert.equal(choice.message.content, null);
        const calls = choice.message.tool_calls ?? [];
        assert.deepEqual(calls.map((c) => c.type === 'function' && [c.function.name, JSON.parse(c.function.arguments)]), CALLS.map((c) => [c.name, c.arguments]));
        assert.ok(calls[0].id !== calls[1].id);

        const results: OpenAI.ChatCompletionMessageParam[] = calls.map((c) => ({
          role: 'tool',
          tool_call_id: c.id,
          content: FILES[c.type === 'function' ? (JSON.parse(c.function.arguments) as { path: string }).path : ''],
        }));
        const second = await openai.chat.completions.create({ model, messages: [...ask, choice.message, ...results], tools: openaiTools }, headers(ws));
        assert.equal(second.choices[0].finish_reason, 'stop');
        assert.match(second.choices[0].message.content ?? '', /^Fake claude-fake answers|^Fake tiny-coder answers/);
        assert.match(second.choices[0].message.content!, /export const [ab] = [12];/, 'the model saw the tool results');

        // The provider got the tools and, on the second turn, both results answering the calls' ids.
        const sent = JSON.stringify(fake().requests[1].body);
        for (const c of calls) assert.ok(sent.includes(c.id), `the call id ${c.id} reached the provider`);
        assert.ok(sent.includes('export const a = 1;') && sent.includes('read_file'));

        assertBilled(await ledgerTotal(ws), [
          { model, input: first.usage!.prompt_tokens, output: first.usage!.completion_tokens },
          { model, input: second.usage!.prompt_tokens, output: second.usage!.completion_tokens },
        ]);
      });

      it('streams a parallel tool round trip: id and name first for each call, then argument fragments; finish_reason tool_calls; usage chunk', async () => {
        const ws = `oa-stream-${model}`;
        fake().script({ kind: 'tool-calls', calls: CALLS, text: 'Reading both.' }, { model: modelId(model) });
        const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: ASK }];

        const stream = await openai.chat.completions.create(
          { model, messages: ask, tools: openaiTools, stream: true, stream_options: { include_usage: true } },
          headers(ws),
        );
        const chunks: OpenAI.ChatCompletionChunk[] = [];
        for await (const c of stream) chunks.push(c);
        const pieces = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
        for (const index of [0, 1]) {
          const [head, ...rest] = pieces.filter((p) => p.index === index);
          assert.equal(head.function?.name, 'read_file');
          assert.equal(head.type, 'function');
          assert.ok(head.id);
          assert.ok(rest.length > 0 && rest.every((p) => p.id === undefined && p.function?.name === undefined), 'fragments follow the head');
          assert.deepEqual(JSON.parse([head, ...rest].map((p) => p.function?.arguments ?? '').join('')), CALLS[index].arguments);
        }
        assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), 'Reading both.');
        assert.deepEqual(chunks.flatMap((c) => (c.choices[0]?.finish_reason ? [c.choices[0].finish_reason] : [])), ['tool_calls']);
        const usage = chunks.at(-1)!.usage!;

        // The SDK's own stream helper assembles the same calls, and the second turn streams its text.
        const ids = pieces.filter((p) => p.id).map((p) => p.id!);
        const results: OpenAI.ChatCompletionMessageParam[] = ids.map((id, i) => ({ role: 'tool', tool_call_id: id, content: Object.values(FILES)[i] }));
        const assistant: OpenAI.ChatCompletionAssistantMessageParam = {
          role: 'assistant',
          content: 'Reading both.',
          tool_calls: ids.map((id, i) => ({ id, type: 'function', function: { name: 'read_file', arguments: JSON.stringify(CALLS[i].arguments) } })),
        };
        const runner = openai.chat.completions.stream(
          { model, messages: [...ask, assistant, ...results], tools: openaiTools, stream_options: { include_usage: true } },
          headers(ws),
        );
        const final = await runner.finalChatCompletion();
        assert.equal(final.choices[0].finish_reason, 'stop');
        assert.ok(final.choices[0].message.content?.includes('export const'), final.choices[0].message.content ?? '');

        assertBilled(await ledgerTotal(ws), [
          { model, input: usage.prompt_tokens, output: usage.completion_tokens },
          { model, input: final.usage!.prompt_tokens, output: final.usage!.completion_tokens },
        ]);
      });

      it('sends images (data and https URLs) on to the provider', async () => {
        const answer = await openai.chat.completions.create({
          model,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is in this picture?' },
                { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}`, detail: 'low' } },
                { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
              ],
            },
          ],
        });
        assert.ok(answer.choices[0].message.content?.startsWith(`Fake ${modelId(model)} answers`));
        const sent = JSON.stringify(fake().requests[0].body);
        assert.ok(sent.includes(PNG) && sent.includes('https://example.com/cat.png'), sent.slice(0, 400));
      });

      it('stops before a stop sequence', async () => {
        const answer = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hello there' }], stop: ['answers'] });
        assert.equal(answer.choices[0].message.content, `Fake ${modelId(model)} `);
        assert.equal(answer.choices[0].finish_reason, 'stop');
      });
    });

    describe(`Anthropic face, ${model}`, () => {
      const headers = (ws: string) => ({ headers: { 'x-llm-router-workspace': ws } });

      it('runs a parallel tool round trip (JSON): tool_use blocks and stop_reason tool_use, then the tool_result answered; each turn billed', async () => {
        const ws = `an-json-${model}`;
        fake().script({ kind: 'tool-calls', calls: CALLS }, { model: modelId(model) });
        const ask: Anthropic.MessageParam[] = [{ role: 'user', content: ASK }];

        const first = await anthropic.messages.create({ model, max_tokens: 500, messages: ask, tools: anthropicTools }, headers(ws));
        assert.equal(first.model, model);
        assert.match(first.id, /^msg_/);
        assert.equal(first.stop_reason, 'tool_use');
        const uses = first.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
        assert.deepEqual(uses.map((b) => [b.name, b.input]), CALLS.map((c) => [c.name, c.arguments]));
        assert.equal(first.content.length, uses.length, 'no empty text block beside the calls');

        const results: Anthropic.MessageParam = {
          role: 'user',
          content: uses.map((b) => ({ type: 'tool_result' as const, tool_use_id: b.id, content: FILES[(b.input as { path: string }).path] })),
        };
        const second = await anthropic.messages.create(
          { model, max_tokens: 500, messages: [...ask, { role: 'assistant', content: first.content }, results], tools: anthropicTools },
          headers(ws),
        );
        assert.equal(second.stop_reason, 'end_turn');
        const text = second.content[0].type === 'text' ? second.content[0].text : '';
        assert.ok(text.includes('export const'), text);

        const sent = JSON.stringify(fake().requests[1].body);
        for (const b of uses) assert.ok(sent.includes(b.id), `the call id ${b.id} reached the provider`);

        assertBilled(await ledgerTotal(ws), [
          { model, input: first.usage.input_tokens, output: first.usage.output_tokens },
          { model, input: second.usage.input_tokens, output: second.usage.output_tokens },
        ]);
      });

      it('streams a tool round trip as Anthropic events: text, then tool_use blocks with input_json_delta; the SDK assembles the message', async () => {
        const ws = `an-stream-${model}`;
        fake().script({ kind: 'tool-calls', calls: CALLS, text: 'Reading both.' }, { model: modelId(model) });
        const ask: Anthropic.MessageParam[] = [{ role: 'user', content: ASK }];

        const stream = anthropic.messages.stream({ model, max_tokens: 500, messages: ask, tools: anthropicTools }, headers(ws));
        const events: Anthropic.MessageStreamEvent[] = [];
        stream.on('streamEvent', (e) => events.push(e));
        const first = await stream.finalMessage();
        assert.equal(first.stop_reason, 'tool_use');
        assert.deepEqual(first.content.map((b) => b.type), ['text', 'tool_use', 'tool_use']);
        assert.equal(first.content[0].type === 'text' && first.content[0].text, 'Reading both.');
        const uses = first.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
        assert.deepEqual(uses.map((b) => b.input), CALLS.map((c) => c.arguments));
        assert.deepEqual(events.map((e) => e.type).filter((t, i, all) => t !== all[i - 1]), [
          'message_start',
          'content_block_start', 'content_block_delta', 'content_block_stop',
          'content_block_start', 'content_block_delta', 'content_block_stop',
          'content_block_start', 'content_block_delta', 'content_block_stop',
          'message_delta', 'message_stop',
        ]);
        assert.ok(events.filter((e) => e.type === 'content_block_delta' && e.delta.type === 'input_json_delta').length > 2, 'arguments streamed in fragments');

        const results: Anthropic.MessageParam = {
          role: 'user',
          content: uses.map((b) => ({ type: 'tool_result' as const, tool_use_id: b.id, content: FILES[(b.input as { path: string }).path] })),
        };
        const second = await anthropic.messages
          .stream({ model, max_tokens: 500, messages: [...ask, { role: 'assistant', content: first.content }, results], tools: anthropicTools }, headers(ws))
          .finalMessage();
        assert.equal(second.stop_reason, 'end_turn');

        assertBilled(await ledgerTotal(ws), [
          { model, input: first.usage.input_tokens, output: first.usage.output_tokens },
          { model, input: second.usage.input_tokens, output: second.usage.output_tokens },
        ]);
      });

      it('sends a base64 image on to the provider', async () => {
        const answer = await anthropic.messages.create({
          model,
          max_tokens: 100,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is in this picture?' },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
              ],
            },
          ],
        });
        assert.equal(answer.stop_reason, 'end_turn');
        assert.ok(JSON.stringify(fake().requests[0].body).includes(PNG));
      });

      it('stops before a stop sequence, saying which one when the provider says so (Anthropic does, OpenAI-wire providers do not)', async () => {
        const request = { model, max_tokens: 100, messages: [{ role: 'user' as const, content: 'hello there' }], stop_sequences: ['answers'] };
        const answer = await anthropic.messages.create(request);
        assert.deepEqual(answer.content, [{ type: 'text', text: `Fake ${modelId(model)} ` }]);
        const anthropicModel = model.startsWith('claude/');
        assert.equal(answer.stop_reason, anthropicModel ? 'stop_sequence' : 'end_turn');
        assert.equal(answer.stop_sequence, anthropicModel ? 'answers' : null);
        const streamed = await anthropic.messages.stream(request).finalMessage();
        assert.equal(streamed.stop_reason, answer.stop_reason);
        assert.equal(streamed.stop_sequence, answer.stop_sequence);
      });
    });
  }

  it('answers JSON shaped by a json_schema response_format', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' }, count: { type: 'integer' } }, required: ['title', 'count'] };
    const answer = await openai.chat.completions.create({
      model: 'local/tiny-coder',
      messages: [{ role: 'user', content: 'Summarize as JSON' }],
      response_format: { type: 'json_schema', json_schema: { name: 'summary', schema, strict: true } },
    });
    assert.deepEqual(JSON.parse(answer.choices[0].message.content ?? ''), { title: 'fake', count: 1 });
  });

  it('passes the OpenAI sampling options on to an OpenAI-wire model, and a reasoning effort only to a model that reasons', async () => {
    await openai.chat.completions.create({
      model: 'local/tiny-coder',
      messages: [{ role: 'user', content: 'hello' }],
      seed: 7,
      top_p: 0.5,
      presence_penalty: 0.25,
      frequency_penalty: -0.25,
      user: 'user-1',
      reasoning_effort: 'high',
    });
    const sent = fake().requests[0].body as Record<string, unknown>;
    assert.deepEqual(
      [sent.seed, sent.top_p, sent.presence_penalty, sent.frequency_penalty, sent.user ?? sent.safety_identifier, sent.reasoning_effort],
      // tiny-coder is not known to reason: OpenAI answers reasoning_effort from such a model with a 400.
      [7, 0.5, 0.25, -0.25, 'user-1', undefined],
    );
    await anthropic.messages.create({
      model: 'local/tiny-coder',
      max_tokens: 20_000,
      messages: [{ role: 'user', content: 'think first' }],
      thinking: { type: 'enabled', budget_tokens: 2_048 },
      metadata: { user_id: 'claude-user' },
    });
    const thought = fake().requests[1].body as Record<string, unknown>;
    assert.equal(thought.reasoning_effort, undefined, 'extended thinking asked of a model that does not reason is left out, not refused');
    assert.equal(thought.user ?? thought.safety_identifier, 'claude-user');
  });

  it('routes an Anthropic model id (what Claude Code sends) as auto', async () => {
    const answer = await anthropic.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'hello' }] });
    assert.ok(MODELS.includes(answer.model as Model) || answer.model === 'local/big-coder', answer.model);
  });

  it('estimates count_tokens', async () => {
    const small = await anthropic.messages.countTokens({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'hi' }] });
    const large = await anthropic.messages.countTokens({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'hi '.repeat(500) }], tools: anthropicTools });
    assert.ok(small.input_tokens > 0 && large.input_tokens > small.input_tokens + 400, JSON.stringify([small, large]));
    assert.equal(fake().requests.length, 0, 'no provider call');
  });

  it('refuses bad tool turns and images before any provider call, in each face\'s error format', async () => {
    await assert.rejects(
      anthropic.messages.create({
        model: 'auto',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_nope', content: 'x' }] }],
      }),
      (e: InstanceType<typeof Anthropic.APIError>) =>
        e.status === 400 && (e.error as { error?: { type?: string } }).error?.type === 'invalid_request_error' && /messages\[1\]\.content\[0\]\.tool_use_id/.test(e.message),
    );
    await assert.rejects(
      openai.chat.completions.create({
        model: 'auto',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from('not an image').toString('base64')}` } }] }],
      }),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 400 && e.param === 'messages[0].content[0].image_url.url',
    );
    await assert.rejects(
      openai.chat.completions.create({
        model: 'auto',
        messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":' } }] }],
      }),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 400 && e.param === 'messages[1].tool_calls[0].function.arguments',
    );
    assert.equal(fake().requests.length, 0);
  });

  it('answers 400 (which agents do not retry), not 502, when every model refuses the request itself, on both faces, streamed or not', async () => {
    fake().script({ kind: 'status', status: 400, message: 'prompt is too long' }, { times: 'always' });
    const refused = (e: { status?: number; message: string }) => e.status === 400 && /Every model failed: .*400 request refused: .*prompt is too long/.test(e.message);
    for (const stream of [false, true]) {
      await assert.rejects(openai.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: ASK }], stream }), refused);
      await assert.rejects(
        anthropic.messages.create({ model: 'auto', max_tokens: 100, messages: [{ role: 'user', content: ASK }], stream }),
        (e: InstanceType<typeof Anthropic.APIError>) => refused(e) && (e.error as { error?: { type?: string } }).error?.type === 'invalid_request_error',
      );
    }
    fake().clearScripts();
    // One model refusing and another down: a retry may reach the one that is back, so 502 stays.
    fake().script({ kind: 'status', status: 400, message: 'prompt is too long' }, { model: 'tiny-coder', times: 'always' });
    fake().script({ kind: 'status', status: 503 }, { times: 'always' });
    await assert.rejects(openai.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: ASK }] }), (e: InstanceType<typeof OpenAI.APIError>) => e.status === 502);
  });

  it('ends an OpenAI stream with an error, not a second model\'s answer, when a tool call breaks off mid-stream', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS, cut: true }, { model: 'tiny-coder' });
    const stream = await openai.chat.completions.create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: ASK }], tools: openaiTools, stream: true });
    const pieces: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    await assert.rejects(
      (async () => {
        for await (const c of stream) pieces.push(...(c.choices[0]?.delta.tool_calls ?? []));
      })(),
      (e: Error) => /failed after part of its answer was streamed/.test(e.message),
    );
    assert.ok(pieces.length > 0, 'part of the call had been sent');
    assert.equal(fake().requests.length, 1, 'no fallback model was paid for');
  });

  it('reports the provider\'s prompt-cache reads and writes in Anthropic\'s usage, outside input_tokens', async () => {
    fake().script({ kind: 'cached-prompt', cachedTokens: 1, writtenTokens: 2 }, { model: 'claude-fake' });
    const prompt = 'one two three four five';
    const answer = await anthropic.messages.create({ model: 'claude/claude-fake', max_tokens: 100, messages: [{ role: 'user', content: prompt }] });
    assert.deepEqual(
      [answer.usage.input_tokens, answer.usage.cache_read_input_tokens, answer.usage.cache_creation_input_tokens],
      [prompt.split(' ').length - 3, 1, 2],
    );
  });

  it('ends an Anthropic stream with an error event when the model fails after sending text', async () => {
    fake().script({ kind: 'stream-error', status: 500 }, { model: 'tiny-coder' });
    const stream = anthropic.messages.stream({ model: 'local/tiny-coder', max_tokens: 100, messages: [{ role: 'user', content: 'one two three four five six seven' }] });
    await assert.rejects(stream.finalMessage(), (e: Error) => /failed after part of its answer was streamed/.test(e.message));
  });
});

describe('HTTP gateway: the token from x-api-key (integration)', function () {
  this.timeout(20_000);
  const fake = useFakeProviders();

  it('takes LLM_ROUTER_GATEWAY_TOKEN as an Anthropic client sends its key, and refuses a wrong one in Anthropic\'s format', async () => {
    const gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: { ...gatewayEnv, LLM_ROUTER_GATEWAY_TOKEN: 's3cret-gateway-token' } });
    try {
      const root = gateway.url.replace(/\/v1$/, '');
      const wrong = new Anthropic({ baseURL: root, apiKey: 'guess', maxRetries: 0 });
      await assert.rejects(
        wrong.messages.create({ model: 'auto', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
        (e: InstanceType<typeof Anthropic.APIError>) => e.status === 401 && (e.error as { error?: { type?: string } }).error?.type === 'authentication_error',
      );
      assert.equal(fake().requests.length, 0);
      const right = new Anthropic({ baseURL: root, apiKey: 's3cret-gateway-token', maxRetries: 0 });
      const answer = await right.messages.create({ model: 'auto', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(answer.type, 'message');
    } finally {
      await gateway.stop();
    }
  });
});
