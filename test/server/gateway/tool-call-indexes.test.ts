import assert from 'node:assert/strict';
import { ToolCallIndexes } from '../../../server/src/gateway/tool-call-indexes';

describe('gateway ToolCallIndexes', () => {
  it('numbers calls 0, 1... in the order they start, whatever index the provider used, and marks each first piece', () => {
    const indexes = new ToolCallIndexes();
    // Anthropic counts content blocks: a text block 0, then calls at 1 and 2.
    assert.deepEqual(indexes.next({ index: 1, id: 'toolu_a', name: 'read_file', arguments: '' }), { index: 0, id: 'toolu_a', name: 'read_file', arguments: '', first: true });
    assert.deepEqual(indexes.next({ index: 1, arguments: '{"pa' }), { index: 0, arguments: '{"pa', first: false });
    assert.deepEqual(indexes.next({ index: 2, id: 'toolu_b', name: 'list_dir' }), { index: 1, id: 'toolu_b', name: 'list_dir', first: true });
    assert.deepEqual(indexes.next({ index: 1, arguments: 'th"}' }), { index: 0, arguments: 'th"}', first: false });
    assert.equal(indexes.count, 2);
  });
});
