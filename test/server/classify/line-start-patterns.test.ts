// The two line-start patterns of the wording features were rewritten for linear time; the
// learned models were trained on their counts, so the counts must not move.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { STEP_MARKERS } from '../../../server/src/classify/difficulty-wording';
import { CHOICE_PATTERN } from '../../../server/src/classify/need/features';

// The patterns as they were: `\s*` after the line break.
const OLD_STEP_MARKERS = /(^|\n)\s*(\d+[.)]|[-*\u2022])\s+|\b(then|after that|afterwards|finally|and also)\b/gi;
const OLD_CHOICE_PATTERN = /(^|\n)\s*[a-d][.)]\s/g;

const pieces = ['\n', '\r\n', ' ', '\t', '\u2028', 'a', 'b', 'e', '1', '12', '.', ')', '-', '*', '\u2022', 'then', ' after that ', 'x'];
const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('line-start patterns of the wording features', () => {
  it('count step markers exactly as the \\s* pattern did, on any mix of breaks, blanks and markers', () => {
    fc.assert(fc.property(texts, (text) => assert.equal(count(text, STEP_MARKERS), count(text, OLD_STEP_MARKERS), JSON.stringify(text))), { numRuns: 5000 });
  });

  it('count lettered choices exactly as the \\s* pattern did', () => {
    fc.assert(fc.property(texts, (text) => assert.equal(count(text, CHOICE_PATTERN), count(text, OLD_CHOICE_PATTERN), JSON.stringify(text))), { numRuns: 5000 });
  });
});
