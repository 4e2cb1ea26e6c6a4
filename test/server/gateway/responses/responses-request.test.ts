import assert from 'node:assert/strict';
import { HttpError } from '../../../../server/src/gateway/http-error';
import { parseResponsesRequest } from '../../../../server/src/gateway/responses/responses-request';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
const READ_FILE = { type: 'function', name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } }, strict: false };

function rejection(body: unknown): HttpError {
  try {
    parseResponsesRequest(body, {});
  } catch (error) {
    assert.ok(error instanceof HttpError);
    return error;
  }
  assert.fail('expected a 400');
}

describe('gateway Responses API request', () => {
  it('turns a string input and instructions into a system turn and a user turn, with the output options', () => {
    const { params, stream } = parseResponsesRequest(
      {
        model: 'auto',
        instructions: 'be brief',
        input: 'hi',
        max_output_tokens: 50,
        temperature: 0.5,
        top_p: 0.9,
        user: 'someone',
        reasoning: { effort: 'xhigh', summary: 'auto' },
        text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
        stream: true,
        store: true,
        metadata: { ticket: 'T-1' },
      },
      { 'x-llm-router-workspace': 'ws' },
      'OpenAI/JS 7.57.0',
    );
    assert.equal(stream, true);
    // JSON: the params leave `model` (auto) and `kind` (no header) unset.
    assert.deepEqual(JSON.parse(JSON.stringify(params)), {
      workspaceId: 'ws',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi' },
      ],
      maxTokens: 50,
      temperature: 0.5,
      options: {
        responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
        topP: 0.9,
        user: 'someone',
        reasoningEffort: 'high',
      },
      client: 'OpenAI/JS 7.57.0',
    });
  });

  it('joins function_call items to the assistant turn before them, answers them with tool turns, and leaves reasoning items out', () => {
    const { params } = parseResponsesRequest(
      {
        model: 'local/tiny-coder',
        tools: [READ_FILE],
        input: [
          { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'You are Codex.' }] },
          { role: 'user', content: [{ type: 'input_text', text: 'look at ' }, { type: 'input_image', image_url: `data:image/png;base64,${PNG}`, detail: 'original' }] },
          { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'opaque' },
          { type: 'message', role: 'assistant', id: 'msg_1', content: [{ type: 'output_text', text: 'Reading.', annotations: [] }] },
          { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' },
          { type: 'function_call', id: 'fc_2', call_id: 'call_2', name: 'read_file', arguments: '{"path":"b"}' },
          { type: 'function_call_output', call_id: 'call_1', output: 'A' },
          { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: 'B' }] },
          { type: 'function_call', call_id: 'call_3', name: 'read_file', arguments: '{}' },
          { type: 'function_call_output', call_id: 'call_3', output: 'C' },
        ],
      },
      {},
    );
    assert.equal(params.model, 'local/tiny-coder');
    assert.deepEqual(params.tools, [{ name: 'read_file', parameters: READ_FILE.parameters, strict: false }]);
    assert.deepEqual(params.messages, [
      { role: 'system', content: 'You are Codex.' },
      { role: 'user', content: [{ type: 'text', text: 'look at ' }, { type: 'image', url: `data:image/png;base64,${PNG}`, detail: 'high' }] },
      {
        role: 'assistant',
        content: 'Reading.',
        toolCalls: [
          { id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' },
          { id: 'call_2', name: 'read_file', arguments: '{"path":"b"}' },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', content: 'A' },
      { role: 'tool', toolCallId: 'call_2', content: 'B' },
      // A call after tool results starts a new assistant turn.
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_3', name: 'read_file', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'call_3', content: 'C' },
    ]);
  });

  it('refuses what needs server-side state, naming the field and saying to send the whole conversation', () => {
    for (const [body, param] of [
      [{ model: 'auto', input: 'and?', previous_response_id: 'resp_1' }, 'previous_response_id'],
      [{ model: 'auto', input: 'and?', conversation: 'conv_1' }, 'conversation'],
      [{ model: 'auto', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0].type'],
    ] as const) {
      const error = rejection(body);
      assert.equal(error.status, 400);
      assert.equal(error.param, param);
      assert.match(error.message, /send the whole conversation in input/);
    }
  });

  it('refuses every built-in tool in one 400, first one as the param', () => {
    const error = rejection({ model: 'auto', input: 'hi', tools: [READ_FILE, { type: 'file_search', vector_store_ids: ['vs'] }, { type: 'web_search' }] });
    assert.equal(error.param, 'tools[1].type');
    assert.equal(error.code, 'unsupported_tool');
    assert.match(error.message, /function, custom and namespace tools only .*"file_search", "web_search" \(in Codex, set web_search = "disabled"/);
  });

  it('says an input list or a content list is too long, instead of that it is no list', () => {
    const items = rejection({ model: 'auto', input: Array.from({ length: 10_001 }, () => ({ role: 'user', content: 'x' })) });
    assert.equal(items.param, 'input');
    assert.match(items.message, /at most 10,000 input items/);
    const parts = Array.from({ length: 10_001 }, () => ({ type: 'input_text', text: 'x' }));
    const content = rejection({ model: 'auto', input: [{ role: 'user', content: parts }] });
    assert.equal(content.param, 'input[0].content');
    assert.match(content.message, /at most 10,000 content parts/);
    const output = rejection({
      model: 'auto',
      input: [{ role: 'user', content: 'hi' }, { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' }, { type: 'function_call_output', call_id: 'c', output: parts }],
    });
    assert.equal(output.param, 'input[2].output');
    assert.match(output.message, /at most 10,000 content parts/);
  });

  it('refuses what would change the answer and cannot be honoured, naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ background: true }, 'background'],
      [{ top_logprobs: 3 }, 'top_logprobs'],
      [{ include: ['message.output_text.logprobs'] }, 'include[0]'],
      [{ text: { verbosity: 'low' } }, 'text.verbosity'],
      [{ prompt: { id: 'pmpt_1' } }, 'prompt'],
      [{ max_tool_calls: 3 }, 'max_tool_calls'],
      [{ tool_choice: { type: 'web_search' } }, 'tool_choice'],
      [{ tool_choice: 'required' }, 'tool_choice'],
      [{ tools: [READ_FILE], tool_choice: { type: 'function', name: 'write_file' } }, 'tool_choice.name'],
      [{ input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file_1' }] }] }, 'input[0].content[0].type'],
      [{ input: [{ type: 'function_call_output', call_id: 'call_9', output: 'x' }] }, 'input[0].call_id'],
      [{ input: [{ type: 'function_call', call_id: 'c', name: 'read_file', arguments: '{"a":' }] }, 'input[0].arguments'],
      [{ input: [] }, 'input'],
      [{ input: undefined }, 'input'],
    ];
    for (const [fields, param] of cases) {
      const error = rejection({ model: 'auto', input: 'hi', ...fields });
      assert.equal(error.status, 400, JSON.stringify(fields));
      assert.equal(error.param, param, `${JSON.stringify(fields)}: ${error.message}`);
    }
  });
});
