import assert from 'node:assert/strict';
import type { DocumentInput, Range } from '../../../shared/protocol';
import fc from 'fast-check';
import { hasSelection, selectedText, sliceDocument } from '../../../server/src/text/selection';

const text = 'first line\nsecond line\nthird\n';
const documentWith = (selection?: Range): DocumentInput => ({ uri: 'file:///a.txt', languageId: 'plaintext', text, selection });
const range = (startLine: number, startChar: number, endLine: number, endChar: number): Range => ({
  start: { line: startLine, character: startChar },
  end: { line: endLine, character: endChar },
});

describe('selectedText', () => {
  it('returns the text between two positions, across lines', () => {
    assert.equal(selectedText(documentWith(range(0, 6, 1, 6))), 'line\nsecond');
  });

  it('reads a reversed range as the same selection', () => {
    assert.equal(selectedText(documentWith(range(1, 6, 0, 6))), 'line\nsecond');
  });

  it('clamps positions past the end of a line or of the document', () => {
    assert.equal(selectedText(documentWith(range(2, 0, 99, 0))), 'third\n');
    assert.equal(selectedText(documentWith(range(0, 4, 0, 500))), 't line');
  });

  it('reads negative and NaN coordinates as zero, fractions as their floor, infinity as the end', () => {
    assert.equal(selectedText(documentWith(range(-3, -1, 0, 5.7))), 'first');
    assert.equal(selectedText(documentWith(range(Number.NaN, 0, 0, Number.POSITIVE_INFINITY))), 'first line');
    assert.equal(selectedText(documentWith(range(1, 0, Number.POSITIVE_INFINITY, 0))), 'second line\nthird\n');
  });

  it('is empty without a selection or with start equal to end', () => {
    assert.equal(selectedText(documentWith()), '');
    assert.equal(selectedText(documentWith(range(1, 2, 1, 2))), '');
  });
});

describe('hasSelection', () => {
  it('is true only for a document whose selection covers at least one character', () => {
    assert.equal(hasSelection(undefined), false);
    assert.equal(hasSelection(documentWith(range(1, 2, 1, 2))), false);
    assert.equal(hasSelection(documentWith(range(1, 2, 1, 3))), true);
  });
});

const doc = (text: string, sl: number, sc: number, el: number, ec: number) => ({
  uri: 'file:///a.py',
  languageId: 'python',
  text,
  selection: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
});

describe('sliceDocument', () => {
  it('maps LSP positions to the selected text', () => {
    const s = sliceDocument(doc('one\ntwo\nthree', 1, 0, 2, 3));
    assert.equal(s.selected, 'two\nthr');
    assert.equal(s.before, 'one\n');
  });

  it('orders a reversed selection and clamps positions past the end', () => {
    assert.equal(sliceDocument(doc('ab\ncd', 1, 1, 0, 1)).selected, 'b\nc');
    assert.equal(sliceDocument(doc('ab\ncd', 0, 99, 9, 9)).selected, '\ncd');
  });

  it('counts UTF-16 code units as LSP does', () => {
    assert.equal(sliceDocument(doc('😀x', 0, 2, 0, 3)).selected, 'x');
  });

  it('joins back to the whole text for any selection', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(5), fc.nat(20), fc.nat(5), fc.nat(20), (text, a, b, c, d) => {
        const s = sliceDocument(doc(text, a, b, c, d));
        assert.equal(s.before + s.selected + s.after, text);
      }),
    );
  });
});
