import assert from 'node:assert/strict';
import { misspelledLexicons, oneEditApart } from '../../../server/src/classify/typos';

describe('typos', () => {
  it('finds a word one slip away: a letter dropped, added, changed, or two neighbours swapped', () => {
    for (const typo of ['expain', 'explaine', 'explian', 'expalin']) assert.ok(oneEditApart(typo, 'explain'), typo);
  });

  it('does not take the word itself, a word two edits away, or a short word for a typo', () => {
    assert.ok(!oneEditApart('explain', 'explain'));
    assert.ok(!oneEditApart('exclaim', 'explain'));
    assert.ok(!oneEditApart('fox', 'fix'));
  });

  it('names the lexicon a misspelt intent word belongs to', () => {
    assert.deepEqual(misspelledLexicons('refator'), ['change']);
    assert.deepEqual(misspelledLexicons('sumarize'), ['summarize']);
    assert.deepEqual(misspelledLexicons('window'), []);
  });
});
