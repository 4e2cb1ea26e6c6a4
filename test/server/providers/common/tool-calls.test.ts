import assert from 'node:assert/strict';
import { requireAnswer } from '../../../../server/src/providers/common/require-answer';
import { requireToolArguments, ToolCallAssembler } from '../../../../server/src/providers/common/tool-calls';
import { ProviderError } from '../../../../server/src/providers/errors';
import type { ChatResponse } from '../../../../server/src/providers/types';

const CUT: ChatResponse = { text: '', inputTokens: 10, outputTokens: 64, truncated: true };

describe('tool calls in replies', () => {
  it('joins streamed pieces by index, in index order, whatever order they came in', () => {
    const calls = new ToolCallAssembler();
    calls.add({ index: 1, id: 'b', name: 'list_dir' });
    calls.add({ index: 0, id: 'a', name: 'read_file' });
    calls.add({ index: 0, arguments: '{"path":' });
    calls.add({ index: 0, arguments: '"x"}' });

    assert.deepEqual(calls.finish(), [
      { id: 'a', name: 'read_file', arguments: '{"path":"x"}' },
      // A call of a tool without parameters may stream no arguments: it takes none.
      { id: 'b', name: 'list_dir', arguments: '{}' },
    ]);
  });

  it('accepts an answer cut at its limit that has tool calls and no text', () => {
    const calls = { ...CUT, toolCalls: [{ id: 'a', name: 'read_file', arguments: '{"path":"x"}' }] };

    assert.equal(requireAnswer(calls, 'p/m', 64), calls);
    assert.equal(requireToolArguments(calls, 'p/m'), calls);
    assert.throws(() => requireAnswer(CUT, 'p/m', 64), (e: ProviderError) => e.reason === 'bad_request');
  });

  it('fails a call cut at the token limit as a bad request (it would be cut again), carrying the usage', () => {
    const cut = { ...CUT, toolCalls: [{ id: 'a', name: 'read_file', arguments: '{"path":"sr' }], cacheWriteInputTokens: 4 };

    assert.throws(
      () => requireToolArguments(cut, 'p/m'),
      (e: ProviderError) =>
        e.reason === 'bad_request' &&
        e.message === 'p/m: request rejected: the arguments of its call of tool "read_file" were cut at the token limit' &&
        e.billedUsage?.cacheWriteInputTokens === 4,
    );
  });

  it('fails arguments that are JSON but not an object as malformed', () => {
    const array = { text: '', inputTokens: 1, outputTokens: 1, toolCalls: [{ id: 'a', name: 'f', arguments: '[1]' }] };

    assert.throws(() => requireToolArguments(array, 'p/m'), (e: ProviderError) => e.reason === 'malformed' && e.retryable);
  });
});
