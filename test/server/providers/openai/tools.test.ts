// The OpenAI adapter's tools, images and output options, through the official SDK against the fake.
import assert from 'node:assert/strict';
import type { ToolCallDelta } from '../../../../shared/conversation';
import { createOpenAIClient } from '../../../../server/src/providers/openai';
import { createOpenAICompatibleClient } from '../../../../server/src/providers/openai-compatible';
import { estimateTokens } from '../../../../server/src/text/size';
import { INVALID_ARGUMENTS } from '../../../fakes/tool-reply';
import { toolCallTokens } from '../../../fakes/reply';
import { chatRequest, failureOf, providerSettings, useFakeProviders } from '../support';
import { CALLS, READ_FILE } from '../../../fakes/tool-fixtures';

const KEY = 'sk-test-key-1';

describe('OpenAI adapter: tools and output options', () => {
  const fake = useFakeProviders();
  const client = () => createOpenAIClient(providerSettings('openai', fake().openaiUrl));
  const body = (i = 0) => fake().requests[i].body as Record<string, unknown>;

  it('sends tools, the tool choice and every output option under the API names', async () => {
    await client().chat(
      chatRequest({
        tools: [{ ...READ_FILE, strict: true }, { name: 'list_dir', parameters: { type: 'object', properties: {} } }],
        toolChoice: { name: 'list_dir' },
        options: {
          stop: ['END'], seed: 7, topP: 0.9, presencePenalty: 0.5, frequencyPenalty: -0.5, user: 'user-1',
          reasoningEffort: 'low', parallelToolCalls: false,
          responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, description: 'the answer', strict: true },
        },
      }),
      KEY,
    );

    const sent = body();
    assert.deepEqual(sent.tools, [
      { type: 'function', function: { name: 'read_file', description: 'Read a file', parameters: READ_FILE.parameters, strict: true } },
      { type: 'function', function: { name: 'list_dir', parameters: { type: 'object', properties: {} } } },
    ]);
    assert.deepEqual(sent.tool_choice, { type: 'function', function: { name: 'list_dir' } });
    assert.deepEqual(
      [sent.stop, sent.seed, sent.top_p, sent.presence_penalty, sent.frequency_penalty, sent.user, sent.reasoning_effort, sent.parallel_tool_calls],
      [['END'], 7, 0.9, 0.5, -0.5, 'user-1', 'low', false],
    );
    assert.deepEqual(sent.response_format, {
      type: 'json_schema',
      json_schema: { name: 'out', schema: { type: 'object' }, description: 'the answer', strict: true },
    });
  });

  it('sends the string tool choices as they are and json_object as its type', async () => {
    for (const toolChoice of ['auto', 'none', 'required'] as const) {
      await client().chat(chatRequest({ tools: [READ_FILE], toolChoice, options: { responseFormat: { type: 'json_object' } } }), KEY);
    }

    assert.deepEqual(fake().requests.map((r) => (r.body as Record<string, unknown>).tool_choice), ['auto', 'none', 'required']);
    assert.deepEqual(body().response_format, { type: 'json_object' });
  });

  it('returns parallel tool calls and the text before them from a plain reply', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS, text: 'Reading both.' });

    const response = await client().chat(chatRequest({ tools: [READ_FILE] }), KEY);

    assert.equal(response.text, 'Reading both.');
    assert.deepEqual(response.toolCalls?.map((c) => [c.name, JSON.parse(c.arguments)]), CALLS.map((c) => [c.name, c.arguments]));
    assert.ok(response.toolCalls?.every((c) => c.id.startsWith('call_')));
    const callTokens = CALLS.reduce((sum, c) => sum + toolCallTokens({ name: c.name, arguments: JSON.stringify(c.arguments) }), 0);
    assert.equal(response.outputTokens, 2 + callTokens);
  });

  it('streams each tool-call piece as it arrives and assembles the calls', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS });
    const pieces: ToolCallDelta[] = [];

    const response = await client().chat(chatRequest({ tools: [READ_FILE], onDelta: () => undefined, onToolCallDelta: (d) => pieces.push(d) }), KEY);

    assert.equal(response.text, '');
    assert.equal(response.toolCalls?.length, 2);
    for (const [index, call] of (response.toolCalls ?? []).entries()) {
      const mine = pieces.filter((p) => p.index === index);
      assert.deepEqual(mine[0], { index, id: call.id, name: 'read_file' });
      assert.ok(mine.length > 2);
      assert.equal(mine.map((p) => p.arguments ?? '').join(''), call.arguments);
      assert.deepEqual(JSON.parse(call.arguments), CALLS[index].arguments);
    }
  });

  it('sends images, earlier tool calls and their results in the chat format, with matching ids', async () => {
    const image = 'data:image/png;base64,iVBORw0KGgo=';
    await client().chat(
      chatRequest({
        tools: [READ_FILE],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'what is in this' }, { type: 'image', url: image, detail: 'low' }] },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_9', name: 'read_file', arguments: '{"path":"a"}' }] },
          { role: 'tool', toolCallId: 'call_9', content: 'file text' },
        ],
      }),
      KEY,
    );

    assert.equal(fake().requests[0].behaviour, 'ok');
    assert.deepEqual(body().messages, [
      { role: 'user', content: [{ type: 'text', text: 'what is in this' }, { type: 'image_url', image_url: { url: image, detail: 'low' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } }] },
      { role: 'tool', tool_call_id: 'call_9', content: 'file text' },
    ]);
  });

  it('stops at a stop sequence', async () => {
    const response = await client().chat(chatRequest({ options: { stop: ['answers'] } }), KEY);

    assert.equal(response.text, 'Fake test-model ');
  });

  it('returns the JSON a json_schema response format asks for as the answer text', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] };

    const response = await client().chat(chatRequest({ options: { responseFormat: { type: 'json_schema', name: 'out', schema } } }), KEY);

    assert.deepEqual(JSON.parse(response.text), { title: 'fake' });
    assert.equal(response.toolCalls, undefined);
  });

  for (const mode of ['json', 'stream'] as const) {
    it(`fails as malformed, with the usage billed, when a call's arguments are not JSON (${mode})`, async () => {
      fake().script({ kind: 'invalid-tool-arguments' });
      const onDelta = mode === 'stream' ? () => undefined : undefined;

      const error = await failureOf(client().chat(chatRequest({ tools: [READ_FILE], onDelta }), KEY));

      assert.equal(error.reason, 'malformed');
      assert.ok(error.retryable);
      assert.match(error.message, /^openai\/test-model: malformed response: the arguments of its call of tool "read_file" are not a JSON object$/);
      assert.equal(error.billedUsage?.inputTokens, 7);
      assert.equal(error.billedUsage?.outputTokens, toolCallTokens({ name: 'read_file', arguments: INVALID_ARGUMENTS }));
    });
  }

  it('refuses a tool choice that demands a call when there are no tools, naming it, without a request', async () => {
    const error = await failureOf(client().chat(chatRequest({ toolChoice: 'required' }), KEY));

    assert.equal(error.reason, 'bad_request');
    assert.match(error.message, /toolChoice/);
    assert.equal(fake().requests.length, 0);
  });

  it('counts tool-call arguments as output when an OpenAI-compatible stream sends no usage', async () => {
    const compatible = createOpenAICompatibleClient(providerSettings('openai-compatible', fake().openaiUrl));
    fake().script({ kind: 'missing-usage' });
    const forced = chatRequest({ tools: [READ_FILE], toolChoice: { name: 'read_file' }, onDelta: () => undefined });

    const response = await compatible.chat(forced, undefined);

    assert.equal(response.usageEstimated, true);
    assert.equal(response.text, '');
    assert.deepEqual(response.toolCalls?.map((c) => JSON.parse(c.arguments)), [{ path: 'fake' }]);
    assert.equal(response.outputTokens, estimateTokens('\nread_file {"path":"fake"}'));
  });
});
