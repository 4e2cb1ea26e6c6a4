// The Anthropic adapter's tools, images, JSON output and refused options, through the
// official SDK against the fake.
import assert from 'node:assert/strict';
import type { ToolCallDelta } from '../../../../shared/conversation';
import { createAnthropicClient } from '../../../../server/src/providers/anthropic';
import { toolCallTokens } from '../../../fakes/reply';
import { INVALID_ARGUMENTS } from '../../../fakes/tool-reply';
import { chatRequest, collectDeltas, failureOf, providerSettings, useFakeProviders } from '../support';
import { CALLS, READ_FILE } from '../../../fakes/tool-fixtures';

const KEY = 'sk-ant-test-1';
const SCHEMA = { type: 'object', properties: { title: { type: 'string' }, count: { type: 'integer' } }, required: ['title', 'count'] };

describe('Anthropic adapter: tools and output options', () => {
  const fake = useFakeProviders();
  const client = () => createAnthropicClient(providerSettings('anthropic', fake().anthropicUrl));
  const body = (i = 0) => fake().requests[i].body as Record<string, unknown>;

  it('sends tools with input_schema, stop_sequences and the user id in metadata', async () => {
    await client().chat(chatRequest({ tools: [{ ...READ_FILE, strict: true }], options: { stop: ['END'], user: 'user-1' } }), KEY);

    const sent = body();
    assert.deepEqual(sent.tools, [{ name: 'read_file', description: 'Read a file', input_schema: READ_FILE.parameters, strict: true }]);
    assert.equal(sent.tool_choice, undefined);
    assert.deepEqual(sent.stop_sequences, ['END']);
    assert.deepEqual(sent.metadata, { user_id: 'user-1' });
    assert.equal(fake().requests[0].behaviour, 'ok');
  });

  it('maps each tool choice, and parallelToolCalls false to disable_parallel_tool_use', async () => {
    const choices = ['auto', 'required', { name: 'read_file' }, 'none'] as const;
    for (const toolChoice of choices) await client().chat(chatRequest({ tools: [READ_FILE], toolChoice, options: { parallelToolCalls: false } }), KEY);
    await client().chat(chatRequest({ tools: [READ_FILE], options: { parallelToolCalls: false } }), KEY);

    assert.deepEqual(fake().requests.map((r) => (r.body as Record<string, unknown>).tool_choice), [
      { type: 'auto', disable_parallel_tool_use: true },
      { type: 'any', disable_parallel_tool_use: true },
      { type: 'tool', name: 'read_file', disable_parallel_tool_use: true },
      { type: 'none' },
      { type: 'auto', disable_parallel_tool_use: true },
    ]);
  });

  it('returns parallel tool_use blocks as tool calls, with the text before them', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS, text: 'Reading both.' });

    const response = await client().chat(chatRequest({ tools: [READ_FILE] }), KEY);

    assert.equal(response.text, 'Reading both.');
    assert.deepEqual(response.toolCalls?.map((c) => [c.name, JSON.parse(c.arguments)]), CALLS.map((c) => [c.name, c.arguments]));
    assert.ok(response.toolCalls?.every((c) => c.id.startsWith('toolu_')));
    const callTokens = CALLS.reduce((sum, c) => sum + toolCallTokens({ name: c.name, arguments: JSON.stringify(c.arguments) }), 0);
    assert.equal(response.outputTokens, 2 + callTokens);
  });

  it('streams tool_use blocks as numbered tool-call pieces, text first, and assembles the calls', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS, text: 'Reading both.' });
    const pieces: ToolCallDelta[] = [];
    const { deltas, onDelta } = collectDeltas();

    const response = await client().chat(chatRequest({ tools: [READ_FILE], onDelta, onToolCallDelta: (d) => pieces.push(d) }), KEY);

    assert.equal(deltas.join(''), 'Reading both.');
    assert.equal(response.toolCalls?.length, 2);
    for (const [index, call] of (response.toolCalls ?? []).entries()) {
      const mine = pieces.filter((p) => p.index === index);
      assert.deepEqual(mine[0], { index, id: call.id, name: 'read_file' });
      assert.equal(mine.slice(1).map((p) => p.arguments).join(''), call.arguments);
      assert.deepEqual(JSON.parse(call.arguments), CALLS[index].arguments);
    }
  });

  it('sends images as image blocks and tool results as tool_result blocks answering the tool_use ids', async () => {
    await client().chat(
      chatRequest({
        tools: [READ_FILE],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'what is in this' }, { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' }] },
          { role: 'assistant', content: 'Let me look.', toolCalls: [{ id: 'call_abc.1', name: 'read_file', arguments: '{"path":"a"}' }] },
          { role: 'tool', toolCallId: 'call_abc.1', content: [{ type: 'text', text: 'file text' }, { type: 'image', url: 'https://example.com/a.png' }] },
          { role: 'user', content: 'and now?' },
        ],
      }),
      KEY,
    );

    assert.equal(fake().requests[0].behaviour, 'ok', 'the fake accepted the ids and blocks');
    assert.deepEqual(body().messages, [
      { role: 'user', content: [{ type: 'text', text: 'what is in this' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: 'call_abc_1', name: 'read_file', input: { path: 'a' } }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_abc_1', content: [{ type: 'text', text: 'file text' }, { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] },
          { type: 'text', text: 'and now?' },
        ],
      },
    ]);
  });

  it('stops at a stop sequence', async () => {
    const response = await client().chat(chatRequest({ options: { stop: ['answers'] } }), KEY);

    assert.equal(response.text, 'Fake test-model ');
  });

  for (const mode of ['json', 'stream'] as const) {
    it(`answers a json_schema request with the input of one forced tool, as JSON text (${mode})`, async () => {
      const { deltas, onDelta } = collectDeltas();

      const response = await client().chat(
        chatRequest({ onDelta: mode === 'stream' ? onDelta : undefined, options: { responseFormat: { type: 'json_schema', name: 'summary', schema: SCHEMA, description: 'A summary' } } }),
        KEY,
      );

      assert.deepEqual(body().tools, [{ name: 'summary', description: 'A summary', input_schema: SCHEMA }]);
      assert.deepEqual(body().tool_choice, { type: 'tool', name: 'summary' });
      assert.deepEqual(JSON.parse(response.text), { title: 'fake', count: 1 });
      assert.equal(response.toolCalls, undefined);
      if (mode === 'stream') assert.equal(deltas.join(''), response.text);
    });
  }

  it('answers a json_object request through a forced tool taking any object', async () => {
    const response = await client().chat(chatRequest({ options: { responseFormat: { type: 'json_object' } } }), KEY);

    assert.deepEqual(body().tools, [{ name: 'json_answer', description: 'Give the answer as a JSON object.', input_schema: { type: 'object' } }]);
    assert.deepEqual(JSON.parse(response.text), {});
  });

  it('reads prompt cache reads and writes into the total input, each counted apart', async () => {
    fake().script({ kind: 'cached-prompt', cachedTokens: 2, writtenTokens: 3 });

    const response = await client().chat(chatRequest(), KEY);

    assert.equal(response.inputTokens, 7);
    assert.equal(response.cachedInputTokens, 2);
    assert.equal(response.cacheWriteInputTokens, 3);
  });

  it('reads cache counts from a stream too', async () => {
    fake().script({ kind: 'cached-prompt', cachedTokens: 2, writtenTokens: 3 });

    const response = await client().chat(chatRequest({ onDelta: () => undefined }), KEY);

    assert.deepEqual([response.inputTokens, response.cachedInputTokens, response.cacheWriteInputTokens], [7, 2, 3]);
  });

  for (const mode of ['json', 'stream'] as const) {
    it(`fails as malformed, with the usage billed, when a call's input is not a JSON object (${mode})`, async () => {
      fake().script({ kind: 'invalid-tool-arguments' });
      const onDelta = mode === 'stream' ? () => undefined : undefined;

      const error = await failureOf(client().chat(chatRequest({ tools: [READ_FILE], onDelta }), KEY));

      assert.equal(error.reason, 'malformed');
      assert.match(error.message, /^anthropic\/test-model: malformed response: the arguments of its call of tool "read_file" are not a JSON object$/);
      assert.equal(error.billedUsage?.outputTokens, toolCallTokens({ name: 'read_file', arguments: INVALID_ARGUMENTS }));
    });
  }

  const refused = [
    ['seed', { seed: 1 }],
    ['presencePenalty', { presencePenalty: 0.5 }],
    ['frequencyPenalty', { frequencyPenalty: 0.5 }],
    ['reasoningEffort', { reasoningEffort: 'high' }],
    ['topP', { topP: 0.9 }],
  ] as const;
  for (const [field, options] of refused) {
    it(`refuses options.${field}, naming it, without sending the request`, async () => {
      const error = await failureOf(client().chat(chatRequest({ options }), KEY));

      assert.equal(error.reason, 'bad_request');
      assert.ok(error.message.startsWith(`anthropic/test-model: request rejected: options.${field}: Anthropic's Messages API has no `), error.message);
      assert.equal(fake().requests.length, 0);
    });
  }

  it('refuses JSON output together with the request\'s own tools, and a schema that is not an object', async () => {
    const withTools = await failureOf(client().chat(chatRequest({ tools: [READ_FILE], options: { responseFormat: { type: 'json_object' } } }), KEY));
    const arraySchema = { type: 'json_schema' as const, name: 'list', schema: { type: 'array' } };
    const notObject = await failureOf(client().chat(chatRequest({ options: { responseFormat: arraySchema } }), KEY));

    assert.match(withTools.message, /options\.responseFormat: .*own tools/);
    assert.match(notObject.message, /options\.responseFormat\.schema: .*object schema/);
    assert.equal(fake().requests.length, 0);
  });
});
