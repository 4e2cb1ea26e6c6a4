// The fakes' tool calls, JSON answers, stop sequences, cache counts and request checks,
// read through the official SDKs as a real provider's would be.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { countWords, IMAGE_TOKENS, toolCallTokens } from '../../../fakes/reply';
import { INVALID_ARGUMENTS } from '../../../fakes/tool-reply';
import { useFakeProviders } from '../../../fakes/use-fake-providers';
import { CALLS, READ_FILE } from '../../../fakes/tool-fixtures';

const CALL_TOKENS = CALLS.reduce((sum, c) => sum + toolCallTokens({ name: c.name, arguments: JSON.stringify(c.arguments) }), 0);

describe('fake providers: tools and output options', () => {
  const fake = useFakeProviders();
  const openai = () => new OpenAI({ apiKey: 'k', baseURL: fake().openaiUrl, maxRetries: 0 });
  const anthropic = () => new Anthropic({ apiKey: 'k', baseURL: fake().anthropicUrl, maxRetries: 0 });
  const openaiTools = [{ type: 'function' as const, function: READ_FILE }];
  const anthropicTools = [{ name: READ_FILE.name, description: READ_FILE.description, input_schema: READ_FILE.parameters as never }];
  const ask = [{ role: 'user' as const, content: 'read both files' }];

  it('answers with parallel OpenAI tool_calls after text, finish_reason tool_calls, calls counted as output', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS, text: 'Reading them.' });

    const completion = await openai().chat.completions.create({ model: 'm', messages: ask, tools: openaiTools });

    const choice = completion.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, 'Reading them.');
    const calls = choice.message.tool_calls ?? [];
    assert.deepEqual(calls.map((c) => c.type === 'function' && [c.function.name, JSON.parse(c.function.arguments)]), CALLS.map((c) => [c.name, c.arguments]));
    assert.ok(calls.every((c) => /^call_/.test(c.id)) && calls[0].id !== calls[1].id);
    assert.equal(completion.usage?.completion_tokens, 2 + CALL_TOKENS);
  });

  it('streams OpenAI tool calls as index, id and name first, then argument fragments', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS });

    const stream = await openai().chat.completions.create({ model: 'm', messages: ask, tools: openaiTools, stream: true });
    const pieces: OpenAI.Chat.Completions.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      pieces.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }

    assert.equal(finish, 'tool_calls');
    for (const index of [0, 1]) {
      const [head, ...rest] = pieces.filter((p) => p.index === index);
      assert.equal(head.function?.name, 'read_file');
      assert.match(head.id ?? '', /^call_/);
      assert.ok(rest.length > 1 && rest.every((p) => p.id === undefined && p.function?.name === undefined));
      assert.deepEqual(JSON.parse(rest.map((p) => p.function?.arguments).join('')), CALLS[index].arguments);
    }
  });

  it('answers with Anthropic tool_use blocks, stop_reason tool_use', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS, text: 'Reading them.' });

    const message = await anthropic().messages.create({ model: 'm', max_tokens: 50, messages: ask, tools: anthropicTools });

    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(message.content.map((b) => b.type), ['text', 'tool_use', 'tool_use']);
    const uses = message.content.filter((b) => b.type === 'tool_use');
    assert.deepEqual(uses.map((b) => b.input), CALLS.map((c) => c.arguments));
    assert.ok(uses.every((b) => /^toolu_/.test(b.id)));
    assert.equal(message.usage.output_tokens, 2 + CALL_TOKENS);
  });

  it('streams an Anthropic tool_use as a block with empty input, then input_json_delta fragments', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS.slice(0, 1) });

    const stream = await anthropic().messages.create({ model: 'm', max_tokens: 50, messages: ask, tools: anthropicTools, stream: true });
    const events = [];
    for await (const event of stream) events.push(event);

    const start = events.find((e) => e.type === 'content_block_start');
    assert.ok(start?.type === 'content_block_start' && start.content_block.type === 'tool_use');
    assert.deepEqual(start.content_block.input, {});
    const json = events.flatMap((e) => (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta' ? [e.delta.partial_json] : []));
    assert.ok(json.length > 2);
    assert.deepEqual(JSON.parse(json.join('')), CALLS[0].arguments);
    const delta = events.find((e) => e.type === 'message_delta');
    assert.equal(delta?.type === 'message_delta' && delta.delta.stop_reason, 'tool_use');
  });

  it('sends arguments that are not valid JSON when scripted to, on both wires', async () => {
    fake().script({ kind: 'invalid-tool-arguments' }, { times: 2 });

    const completion = await openai().chat.completions.create({ model: 'm', messages: ask, tools: openaiTools });
    const stream = await anthropic().messages.create({ model: 'm', max_tokens: 50, messages: ask, tools: anthropicTools, stream: true });
    let json = '';
    for await (const e of stream) if (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta') json += e.delta.partial_json;

    const call = completion.choices[0].message.tool_calls?.[0];
    assert.equal(call?.type === 'function' && call.function.arguments, INVALID_ARGUMENTS);
    assert.equal(json, INVALID_ARGUMENTS);
    assert.throws(() => JSON.parse(json));
  });

  it('calls the tool a request forces, with arguments its schema accepts, and only one when parallel calls are off', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS }, { api: 'anthropic' });

    const forced = await openai().chat.completions.create({
      model: 'm', messages: ask, tools: openaiTools, tool_choice: { type: 'function', function: { name: 'read_file' } },
    });
    const single = await anthropic().messages.create({
      model: 'm', max_tokens: 50, messages: ask, tools: anthropicTools, tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    });

    const call = forced.choices[0].message.tool_calls?.[0];
    assert.deepEqual(call?.type === 'function' && JSON.parse(call.function.arguments), { path: 'fake' });
    assert.equal(single.content.filter((b) => b.type === 'tool_use').length, 1);
  });

  it('answers JSON shaped by an OpenAI json_schema response_format', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' }, count: { type: 'integer' } }, required: ['title', 'count'] };

    const completion = await openai().chat.completions.create({
      model: 'm', messages: ask, response_format: { type: 'json_schema', json_schema: { name: 'summary', schema } },
    });

    assert.deepEqual(JSON.parse(completion.choices[0].message.content ?? ''), { title: 'fake', count: 1 });
  });

  it('stops before a stop sequence, saying which one on the Anthropic wire', async () => {
    const completion = await openai().chat.completions.create({ model: 'm', messages: ask, stop: ['answers'] });
    const message = await anthropic().messages.create({ model: 'm', max_tokens: 50, messages: ask, stop_sequences: ['answers'] });

    assert.equal(completion.choices[0].message.content, 'Fake m ');
    assert.equal(completion.usage?.completion_tokens, 2);
    assert.deepEqual(message.content, [{ type: 'text', text: 'Fake m ' }]);
    assert.equal(message.stop_reason, 'stop_sequence');
    assert.equal(message.stop_sequence, 'answers');
  });

  it('reports Anthropic cache reads and writes outside input_tokens', async () => {
    fake().script({ kind: 'cached-prompt', cachedTokens: 1, writtenTokens: 2 });

    const message = await anthropic().messages.create({ model: 'm', max_tokens: 50, messages: [{ role: 'user', content: 'one two three four' }] });

    assert.equal(message.usage.input_tokens, 1);
    assert.equal(message.usage.cache_read_input_tokens, 1);
    assert.equal(message.usage.cache_creation_input_tokens, 2);
  });

  it('takes a whole tool conversation with images on both wires and records it as sent', async () => {
    const image = 'data:image/png;base64,iVBORw0KGgo=';
    const openaiMessages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'what is this' }, { type: 'image_url', image_url: { url: image } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'file text' },
    ];
    const anthropicMessages: Anthropic.MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'what is this' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'a' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'file text' }] },
    ];

    const completion = await openai().chat.completions.create({ model: 'm', messages: openaiMessages, tools: openaiTools });
    const message = await anthropic().messages.create({ model: 'm', max_tokens: 50, messages: anthropicMessages, tools: anthropicTools });

    assert.deepEqual((fake().requests[0].body as { messages: unknown }).messages, openaiMessages);
    assert.deepEqual((fake().requests[1].body as { messages: unknown }).messages, anthropicMessages);
    assert.equal(completion.choices[0].message.content, 'Fake m answers: file text');
    assert.equal(completion.usage?.prompt_tokens, countWords('what is this read_file {"path":"a"} file text') + IMAGE_TOKENS);
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'Fake m answers: file text');
  });

  it('refuses a tool result that answers no call, and calls left without results, as the providers do', async () => {
    const orphan = openai().chat.completions.create({ model: 'm', messages: [...ask, { role: 'tool', tool_call_id: 'call_x', content: 'x' }] });
    await assert.rejects(orphan, (e: InstanceType<typeof OpenAI.APIError>) => e.status === 400 && /must be a response to a preceeding message/.test(e.message));
    const unanswered = anthropic().messages.create({
      model: 'm', max_tokens: 50, messages: [
        ...ask,
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read_file', input: {} }] },
        { role: 'user', content: 'go on' },
      ],
    });
    await assert.rejects(unanswered, (e: InstanceType<typeof Anthropic.APIError>) => e.status === 400 && /without `tool_result` blocks/.test(e.message));
  });

  it('refuses the sampling parameters Anthropic API version 2026-10-21 refuses', async () => {
    const response = await fetch(`${fake().anthropicUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', max_tokens: 5, messages: ask, top_p: 0.5 }),
    });

    assert.equal(response.status, 400);
    assert.match(JSON.stringify(await response.json()), /top_p: Extra inputs are not permitted/);
  });
});
