import assert from 'node:assert/strict';
import { EXACT_TOKEN_CHARS, estimateTokens } from '../../../server/src/text/size';
import { EXACT_CHARS_PER_REQUEST, TokenTally } from '../../../server/src/text/token-tally';

/** estimateTokens, and the characters it was asked to count exactly (its cost). */
function countingEstimator() {
  const spent = { chars: 0, calls: 0 };
  const count = (text: string) => {
    spent.calls++;
    spent.chars += Math.min(text.length, EXACT_TOKEN_CHARS);
    return estimateTokens(text);
  };
  return { spent, count };
}

const turn = (i: number) =>
  i % 3 === 0
    ? `Turn ${i}: please explain why the function parse_headers() drops the last header when the input ends without CRLF.`
    : `const value${i} = items.filter((item) => item.price > ${i}).map((item) => item.name.toUpperCase()).join(', ');\n`.repeat(1 + (i % 4));

describe('TokenTally', () => {
  it('counts at most its budget of characters exactly, however many texts one request holds', () => {
    const { spent, count } = countingEstimator();
    const tally = new TokenTally(EXACT_CHARS_PER_REQUEST, count);
    for (let i = 0; i < 10_000; i++) tally.tokens(turn(i));
    assert.ok(spent.calls > 0);
    assert.ok(spent.chars <= EXACT_CHARS_PER_REQUEST, `counted ${spent.chars} characters exactly`);
  });

  it('counts a conversation within its budget exactly', () => {
    const texts = Array.from({ length: 40 }, (_, i) => turn(i));
    const tally = new TokenTally();
    assert.equal(
      texts.reduce((sum, t) => sum + tally.tokens(t), 0),
      texts.reduce((sum, t) => sum + estimateTokens(t), 0),
    );
  });

  it('estimates the texts past its budget from the ratio of those counted, within 5% of counting them all', () => {
    const texts = Array.from({ length: 5_000 }, (_, i) => turn(i));
    const tally = new TokenTally();
    const tallied = texts.reduce((sum, t) => sum + tally.tokens(t), 0);
    const counted = texts.reduce((sum, t) => sum + estimateTokens(t), 0);
    assert.ok(Math.abs(tallied - counted) / counted < 0.05, `tallied ${tallied}, counted ${counted}`);
  });

  it('gives an empty text no tokens and any other at least one once past its budget', () => {
    const tally = new TokenTally(0);
    assert.equal(tally.tokens(''), 0);
    assert.equal(tally.tokens('x'), 1);
  });
});
