import assert from 'node:assert/strict';
import { relativeClasses, relativeClassesOf } from '../../../server/src/classify/wordnet-relatives';
import relatives from '../../../server/src/classify/wordnet-relatives.json';

describe('WordNet relatives of the intent verbs', () => {
  it('maps synonyms and particular ways of doing an intent to that intent', () => {
    assert.ok(relativeClasses('explicate').includes('explain'));
    assert.ok(relativeClasses('recapitulate').includes('summarize'));
    assert.ok(relativeClasses('mend').includes('fix'));
    assert.ok(relativeClasses('troubleshoot').includes('fix'));
  });

  it('finds an inflected verb by its base form', () => {
    assert.ok(relativeClasses('summarizing').includes('summarize'));
    assert.ok(relativeClasses('clarified').includes('explain'));
    assert.ok(relativeClasses('debugged').includes('fix'));
    assert.ok(relativeClasses('explains').includes('explain'));
  });

  it('finds a two-word verb said as two words', () => {
    assert.ok(relativeClassesOf(['please', 'sum', 'up', 'this']).includes('summarize'));
    assert.ok(relativeClassesOf(['clear', 'up', 'the', 'idea']).includes('explain'));
  });

  it('knows nothing of words that are no relative of an intent verb', () => {
    for (const word of ['users', 'loop', 'the', 'why', 'zzzz']) assert.deepEqual(relativeClasses(word), [], word);
  });

  it('leaves out a synonym whose own first sense is another thing: "examine" shares a sense with "test" but first means to look at', () => {
    assert.ok(!relativeClasses('examine').includes('test'));
    assert.ok(relativeClasses('test').includes('test'));
  });

  it('leaves out a word said mostly as a noun or an adjective, though WordNet has it as a way to change things', () => {
    for (const word of ['rust', 'azure', 'end']) assert.deepEqual(relativeClasses(word), [], word);
  });

  it('stays a small list that can ship with the extension', () => {
    const words = Object.values(relatives.classes).flat();
    assert.ok(words.length < 5000, `${words.length} words`);
    assert.ok(JSON.stringify(relatives).length < 60_000);
  });
});
