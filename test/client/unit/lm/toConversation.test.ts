import assert from 'node:assert/strict';
import { toConversation } from '../../../../client/src/lm/toConversation';
import type { RequestMessage } from '../../../../client/src/lm/parts';
import { executeParamsSchema } from '../../../../shared/params';

const text = (t: string) => ({ type: 'text' as const, text: t });
const bytes = (s: string) => new TextEncoder().encode(s);

describe('VS Code language model messages -> router conversation', () => {
  it('keeps user and assistant text as plain strings, joining the pieces VS Code splits a prompt into', () => {
    const messages: RequestMessage[] = [
      { role: 'system', parts: [text('Be brief.')] },
      { role: 'user', parts: [text('What is '), text('2 + 2?')] },
      { role: 'assistant', parts: [text('4')] },
    ];
    assert.deepEqual(toConversation(messages), [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is 2 + 2?' },
      { role: 'assistant', content: '4' },
    ]);
  });

  it('turns an assistant\'s tool call parts into toolCalls with JSON arguments, keeping its text', () => {
    const [message] = toConversation([{
      role: 'assistant',
      parts: [text('Let me look.'), { type: 'toolCall', callId: 'call_1', name: 'read_file', input: { path: 'a.ts', lines: [1, 2] } }],
    }]);
    assert.deepEqual(message, {
      role: 'assistant',
      content: 'Let me look.',
      toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts","lines":[1,2]}' }],
    });
  });

  it('gives each tool result its own tool message answering its call, before the user\'s own text', () => {
    const conversation = toConversation([
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 'a', name: 'x', input: {} }, { type: 'toolCall', callId: 'b', name: 'y', input: {} }] },
      {
        role: 'user',
        parts: [
          { type: 'toolResult', callId: 'a', content: [text('first result')] },
          { type: 'toolResult', callId: 'b', content: [text('failed: no such file')], isError: true },
          text('Now summarize.'),
        ],
      },
    ]);
    assert.deepEqual(conversation.slice(1), [
      { role: 'tool', toolCallId: 'a', content: 'first result' },
      { role: 'tool', toolCallId: 'b', content: 'failed: no such file', isError: true },
      { role: 'user', content: 'Now summarize.' },
    ]);
  });

  it('answers a call whose tool returned nothing, and adds no empty user message', () => {
    const conversation = toConversation([{ role: 'user', parts: [{ type: 'toolResult', callId: 'a', content: [] }] }]);
    assert.deepEqual(conversation, [{ role: 'tool', toolCallId: 'a', content: '(no output)' }]);
  });

  it('sends an image data part as a base64 data URL next to the text', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const [message] = toConversation([{ role: 'user', parts: [text('What is this?'), { type: 'data', mimeType: 'image/PNG', data: png }] }]);
    assert.deepEqual(message.content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image', url: `data:image/png;base64,${Buffer.from(png).toString('base64')}` },
    ]);
  });

  it('reads JSON and text data parts as text, and drops provider hints such as cache_control', () => {
    const [message] = toConversation([{
      role: 'user',
      parts: [
        text('Config: '),
        { type: 'data', mimeType: 'application/json', data: bytes('{"a":1}') },
        { type: 'data', mimeType: 'cache_control', data: bytes('ephemeral') },
      ],
    }]);
    assert.equal(message.content, 'Config: {"a":1}');
  });

  it('leaves out messages with nothing in them', () => {
    assert.deepEqual(toConversation([{ role: 'assistant', parts: [] }, { role: 'user', parts: [text('  ')] }]), []);
  });

  it('makes an agent\'s tool round trip a conversation the router accepts', () => {
    const messages = toConversation([
      { role: 'system', parts: [text('You are an agent.')] },
      { role: 'user', parts: [text('How many lines has a.ts?')] },
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 'c1', name: 'count_lines', input: { path: 'a.ts' } }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'c1', content: [text('42')] }] },
    ]);
    const tools = [{ name: 'count_lines', parameters: { type: 'object' } }];
    const parsed = executeParamsSchema.safeParse({ workspaceId: 'ws', messages, tools, toolChoice: 'auto' });
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user', 'assistant', 'tool']);
  });
});
