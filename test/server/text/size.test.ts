import assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer';
import { countLines, measureText } from '../../../server/src/text/size';

describe('countLines', () => {
  it('counts lines, not newlines: a trailing newline ends the last line', () => {
    assert.equal(countLines(''), 0);
    assert.equal(countLines('one'), 1);
    assert.equal(countLines('one\ntwo'), 2);
    assert.equal(countLines('one\ntwo\n'), 2);
    assert.equal(countLines('\n\n\n'), 3);
  });

  it('stops counting at 10,000 lines', () => {
    assert.equal(countLines('x\n'.repeat(50_000)), 10_000);
  });
});

describe('measureText', () => {
  it('counts tokens exactly for short text', () => {
    const text = 'function add(a: number, b: number) { return a + b; }';
    assert.deepEqual(measureText(text), { lines: 1, tokens: countTokens(text), estimated: false });
  });

  it('extrapolates long text from its prefix, within 10% of the exact count', () => {
    const text = 'const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n'.repeat(300);
    const size = measureText(text);
    const exact = countTokens(text);
    assert.equal(size.estimated, true);
    assert.equal(size.lines, 300);
    assert.ok(Math.abs(size.tokens - exact) / exact < 0.1, `estimated ${size.tokens}, exact ${exact}`);
  });

  it('gives a remembered text the same count as a fresh one, for hundreds of texts read over and over', () => {
    // More texts than are remembered, each read three times, so some counts come from memory and some are redone.
    const texts = Array.from({ length: 400 }, (_, i) => `explain what handler${i} does with ${'x'.repeat(i % 40)} when it fails`);
    for (let round = 0; round < 3; round++) {
      for (const text of texts) assert.equal(measureText(text).tokens, countTokens(text), text);
    }
  });

  it('counts a text cut from a larger one, and a text with a lone surrogate, as the tokenizer does', () => {
    const file = 'let answer = compute(42);\n'.repeat(200);
    const cut = file.slice(26, 26 + 300);
    const broken = `rename the variable \ud800 to total, then rename it back`;
    for (let round = 0; round < 2; round++) {
      assert.equal(measureText(cut).tokens, countTokens(cut));
      assert.equal(measureText(broken).tokens, countTokens(broken));
    }
  });
});
