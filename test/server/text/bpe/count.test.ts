// The router's own o200k token counter against the gpt-tokenizer package it replaced:
// the same count for any text, from the ranks held compactly, in source and in the build.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { countTokens } from 'gpt-tokenizer';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { BpeCounter } from '../../../../server/src/text/bpe/count';
import { countO200kTokens, O200K_RANK_FILE } from '../../../../server/src/text/bpe/o200k';
import { readRankFile } from '../../../../server/src/text/bpe/rank-file';

const SAMPLES = [
  'function add(a: number, b: number) { return a + b; }',
  "Hello world! I'm fine, they're great, we'll see. DON'T SHOUT.",
  'Grüße aus München: naïve café, 日本語のテキスト, 😀🎉, مرحبا بالعالم',
  '    indented\n\tcode\r\n\n\n   trailing   ',
  'a'.repeat(300),
  'QmFzZTY0RW5jb2RlZFN0cmluZ1dpdGhMb3RzT2ZDaGFyYWN0ZXJz==',
  '1234567890 3.14159 1e-9 0xDEADBEEF',
];

/** Text from pieces the encoding treats differently: words, digits, punctuation, spaces, line ends, other scripts. */
const mixedText = fc
  .array(fc.oneof(
    fc.constantFrom('the', ' The', 'SHOUT', "'s", "'LL", 'naïve', '日本', '😀', 'مرحبا', '\u00a0', ' ', '   ', '\n', '\r\n', '\t'),
    fc.stringMatching(/^[a-zA-Z0-9 .,;:!?(){}<>=+\-*/_'"\n]{1,12}$/),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
  ), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('o200k token counter', () => {
  it('counts what gpt-tokenizer counts for code, prose, other scripts, emoji and whitespace runs', () => {
    for (const text of SAMPLES) assert.equal(countO200kTokens(text), countTokens(text), JSON.stringify(text));
  });

  it('counts what gpt-tokenizer counts for any mix of words, digits, punctuation and spaces', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        fc.pre(!text.includes('<|'));
        assert.equal(countO200kTokens(text), countTokens(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a special-token marker in user text as the plain text it is, where gpt-tokenizer throws', () => {
    const text = 'what does <|endoftext|> mean?';
    assert.throws(() => countTokens(text), /Disallowed special token/);
    // gpt-tokenizer with the marker neither allowed nor disallowed encodes it as text.
    assert.equal(countO200kTokens(text), countTokens(text, { disallowedSpecial: new Set() }));
    assert.ok(countO200kTokens('<|endoftext|>') > 1);
  });

  it('reads the same ranks from the rank file the build writes beside dist/server.js', () => {
    const file = join(__dirname, '../../../../dist', O200K_RANK_FILE);
    assert.ok(existsSync(file), `${file} is missing: run npm run build`);
    const counter = new BpeCounter(readRankFile(readFileSync(file)), O200K_TOKEN_SPLIT_REGEX);
    for (const text of SAMPLES) assert.equal(counter.count(text), countTokens(text), JSON.stringify(text));
  });
});
