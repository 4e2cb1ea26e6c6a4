import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { nearestWords, vectorWordCount, type WordVectorTable } from '../../../server/src/classify/word-vectors';
import table from '../../../server/src/classify/word-vectors.json';

describe('the word-vector table (nearest words in GloVe vectors)', () => {
  it('holds lowercase English words, each with its documented number of neighbours, three bytes each', () => {
    const shaped: WordVectorTable = table;
    const words = shaped.words.split(' ');
    assert.ok(words.length > 20_000, `${words.length} words`);
    assert.ok(words.every((word) => /^[a-z]+$/.test(word)));
    assert.equal(vectorWordCount(), words.length);
    assert.equal(Buffer.from(shaped.neighbours, 'base64').length, words.length * shaped.neighbourCount * 3);
    assert.match(shaped.about, /GloVe/);
  });

  it('lists a word\'s nearest words, nearest first, never the word itself, with cosines between 0 and 1', () => {
    for (const word of ['streamline', 'explain', 'users', 'summarize']) {
      const neighbours = nearestWords(word);
      assert.equal(neighbours.length, table.neighbourCount, word);
      neighbours.forEach((neighbour, k) => {
        assert.notEqual(neighbour.word, word);
        assert.ok(neighbour.cosine >= 0 && neighbour.cosine <= 1, `${word}: ${neighbour.cosine}`);
        if (k > 0) assert.ok(neighbour.cosine <= neighbours[k - 1].cosine, word);
      });
    }
  });

  it('finds words used alike: "streamline" is nearest to "simplify"', () => {
    assert.equal(nearestWords('streamline')[0].word, 'simplify');
  });

  it('knows nothing of typos, identifiers and other languages', () => {
    for (const word of ['expain', 'getuserbyid', 'explícame', '']) assert.deepEqual(nearestWords(word), [], word);
  });

  it('stays small enough to ship with the extension', () => {
    const bytes = statSync(join(__dirname, '../../../server/src/classify/word-vectors.json')).size;
    assert.ok(bytes < 1024 * 1024, `${bytes} bytes`);
  });
});
