import assert from 'node:assert/strict';
import { namesCode, talksOfNoCode } from '../../../server/src/classify/code-mentions';

describe('code mentions', () => {
  it('sees a file, a file name, backticks, a call and identifiers as naming code', () => {
    for (const text of ['explain #file:main.py', 'how does store.js work', 'what does `reconcile` do', 'why is build_index() slow', 'the EventBus class', 'when is isDirty reset']) {
      assert.ok(namesCode(text), text);
    }
    assert.ok(!namesCode('how does garbage collection work in the jvm'));
  });

  it('tells talk of no code from a request about code', () => {
    assert.ok(talksOfNoCode('tell me a joke', ['tell', 'me', 'a', 'joke'], []));
    assert.ok(!talksOfNoCode('explain the regex', ['explain', 'the', 'regex'], ['explain']), 'a code noun');
    assert.ok(!talksOfNoCode('explain this', ['explain', 'this'], ['explain', 'deictic']), '"this" points at the selection');
    assert.ok(!talksOfNoCode('refactor', ['refactor'], ['change']), 'a word about code by itself');
  });
});
