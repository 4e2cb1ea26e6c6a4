import assert from 'node:assert/strict';
import { extractFeatures, isCharNgram, isSelectionFeature, kindFeatures, locationOf, promptWords } from '../../../server/src/classify/features';
import { codeDocument } from './helpers';

describe('extractFeatures', () => {
  it('gives words, word pairs, the first word, char trigrams and word lists joined to the location', () => {
    const features = extractFeatures('Explain this', 'inline');
    for (const name of ['w:explain', 'w:this', 'b:explain this', 'first:explain', 'c: ex', 'c:lai', 'lex:explain@inline']) {
      assert.ok(features.has(name), `missing ${name}`);
    }
  });

  it('has no feature for the selection alone, so it cannot push an unfamiliar wording towards an edit', () => {
    const features = extractFeatures('expound on this', 'inline');
    assert.ok(![...features.keys()].some((name) => name.startsWith('loc:')));
  });

  it('names the features that fire on every request at a location whatever its words: the selection\'s own say', () => {
    for (const prompt of ['users loop', 'explain this', 'how do I exit vim?', '', 'arregla esto']) {
      for (const location of ['inline', 'panel'] as const) {
        const own = [...extractFeatures(prompt, location).keys()].filter(isSelectionFeature);
        assert.equal(own.length, 1, `${location} ${JSON.stringify(prompt)}: ${own.join(', ')}`);
        assert.ok(own[0].endsWith(`@${location}`));
      }
    }
    assert.ok(!isSelectionFeature('lex:explain@inline') && !isSelectionFeature('form:asks@inline'));
  });

  it('tells char n-grams from whole words', () => {
    assert.ok(isCharNgram('c:ain') && !isCharNgram('w:explain') && !isCharNgram('lex:explain'));
  });

  it('gives articles and prepositions no word feature of their own, so "the" cannot stand for the selection', () => {
    const features = extractFeatures('the loop in total', 'inline');
    for (const name of ['w:the', 'w:the@inline', 'w:in', 'w:in@inline', 'c:the']) assert.ok(!features.has(name), `has ${name}`);
    for (const name of ['w:loop@inline', 'b:the loop', 'b:in total']) assert.ok(features.has(name), `missing ${name}`);
  });

  it('marks questions, the cue words inside them and questions that point at no code', () => {
    const cue = extractFeatures('why does this test fail?', 'inline');
    assert.ok(cue.has('form:asks@inline') && cue.has('form:asks+test@inline') && !cue.has('form:general'));
    const general = extractFeatures("what's the difference between let and const", 'inline');
    assert.ok(general.has('form:general@inline') && general.has('form:no-referent'));
    assert.ok(!extractFeatures('write tests for this', 'inline').has('form:asks'));
  });

  it('knows the synonyms of summarize and explain', () => {
    for (const prompt of ['tl;dr', 'give me the gist', 'recap please', 'outline what it does']) {
      assert.ok(extractFeatures(prompt, 'inline').has('lex:summarize'), prompt);
    }
    for (const prompt of ['walk me through it', "what's going on", 'eli5']) assert.ok(extractFeatures(prompt, 'inline').has('lex:explain'), prompt);
  });

  it('shares char trigrams between a word and its misspelling, so typos still match', () => {
    const right = [...extractFeatures('explain', 'panel').keys()].filter((name) => name.startsWith('c:'));
    const typo = new Set([...extractFeatures('expain', 'panel').keys()].filter((name) => name.startsWith('c:')));
    assert.ok(right.filter((gram) => typo.has(gram)).length >= 3);
  });

  it('flags intent word lists with and without the location', () => {
    const features = extractFeatures('please write pytest cases', 'panel');
    assert.ok(features.has('lex:test') && features.has('lex:test@panel'));
    assert.ok(features.has('opens:create@panel'), 'the polite "please" is skipped to find the opening verb');
  });

  it('leaves a leading slash command out of the words (rules handle it)', () => {
    assert.deepEqual(promptWords('/explain the loop'), ['the', 'loop']);
  });

  it('reads only the first 200 characters, so a pasted log cannot slow it down', () => {
    assert.deepEqual(promptWords(`fix it ${'x'.repeat(300)} tail`), ['fix', 'it', 'x'.repeat(193)]);
  });

  it('records presence, not counts, so a repeated word weighs no more', () => {
    const features = extractFeatures('test test test', 'panel');
    assert.equal(features.get('w:test'), 1);
    assert.equal(features.get('lex:test'), 1);
  });

  it('flags a project description, a later order and an edit aimed at "this", with the location', () => {
    assert.ok(extractFeatures('flutter app that is a calculator', 'panel').has('describes-project@panel'));
    assert.ok(extractFeatures('the image repeats. fix it', 'panel').has('later-opens:fix@panel'));
    assert.ok(extractFeatures('make this bold', 'inline').has('edits-referent@inline'));
  });

  it('knows the intent words of other languages, spaced or not', () => {
    assert.ok(extractFeatures('explícame este código', 'inline').has('lex:explain@inline'));
    assert.ok(extractFeatures('corrige el error', 'inline').has('lex:fix'));
    assert.ok(extractFeatures('このコードを説明して', 'inline').has('lex:explain'));
    assert.ok(extractFeatures('给这个函数写单元测试', 'inline').has('lex:test'));
    assert.ok(extractFeatures('was macht dieser Code?', 'inline').has('form:asks@inline'));
  });

  it('reads a misspelt intent word as the word it misspells', () => {
    assert.ok(extractFeatures('expain this pls', 'inline').has('lex:explain@inline'));
  });

  it('marks named code, talk of no code, a whole new piece of code, a quoted error and a closing order', () => {
    const named = extractFeatures('how does the EventBus class dispatch messages', 'panel');
    assert.ok(named.has('names-code@panel') && !named.has('form:general'), 'named code is a referent: not a general question');
    assert.ok(extractFeatures('tell me a joke', 'inline').has('no-code@inline'));
    assert.ok(extractFeatures('explain quantum computing', 'inline').has('no-code+explain@inline'));
    assert.ok(!extractFeatures('explain the regex', 'inline').has('no-code@inline'));
    assert.ok(extractFeatures('add a static factory method', 'inline').has('creates-unit@inline'));
    assert.ok(!extractFeatures('add validation to the inputs', 'inline').has('creates-unit@inline'));
    assert.ok(extractFeatures("TypeError: Cannot read properties of null", 'inline').has('quotes-error@inline'));
    assert.ok(extractFeatures('the menu does not close when I click outside, fix please', 'panel').has('tail:fix@panel'));
  });

  it('sees a question that follows a lead-in clause, and an aside word, so a general question over a selection is not read as an order', () => {
    const aside = extractFeatures('in general, when should I use a linked list', 'inline');
    assert.ok(aside.has('form:asks@inline') && aside.has('form:general@inline') && aside.has('lex:aside@inline'));
    assert.ok(extractFeatures("quick q while I'm here, what's the difference between TCP and UDP", 'inline').has('form:asks@inline'));
    assert.ok(!extractFeatures('sort the list, then return it', 'inline').has('form:asks'), 'no question word opens a clause');
  });

  it('joins named code to the question and the intent words around it', () => {
    const planned = extractFeatures('how do I test upload_report in reports.py', 'panel');
    assert.ok(planned.has('names-code+asks@panel') && planned.has('names-code+question@panel'));
    assert.ok(extractFeatures('write pytest tests for slugify in utils/text.py', 'panel').has('names-code+test@panel'));
    assert.ok(!extractFeatures('tips for writing readable tests', 'panel').has('names-code+test@panel'), 'no code of the user named');
  });

  it('knows writing for people and the languages people speak, which a code request does not ask for', () => {
    assert.ok(extractFeatures('draft an email to my landlord about the heating', 'inline').has('lex:prose@inline'));
    assert.ok(extractFeatures("translate 'good night' into italian", 'inline').has('lex:tongue@inline'));
    assert.ok(!extractFeatures('port this to typescript', 'inline').has('lex:tongue'));
  });

  it('tells new code from code that exists, by the object of the verb, a named piece and behaviour added', () => {
    assert.ok(extractFeatures('add a method that resets the counter', 'inline').has('object:new+create@inline'));
    assert.ok(extractFeatures('sort the imports', 'inline').has('object:existing@inline'));
    assert.ok(extractFeatures('a function to merge two sorted lists', 'inline').has('piece-to-write@inline'));
    assert.ok(extractFeatures('add a null check', 'inline').has('adds-to-existing@inline'));
    assert.ok(extractFeatures('rename the callback', 'inline').has('points-at-unit@inline'));
  });

  it('tells a program to build from a piece to hand over and from a program the user has', () => {
    assert.ok(extractFeatures('minesweeper in javascript', 'panel').has('describes-project@panel'));
    assert.ok(extractFeatures('generate a makefile with build and clean targets', 'panel').has('makes:piece@panel'));
    assert.ok(extractFeatures('create a new rails project for a blog', 'panel').has('makes:project@panel'));
    assert.ok(extractFeatures('getting timeouts from my node app', 'panel').has('owns-project@panel'));
  });

  it('marks a stated symptom, but not one inside a question, and words of people and the world', () => {
    assert.ok(extractFeatures('the total never includes tax', 'inline').has('reports-symptom@inline'));
    assert.ok(!extractFeatures('why does the total never include tax?', 'inline').has('reports-symptom@inline'));
    assert.ok(extractFeatures('write a thank-you note to my team', 'inline').has('lex:people@inline'));
    assert.ok(extractFeatures('convert 30 celsius to fahrenheit', 'inline').has('lex:world@inline'));
  });

  it('marks a request with a selected range inline and anything else panel', () => {
    assert.equal(locationOf({ prompt: 'x', document: codeDocument(5, [1, 3]) }), 'inline');
    assert.equal(locationOf({ prompt: 'x', document: codeDocument(5) }), 'panel');
    assert.equal(locationOf({ prompt: 'x' }), 'panel');
    assert.ok(kindFeatures({ prompt: 'fix', document: codeDocument(5, [1, 3]) }).has('lex:fix@inline'));
  });
});
