import assert from 'node:assert/strict';
import { parseChatRequest } from '../../../server/src/gateway/chat-request';
import { HttpError } from '../../../server/src/gateway/http-error';

const USER = { role: 'user', content: 'hi' };

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
      },
    });
  });

  it('forces a providerId/modelId and defaults the workspace', () => {
    const { params, stream } = parseChatRequest({ model: 'local/tiny', messages: [USER], stop: null, n: 1 }, {});
    assert.equal(params.model, 'local/tiny');
    assert.equal(params.workspaceId, 'gateway');
    assert.equal(stream, false);
  });

  for (const [label, body, param] of [
    ['a missing model', { messages: [USER] }, 'model'],
    ['a model that is not auto or provider/model', { model: 'gpt-4o', messages: [USER] }, 'model'],
    ['no messages', { model: 'auto', messages: [] }, 'messages'],
    ['a tool message', { model: 'auto', messages: [USER, { role: 'tool', content: 'x' }] }, 'messages[1].role'],
    ['an image part', { model: 'auto', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'messages[0].content'],
    ['no user message', { model: 'auto', messages: [{ role: 'system', content: 'x' }] }, 'messages'],
    ['a negative max_tokens', { model: 'auto', messages: [USER], max_tokens: -1 }, 'max_tokens'],
    ['temperature above 2', { model: 'auto', messages: [USER], temperature: 3 }, 'temperature'],
    ['n > 1', { model: 'auto', messages: [USER], n: 3 }, 'n'],
    ['tools', { model: 'auto', messages: [USER], tools: [{ type: 'function' }] }, 'tools'],
    ['stop sequences', { model: 'auto', messages: [USER], stop: ['\n'] }, 'stop'],
    ['JSON mode', { model: 'auto', messages: [USER], response_format: { type: 'json_object' } }, 'response_format.type'],
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
