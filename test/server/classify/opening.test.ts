import assert from 'node:assert/strict';
import { openingWord, opensWithAction } from '../../../server/src/classify/opening';

describe('openingWord', () => {
  it('skips polite lead-ins, even several in a row', () => {
    assert.equal(openingWord(['can', 'you', 'please', 'write', 'tests']), 'write');
    assert.equal(openingWord(['i', 'would', 'like', 'to', 'refactor', 'this']), 'refactor');
  });

  it('keeps a question word and returns nothing for an empty request', () => {
    assert.equal(openingWord(['can', 'a', 'class', 'extend', 'two']), 'can');
    assert.equal(openingWord(['please']), undefined);
  });
});

describe('opensWithAction', () => {
  it('is true for orders ("explain", "fix", "write tests") and false for questions', () => {
    assert.equal(opensWithAction(['explain', 'this']), true);
    assert.equal(opensWithAction(['could', 'you', 'fix', 'it']), true);
    assert.equal(opensWithAction(['how', 'do', 'i', 'fix', 'it']), false);
    assert.equal(opensWithAction([]), false);
  });
});
