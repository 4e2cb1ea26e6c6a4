// Sentences are cut without a regex since session 11: split tried the pattern at every
// position of a run of marks, each try reading to the run's end (quadratic in the run). The
// classifier's features were learned on the pattern's cuts, so the cuts must not move.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sentences } from '../../../server/src/classify/phrasing';

// The pattern as it was.
const OLD_SENTENCE_BREAK = /[.!?;:\n]+\s+|\n/;

const pieces = ['\n', '\r\n', ' ', '\t', '\u00a0', '\u2028', '.', '!', '?', ';', ':', '..', 'a', 'fix it', '4.2', 'file.py', 'x'];
const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

describe('sentence breaks of the phrasing features', () => {
  it('cuts any mix of marks, blanks and words exactly where the old pattern cut it', () => {
    fc.assert(fc.property(texts, (text) => assert.deepEqual(sentences(text), text.split(OLD_SENTENCE_BREAK), JSON.stringify(text))), { numRuns: 10_000 });
  });

  it('cuts any string of characters exactly where the old pattern cut it', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => assert.deepEqual(sentences(text), text.split(OLD_SENTENCE_BREAK))), { numRuns: 5000 });
  });

  it('reads a long run of marks with no blank after it once, not once per position', () => {
    // 200,000 marks: the old pattern tried each position to the run's end (2e10 steps); read once here, so this returns.
    const text = `context${'.'.repeat(200_000)}x fix it`;
    assert.deepEqual(sentences(text), [text]);
  });
});
