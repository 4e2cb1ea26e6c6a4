import assert from 'node:assert/strict';
import { parseArguments, ResponseAssembler, RESTART_NOTICE } from '../../../../client/src/lm/responseParts';

describe('router answer -> VS Code response parts', () => {
  it('reports text as it streams, and nothing again at the end', () => {
    const assembler = new ResponseAssembler();
    assert.deepEqual(assembler.progress({ delta: 'Hel' }), [{ type: 'text', text: 'Hel' }]);
    assert.deepEqual(assembler.progress({ delta: 'lo' }), [{ type: 'text', text: 'lo' }]);
    assert.deepEqual(assembler.finish({ text: 'Hello' }), []);
  });

  it('reports a whole answer that arrived without streaming (from the cache)', () => {
    assert.deepEqual(new ResponseAssembler().finish({ text: 'cached' }), [{ type: 'text', text: 'cached' }]);
  });

  it('says in the text that the model declined, with its words, after what it wrote before', () => {
    const words = "I can't help with that.";
    assert.deepEqual(new ResponseAssembler().finish({ text: '', refusal: words }), [
      { type: 'text', text: `The model declined to answer: “${words}”` },
    ]);
    const streamed = new ResponseAssembler();
    streamed.progress({ delta: 'Here is how' });
    assert.deepEqual(streamed.finish({ text: 'Here is how', refusal: '' }), [{ type: 'text', text: '\n\nThe model declined to answer.' }]);
  });

  it('reports a streamed refusal as text as its pieces arrive, inside the notice, and says it once', () => {
    const words = "I can't help with that.";
    const assembler = new ResponseAssembler();
    assert.deepEqual(assembler.progress({ delta: '', refusal: "I can't " }), [{ type: 'text', text: "The model declined to answer: “I can't " }]);
    assert.deepEqual(assembler.progress({ delta: '', refusal: 'help with that.' }), [{ type: 'text', text: 'help with that.' }]);
    assert.deepEqual(assembler.finish({ text: '', refusal: words }), [{ type: 'text', text: '”' }]);
  });

    it('reports a streamed tool call once the next one starts, and the last one at the end, with parsed input', () => {
    const assembler = new ResponseAssembler();
    assert.deepEqual(assembler.progress({ delta: '', toolCall: { index: 0, id: 'c1', name: 'read', arguments: '{"pa' } }), []);
    assert.deepEqual(assembler.progress({ delta: '', toolCall: { index: 0, arguments: 'th":"a.ts"}' } }), []);
    assert.deepEqual(assembler.progress({ delta: '', toolCall: { index: 1, id: 'c2', name: 'list' } }), [
      { type: 'toolCall', callId: 'c1', name: 'read', input: { path: 'a.ts' } },
    ]);
    assert.deepEqual(assembler.finish({ text: '' }), [{ type: 'toolCall', callId: 'c2', name: 'list', input: {} }]);
  });

  it('takes the final tool calls as authoritative for those not yet reported, and never reports one twice', () => {
    const assembler = new ResponseAssembler();
    assembler.progress({ delta: '', toolCall: { index: 0, id: 'c1', name: 'read', arguments: '{}' } });
    const first = assembler.progress({ delta: '', toolCall: { index: 1, id: 'c2', name: 'list', arguments: '{"d' } });
    assert.deepEqual(first, [{ type: 'toolCall', callId: 'c1', name: 'read', input: {} }]);
    const final = assembler.finish({
      text: '',
      toolCalls: [
        { id: 'c1', name: 'read', arguments: '{}' },
        { id: 'c2', name: 'list', arguments: '{"dir":"src"}' },
      ],
    });
    assert.deepEqual(final, [{ type: 'toolCall', callId: 'c2', name: 'list', input: { dir: 'src' } }]);
  });

  it('reports tool calls of an answer that did not stream them (non-streaming or cached)', () => {
    const parts = new ResponseAssembler().finish({ text: 'ok', toolCalls: [{ id: 'x', name: 'run', arguments: '{"n":1}' }] });
    assert.deepEqual(parts, [{ type: 'text', text: 'ok' }, { type: 'toolCall', callId: 'x', name: 'run', input: { n: 1 } }]);
  });

  it('on a fallback\'s restart drops unfinished calls and says the text starts over', () => {
    const assembler = new ResponseAssembler();
    assembler.progress({ delta: 'partial ' });
    assembler.progress({ delta: '', toolCall: { index: 0, id: 'lost', name: 'read', arguments: '{"p' } });
    assert.deepEqual(assembler.progress({ delta: '', reset: true }), [{ type: 'text', text: RESTART_NOTICE }]);
    assert.deepEqual(assembler.progress({ delta: 'fresh' }), [{ type: 'text', text: 'fresh' }]);
    assert.deepEqual(assembler.finish({ text: 'fresh' }), []);
  });

  it('reads arguments that are empty, broken or not an object as no arguments', () => {
    assert.deepEqual(parseArguments(''), {});
    assert.deepEqual(parseArguments('{"a":'), {});
    assert.deepEqual(parseArguments('[1]'), {});
    assert.deepEqual(parseArguments('{"a":[1,{"b":null}]}'), { a: [1, { b: null }] });
  });
});
