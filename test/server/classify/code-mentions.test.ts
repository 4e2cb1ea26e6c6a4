import assert from 'node:assert/strict';
import { namesCode, talksOfNoCode } from '../../../server/src/classify/code-mentions';

describe('code mentions', () => {
  it('sees a file, a file name, backticks, a call and identifiers as naming code', () => {
    for (const text of ['explain #file:main.py', 'how does store.js work', 'what does `reconcile` do', 'why is build_index() slow', 'the EventBus class', 'when is isDirty reset']) {
      assert.ok(namesCode(text), text);
    }
    assert.ok(namesCode('where does item.price come from'), 'a member access');
    assert.ok(!namesCode('how does garbage collection work in the jvm'));
    assert.ok(!namesCode('e.g. a list of users'), 'an abbreviation is no member access');
  });

  it('tells talk of no code from a request about code', () => {
    assert.ok(talksOfNoCode('tell me a joke', ['tell', 'me', 'a', 'joke'], []));
    assert.ok(!talksOfNoCode('explain the regex', ['explain', 'the', 'regex'], ['explain']), 'a code noun');
    assert.ok(!talksOfNoCode('explain this', ['explain', 'this'], ['explain', 'deictic']), '"this" points at the selection');
    assert.ok(!talksOfNoCode('refactor', ['refactor'], ['change']), 'a word about code by itself');
  });

  it('counts code nouns in other languages and pieces of code named by their role as talk of code', () => {
    const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
    for (const text of ['crea una función que valide emails', 'напиши функцию сортировки', 'write a helper that retries', 'add a getter for the total', 'add two radio buttons']) {
      assert.ok(!talksOfNoCode(text, words(text), []), text);
    }
    assert.ok(!talksOfNoCode('写一个读取配置文件的函数', words('写一个读取配置文件的函数'), []), 'a Chinese code noun, found inside the clause');
    assert.ok(talksOfNoCode('write a cover letter for a barista job', words('write a cover letter for a barista job'), ['create']));
  });
});
