import * as assert from 'node:assert/strict';
import { codeFromAnswer, insertableCode, proposedDocument, replacementFor } from '../../../client/src/commands/refactorProposal';

describe('codeFromAnswer', () => {
  it('takes the code out of a fenced answer with prose around it', () => {
    assert.equal(codeFromAnswer('Sure:\n```ts\nconst a = 1;\n```\nThat is all.'), 'const a = 1;');
  });

  it('takes the longest block when the answer has several', () => {
    assert.equal(codeFromAnswer('```\nx\n```\nand\n~~~py\nlonger = 1\nmore = 2\n~~~'), 'longer = 1\nmore = 2');
  });

  it('returns an answer without a fence unchanged', () => {
    assert.equal(codeFromAnswer('x * 2;'), 'x * 2;');
  });
});

describe('insertableCode', () => {
  it('offers the code of an answer', () => {
    assert.equal(insertableCode({ text: 'Sure:\n```ts\nconst a = 1;\n```' }), 'const a = 1;');
  });

  it('offers nothing to insert when the model declined, not even what it wrote before declining', () => {
    assert.equal(insertableCode({ text: 'const a =', refusal: '' }), undefined);
    assert.equal(insertableCode({ text: '', refusal: "I can't help with that." }), undefined);
  });
});

describe('replacementFor', () => {
  it('ends with a newline exactly when the replaced text did', () => {
    assert.equal(replacementFor('a\nb\n', '```\nc\n```'), 'c\n');
    assert.equal(replacementFor('a', 'c\n\n'), 'c');
  });

  it('keeps CRLF endings of the replaced text', () => {
    assert.equal(replacementFor('a\r\n', 'c'), 'c\r\n');
  });
});

describe('proposedDocument', () => {
  it('replaces only the given range', () => {
    assert.equal(proposedDocument('one two three', 4, 7, '2'), 'one 2 three');
  });
});
