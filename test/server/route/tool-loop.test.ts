import assert from 'node:assert/strict';
import { ToolCallOwners, toolLoopModel } from '../../../server/src/route/tool-loop';
import type { ConversationMessage } from '../../../shared/protocol';

const call = (id: string) => ({ id, name: 'read_file', arguments: '{}' });

describe('tool call owners', () => {
  it('remembers which model made each tool call', () => {
    const owners = new ToolCallOwners();
    owners.remember([call('a'), call('b')], 'openai/gpt-4o');
    owners.remember([call('c')], 'anthropic/claude');
    assert.deepEqual(['a', 'b', 'c', 'd'].map((id) => owners.ownerOf(id)), ['openai/gpt-4o', 'openai/gpt-4o', 'anthropic/claude', undefined]);
  });

  it('stays within its capacity by forgetting the least recently used id', () => {
    const owners = new ToolCallOwners(2);
    owners.remember([call('a'), call('b')], 'm/1');
    owners.ownerOf('a'); // used: b is now the oldest
    owners.remember([call('c')], 'm/2');
    assert.equal(owners.size, 2);
    assert.deepEqual([owners.ownerOf('a'), owners.ownerOf('b'), owners.ownerOf('c')], ['m/1', undefined, 'm/2']);
  });

  it('finds the model of the latest tool calls it knows in a conversation', () => {
    const owners = new ToolCallOwners();
    owners.remember([call('old')], 'm/first');
    owners.remember([call('new')], 'm/second');
    const messages: ConversationMessage[] = [
      { role: 'user', content: 'fix the bug' },
      { role: 'assistant', content: '', toolCalls: [call('old')] },
      { role: 'tool', toolCallId: 'old', content: 'file text' },
      { role: 'assistant', content: '', toolCalls: [call('unknown'), call('new')] },
      { role: 'tool', toolCallId: 'new', content: 'ok' },
    ];
    assert.equal(toolLoopModel(messages, (id) => owners.ownerOf(id)), 'm/second');
    assert.equal(toolLoopModel([{ role: 'user', content: 'hi' }], (id) => owners.ownerOf(id)), undefined);
    assert.equal(toolLoopModel(undefined, (id) => owners.ownerOf(id)), undefined);
  });
});
