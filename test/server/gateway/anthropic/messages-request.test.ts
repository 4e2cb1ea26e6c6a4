import assert from 'node:assert/strict';
import { parseMessagesRequest, routedModel } from '../../../../server/src/gateway/anthropic/messages-request';
import { HttpError } from '../../../../server/src/gateway/http-error';

const USER = { role: 'user', content: 'hi' };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
const base = { model: 'auto', max_tokens: 100 };
const toolUse = (id: string, input: unknown = { path: 'a.ts' }) => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'read_file', input }] });
const toolResult = (id: string, extra: object = {}) => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok', ...extra }] });

function rejection(body: unknown): HttpError {
  try {
    parseMessagesRequest(body, {});
  } catch (error) {
    assert.ok(error instanceof HttpError);
    return error;
  }
  assert.fail('expected a 400');
}

describe('gateway Anthropic messages request', () => {
  it('maps system, text, images, tool_use and tool_result into the neutral conversation', () => {
    const { params, stream } = parseMessagesRequest(
      {
        model: 'claude-sonnet-4-5',
        max_tokens: 1024,
        stream: true,
        system: [{ type: 'text', text: 'You are an agent.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Be brief.' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Read a.ts and b.ts' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'hmm', signature: 'x' },
              { type: 'text', text: 'Reading both.' },
              { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'a.ts' } },
              { type: 'tool_use', id: 'toolu_2', name: 'read_file', input: { path: 'b.ts' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: 'const a = 1;' },
              { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'no such file' }], is_error: true },
              { type: 'text', text: 'Now fix them', cache_control: { type: 'ephemeral' } },
            ],
          },
        ],
        tools: [{ name: 'read_file', description: 'Reads a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } }, cache_control: { type: 'ephemeral' } }],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        stop_sequences: ['</done>'],
        temperature: 0.3,
        top_p: 0.8,
        metadata: { user_id: 'u-1' },
      },
      { 'x-llm-router-workspace': 'ws' },
      'claude-cli/2.0.14',
    );
    assert.equal(stream, true);
    assert.deepEqual(params, {
      workspaceId: 'ws',
      kind: undefined,
      model: undefined, // claude-* ids are routed as auto
      messages: [
        { role: 'system', content: 'You are an agent.\n\nBe brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Read a.ts and b.ts' }, { type: 'image', url: `data:image/png;base64,${PNG}` }] },
        {
          role: 'assistant',
          content: 'Reading both.',
          toolCalls: [
            { id: 'toolu_1', name: 'read_file', arguments: '{"path":"a.ts"}' },
            { id: 'toolu_2', name: 'read_file', arguments: '{"path":"b.ts"}' },
          ],
        },
        { role: 'tool', toolCallId: 'toolu_1', content: 'const a = 1;' },
        { role: 'tool', toolCallId: 'toolu_2', content: 'no such file', isError: true },
        { role: 'user', content: 'Now fix them' },
      ],
      maxTokens: 1024,
      temperature: 0.3,
      tools: [{ name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }],
      toolChoice: 'required',
      options: { stop: ['</done>'], topP: 0.8, user: 'u-1', parallelToolCalls: false },
      client: 'claude-cli/2.0.14',
    });
  });

  it('routes Anthropic model ids as auto and passes router model names on', () => {
    assert.equal(routedModel('claude-3-5-haiku-latest'), undefined);
    assert.equal(routedModel('auto'), undefined);
    assert.equal(routedModel('anthropic/claude-sonnet-4-5'), 'anthropic/claude-sonnet-4-5');
    assert.equal(routedModel('cheap'), 'cheap');
  });

  it('maps tool_choice auto, none and a named tool, and extended thinking to a reasoning effort', () => {
    const tools = [{ name: 'f', input_schema: { type: 'object' } }];
    const choice = (tool_choice: object) => parseMessagesRequest({ ...base, messages: [USER], tools, tool_choice }, {}).params.toolChoice;
    assert.equal(choice({ type: 'auto' }), 'auto');
    assert.equal(choice({ type: 'none' }), 'none');
    assert.deepEqual(choice({ type: 'tool', name: 'f' }), { name: 'f' });
    const effort = (thinking: object) => parseMessagesRequest({ ...base, messages: [USER], thinking }, {}).params.options?.reasoningEffort;
    assert.equal(effort({ type: 'enabled', budget_tokens: 2_000 }), 'low');
    assert.equal(effort({ type: 'enabled', budget_tokens: 10_000 }), 'medium');
    assert.equal(effort({ type: 'enabled', budget_tokens: 32_000 }), 'high');
    assert.equal(effort({ type: 'disabled' }), undefined);
  });

  it('maps output_config: a JSON schema format and an effort', () => {
    const { options } = parseMessagesRequest(
      { ...base, messages: [USER], output_config: { effort: 'medium', format: { type: 'json_schema', schema: { type: 'object' } } } },
      {},
    ).params;
    assert.deepEqual(options, { reasoningEffort: 'medium', responseFormat: { type: 'json_schema', name: 'response', schema: { type: 'object' } } });
  });

  it('takes a tool_result with no content and a url image', () => {
    const { params } = parseMessagesRequest(
      {
        ...base,
        messages: [
          USER,
          toolUse('toolu_1'),
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }, { type: 'image', source: { type: 'url', url: 'https://example.com/x.png' } }] },
        ],
      },
      {},
    );
    assert.deepEqual(params.messages!.slice(2), [
      { role: 'tool', toolCallId: 'toolu_1', content: '' },
      { role: 'user', content: [{ type: 'image', url: 'https://example.com/x.png' }] },
    ]);
  });

  it('keeps system turns inside messages (Claude Code 2.1 sends later instructions that way) as system messages in place', () => {
    const { params } = parseMessagesRequest(
      { ...base, messages: [USER, { role: 'system', content: [{ type: 'text', text: 'Stay in the repo.' }] }, { role: 'system', content: 'Be brief.' }] },
      {},
    );
    assert.deepEqual(params.messages!.slice(1), [
      { role: 'system', content: 'Stay in the repo.' },
      { role: 'system', content: 'Be brief.' },
    ]);
  });

  it('estimates tokens for count_tokens without max_tokens', () => {
    const { params } = parseMessagesRequest({ model: 'claude-sonnet-4-5', messages: [USER] }, {}, undefined, true);
    assert.equal(params.maxTokens, undefined);
  });

  for (const [label, body, param] of [
    ['a missing max_tokens', { model: 'auto', messages: [USER] }, 'max_tokens'],
    ['a role other than user, assistant or system', { ...base, messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].role'],
    ['an image in a system turn', { ...base, messages: [USER, { role: 'system', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/x.png' } }] }] }, 'messages[1].content[0].type'],
    ['a tool_result answering no earlier call', { ...base, messages: [USER, toolResult('toolu_9')] }, 'messages[1].content[0].tool_use_id'],
    ['a tool_use whose input is not an object', { ...base, messages: [USER, toolUse('toolu_1', 'x')] }, 'messages[1].content[0].input'],
    ['a document block', { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] }, 'messages[0].content[0].type'],
    ['a server tool', { ...base, messages: [USER], tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools[0].type'],
    ['a tool schema that is not an object schema', { ...base, messages: [USER], tools: [{ name: 'f', input_schema: { type: 'array' } }] }, 'tools[0].input_schema.type'],
    ['a tool with a bad name', { ...base, messages: [USER], tools: [{ name: 'a b', input_schema: { type: 'object' } }] }, 'tools[0].name'],
    ['tool_choice naming no tool', { ...base, messages: [USER], tools: [{ name: 'f', input_schema: {} }], tool_choice: { type: 'tool', name: 'g' } }, 'tool_choice.name'],
    ['top_k', { ...base, messages: [USER], top_k: 5 }, 'top_k'],
    ['temperature above 1', { ...base, messages: [USER], temperature: 1.5 }, 'temperature'],
    ['an image whose bytes are not an image', { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: Buffer.from('hello world!').toString('base64') } }] }] }, 'messages[0].content[1].source.data'],
    ['an image from a file id', { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] }, 'messages[0].content[0].source.type'],
  ] as const) {
    it(`refuses ${label} with a 400 naming ${param}`, () => {
      const error = rejection(body);
      assert.equal(error.status, 400);
      assert.equal(error.param, param);
      assert.ok(error.message.includes(`'${param}'`), error.message);
    });
  }
});
