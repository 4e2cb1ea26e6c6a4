import assert from 'node:assert/strict';
import { parseChatRequest } from '../../../server/src/gateway/chat-request';
import { HttpError } from '../../../server/src/gateway/http-error';
import { MAX_IMAGE_BYTES } from '../../../server/src/gateway/image-url';

const USER = { role: 'user', content: 'hi' };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString('base64');

const fn = (name: string, parameters?: unknown) => ({ type: 'function', function: { name, parameters } });
const assistantCall = (id: string, args: string) => ({
  role: 'assistant',
  content: null,
  tool_calls: [{ id, type: 'function', function: { name: 'read_file', arguments: args } }],
});
const imageMessage = (url: string) => ({ role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url } }] });

function rejection(body: unknown, headers = {}): HttpError {
  try {
    parseChatRequest(body, headers);
  } catch (error) {
    assert.ok(error instanceof HttpError);
    return error;
  }
  assert.fail('expected a 400');
}

describe('gateway chat request', () => {
  it('turns an OpenAI body into execute params', () => {
    const request = parseChatRequest(
      {
        model: 'auto',
        messages: [{ role: 'developer', content: 'be brief' }, { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }],
        stream: true,
        stream_options: { include_usage: true },
        max_completion_tokens: 50,
        max_tokens: 99,
        temperature: 0.5,
        user: 'someone',
        top_p: 1,
      },
      { 'x-llm-router-workspace': 'ws', 'x-llm-router-kind': 'ask' },
    );
    assert.deepEqual(request, {
      stream: true,
      includeUsage: true,
      params: {
        workspaceId: 'ws',
        kind: 'ask',
        model: undefined, // auto: the router chooses
        messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'a\nb' }],
        maxTokens: 50,
        temperature: 0.5,
        options: { topP: 1, user: 'someone' },
      },
    });
  });

  it('maps a tool round trip: tools, tool_choice, assistant tool_calls with null content, and tool results', () => {
    const { params } = parseChatRequest(
      {
        model: 'auto',
        messages: [
          USER,
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } },
              { id: 'call_2', type: 'function', function: { name: 'read_file', arguments: '{"path":"b.ts"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'export const a = 1;' },
          { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'export' }, { type: 'text', text: 'const b = 2;' }] },
        ],
        tools: [
          { type: 'function', function: { name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } }, strict: true } },
          { type: 'function', function: { name: 'list_dir' } },
        ],
        tool_choice: { type: 'function', function: { name: 'read_file' } },
        parallel_tool_calls: false,
      },
      {},
      'QwenCode/0.1',
    );
    assert.deepEqual(params.messages, [
      { role: 'user', content: 'hi' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}' },
          { id: 'call_2', name: 'read_file', arguments: '{"path":"b.ts"}' },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', content: 'export const a = 1;' },
      { role: 'tool', toolCallId: 'call_2', content: 'export\nconst b = 2;' },
    ]);
    assert.deepEqual(params.tools, [
      { name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } }, strict: true },
      { name: 'list_dir', parameters: { type: 'object', properties: {} } },
    ]);
    assert.deepEqual(params.toolChoice, { name: 'read_file' });
    assert.deepEqual(params.options, { parallelToolCalls: false });
    assert.equal(params.client, 'QwenCode/0.1');
  });

  it('maps every output option it honours, and leaves options out when none is given', () => {
    const { params } = parseChatRequest(
      {
        model: 'auto',
        messages: [USER],
        stop: 'END',
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
        seed: 7,
        top_p: 0.9,
        presence_penalty: 0.5,
        frequency_penalty: -0.5,
        user: 'user-1',
        reasoning_effort: 'low',
        metadata: { run: 'x' },
        store: false,
        logprobs: false,
      },
      {},
    );
    assert.deepEqual(params.options, {
      stop: ['END'],
      responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
      seed: 7,
      topP: 0.9,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      user: 'user-1',
      reasoningEffort: 'low',
    });
    assert.deepEqual(parseChatRequest({ model: 'auto', messages: [USER], stop: ['a', 'b'] }, {}).params.options, { stop: ['a', 'b'] });
    assert.deepEqual(parseChatRequest({ model: 'auto', messages: [USER], response_format: { type: 'json_object' } }, {}).params.options, {
      responseFormat: { type: 'json_object' },
    });
    const plain = parseChatRequest({ model: 'auto', messages: [USER], response_format: { type: 'text' }, tool_choice: 'auto', parallel_tool_calls: true }, {}).params;
    assert.equal(plain.options, undefined, 'text output and no tools ask for nothing');
    assert.equal(plain.toolChoice, undefined);
  });

  it('takes images as https and base64 data URLs, keeping detail and correcting a mislabelled type from the bytes', () => {
    const { params } = parseChatRequest(
      {
        model: 'auto',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'compare these' },
              { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${JPEG}` } },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}`, detail: 'high' } },
            ],
          },
        ],
      },
      {},
    );
    assert.deepEqual(params.messages![0].content, [
      { type: 'text', text: 'compare these' },
      { type: 'image', url: 'https://example.com/a.png', detail: 'low' },
      { type: 'image', url: `data:image/jpeg;base64,${JPEG}` },
      { type: 'image', url: `data:image/png;base64,${PNG}`, detail: 'high' },
    ]);
  });

  it('refuses an image above the size limit, naming it', () => {
    const big = `data:image/png;base64,${PNG}${'A'.repeat(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 8)}`;
    const error = rejection({ model: 'auto', messages: [imageMessage(big)] });
    assert.equal(error.param, 'messages[0].content[1].image_url.url');
    assert.equal(error.code, 'image_too_large');
  });

  it('passes logical model names on for the router to resolve', () => {
    assert.equal(parseChatRequest({ model: 'cheap', messages: [USER] }, {}).params.model, 'cheap');
  });

  it('forces a providerId/modelId and defaults the workspace', () => {
    const { params, stream } = parseChatRequest({ model: 'local/tiny', messages: [USER], stop: null, n: 1 }, {});
    assert.equal(params.model, 'local/tiny');
    assert.equal(params.workspaceId, 'gateway');
    assert.equal(stream, false);
  });

  for (const [label, body, param] of [
    ['a missing model', { messages: [USER] }, 'model'],
    ['no messages', { model: 'auto', messages: [] }, 'messages'],
    ['an unknown role', { model: 'auto', messages: [USER, { role: 'robot', content: 'x' }] }, 'messages[1].role'],
    ['the legacy function role', { model: 'auto', messages: [USER, { role: 'function', name: 'f', content: 'x' }] }, 'messages[1].role'],
    ['an audio part', { model: 'auto', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] }, 'messages[0].content[0].type'],
    ['no user message', { model: 'auto', messages: [{ role: 'system', content: 'x' }] }, 'messages'],
    ['a negative max_tokens', { model: 'auto', messages: [USER], max_tokens: -1 }, 'max_tokens'],
    ['temperature above 2', { model: 'auto', messages: [USER], temperature: 3 }, 'temperature'],
    ['n > 1', { model: 'auto', messages: [USER], n: 3 }, 'n'],
    ['legacy functions', { model: 'auto', messages: [USER], functions: [{ name: 'f' }] }, 'functions'],
    ['logprobs', { model: 'auto', messages: [USER], logprobs: true }, 'logprobs'],
    ['audio output', { model: 'auto', messages: [USER], modalities: ['text', 'audio'] }, 'modalities[1]'],
    ['a non-function tool', { model: 'auto', messages: [USER], tools: [{ type: 'web_search' }] }, 'tools[0].type'],
    ['a tool with a bad name', { model: 'auto', messages: [USER], tools: [fn('no spaces allowed')] }, 'tools[0].function.name'],
    ['a tool whose schema is not an object schema', { model: 'auto', messages: [USER], tools: [fn('f', { type: 'string' })] }, 'tools[0].function.parameters.type'],
    ['a tool schema that is not an object', { model: 'auto', messages: [USER], tools: [fn('f', [1])] }, 'tools[0].function.parameters'],
    ['two tools of one name', { model: 'auto', messages: [USER], tools: [fn('f'), fn('f')] }, 'tools[1].function.name'],
    ['a tool_choice naming no tool', { model: 'auto', messages: [USER], tools: [fn('f')], tool_choice: { type: 'function', function: { name: 'g' } } }, 'tool_choice.function.name'],
    ['a required tool call without tools', { model: 'auto', messages: [USER], tool_choice: 'required' }, 'tool_choice'],
    ['a tool message answering no earlier call', { model: 'auto', messages: [USER, { role: 'tool', tool_call_id: 'call_9', content: 'x' }] }, 'messages[1].tool_call_id'],
    ['a tool message without its call id', { model: 'auto', messages: [USER, { role: 'tool', content: 'x' }] }, 'messages[1].tool_call_id'],
    ['tool call arguments that are not JSON', { model: 'auto', messages: [USER, assistantCall('call_1', '{"path": ')] }, 'messages[1].tool_calls[0].function.arguments'],
    ['tool call arguments that are not an object', { model: 'auto', messages: [USER, assistantCall('call_1', '[1]')] }, 'messages[1].tool_calls[0].function.arguments'],
    ['an empty stop sequence', { model: 'auto', messages: [USER], stop: '' }, 'stop'],
    ['an unknown response_format', { model: 'auto', messages: [USER], response_format: { type: 'yaml' } }, 'response_format.type'],
    ['a json_schema without a name', { model: 'auto', messages: [USER], response_format: { type: 'json_schema', json_schema: { schema: {} } } }, 'response_format.json_schema.name'],
    ['top_p above 1', { model: 'auto', messages: [USER], top_p: 1.5 }, 'top_p'],
    ['an unknown reasoning_effort', { model: 'auto', messages: [USER], reasoning_effort: 'extreme' }, 'reasoning_effort'],
    ['an http image', { model: 'auto', messages: [imageMessage('http://example.com/a.png')] }, 'messages[0].content[1].image_url.url'],
    ['a data URL that is not base64', { model: 'auto', messages: [imageMessage('data:image/png,rawbytes')] }, 'messages[0].content[1].image_url.url'],
    ['a data URL whose bytes are not an image', { model: 'auto', messages: [imageMessage(`data:image/png;base64,${Buffer.from('plain text, not a picture').toString('base64')}`)] }, 'messages[0].content[1].image_url.url'],
    ['a data URL with broken base64', { model: 'auto', messages: [imageMessage('data:image/png;base64,iVBOR*w0K')] }, 'messages[0].content[1].image_url.url'],
  ] as const) {
    it(`refuses ${label} with a 400 naming ${param}`, () => {
      const error = rejection(body);
      assert.equal(error.status, 400);
      assert.equal(error.param, param);
      assert.equal(error.body.error.type, 'invalid_request_error');
      assert.ok(error.message.includes(`'${param}'`), error.message);
    });
  }

  it('names the header when a router header is wrong', () => {
    assert.equal(rejection({ model: 'auto', messages: [USER] }, { 'x-llm-router-kind': 'poem' }).param, 'x-llm-router-kind');
    assert.equal(rejection({ model: 'auto', messages: [USER] }, { 'x-llm-router-workspace': '' }).param, 'x-llm-router-workspace');
  });

  it('refuses a body that is not an object', () => {
    assert.equal(rejection(null).status, 400);
    assert.equal(rejection([1]).status, 400);
  });
});
