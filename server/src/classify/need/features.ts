// What the need model reads in a prompt: hashed word unigrams and bigrams (the
// subject and the phrasing) and a few dense measures (length, numbers, maths and
// code density, multiple choice). Training (scripts/train-need.ts) and scoring
// (need/model-format.ts) both call this, so a feature means the same in both. It
// runs on every request, so it reads a bounded prefix and hashes n-grams from
// numbers rather than building strings for them.

/** A sparse feature vector: parallel arrays of column index and value. */
export interface NeedFeatures {
  ids: number[];
  values: number[];
}

// Past this many characters a prompt is usually pasted material; its head says
// what is asked, and the cost of scoring stays bounded.
export const MAX_NEED_CHARS = 3_000;

/** Names of the dense columns, in column order (columns 0..DENSE_NAMES.length-1). */
export const DENSE_NAMES = [
  'log chars',
  'log words',
  'log numbers',
  'log sentences',
  'log lines',
  'question marks',
  'multiple choice',
  'maths symbols',
  'code symbols',
  'mean word length',
  'long words',
] as const;

// Effort is not linear in size: one-hot bins of the word and number counts let the
// model learn, say, that word problems with five to seven numbers are the hard ones.
const WORD_BINS = [8, 16, 32, 64, 128, 256, 512];
const NUMBER_BINS = [1, 2, 3, 4, 5, 6, 8, 11, 16];
const BINS = WORD_BINS.length + 1 + NUMBER_BINS.length + 1;

// Each dense measure appears twice: once for every prompt and once only for
// multiple-choice prompts, since length or numbers mean different things in a quiz
// question than in a word problem or a request.
const DENSE = 2 * (DENSE_NAMES.length + BINS);

// Word n-grams go to 2^HASH_BITS buckets after the dense columns. Colliding n-grams
// share a weight (the hash's sign makes them cancel on average rather than add up);
// 2^18 buckets measured no better in cross-validation, and this keeps the weights
// file small.
export const HASH_BITS = 16;
export const FEATURE_COUNT = DENSE + (1 << HASH_BITS);

const TOKEN_PATTERN = /[a-z]+|\d+(?:[.,]\d+)*|[^\sa-z\d]/g;
// Blanks before a choice stop at a line break: the same count as `\s*`, in linear time.
export const CHOICE_PATTERN = /(^|\n)[^\S\n]*[a-d][.)]\s/g;
const MATHS_CHARS = /[+\-*/=^%$<>\u221a\u03c0\u2211\u222b]/g; // √ π ∑ ∫, escaped: a raw one makes V8 hold the whole bundle as a two-byte string
const CODE_CHARS = /[{};()[\]_#`]/g;
const SENTENCE_END = /[.!?](\s|$)/g;

export function needFeatures(prompt: string): NeedFeatures {
  const text = prompt.slice(0, MAX_NEED_CHARS).toLowerCase();
  const tokens = text.match(TOKEN_PATTERN) ?? [];
  const ids: number[] = [];
  const values: number[] = [];

  let words = 0;
  let numbers = 0;
  let letters = 0;
  let longWords = 0;
  for (const token of tokens) {
    const c = token.charCodeAt(0);
    if (c >= 97 && c <= 122) {
      words++;
      letters += token.length;
      if (token.length >= 9) longWords++;
    } else if (c >= 48 && c <= 57) numbers++;
  }
  const chars = Math.max(1, text.length);
  const dense = [
    Math.log1p(text.length) / 8,
    Math.log1p(words) / 6,
    Math.log1p(numbers) / 4,
    Math.log1p(count(text, SENTENCE_END)) / 3,
    Math.log1p(count(text, /\n/g)) / 3,
    Math.min(3, count(text, /\?/g)) / 3,
    count(text, CHOICE_PATTERN) >= 3 ? 1 : 0,
    Math.min(1, (10 * count(text, MATHS_CHARS)) / chars),
    Math.min(1, (10 * count(text, CODE_CHARS)) / chars),
    words === 0 ? 0 : letters / words / 10,
    words === 0 ? 0 : longWords / words,
  ];
  const wordBin = new Array<number>(WORD_BINS.length + 1).fill(0);
  wordBin[binOf(words, WORD_BINS)] = 1;
  const numberBin = new Array<number>(NUMBER_BINS.length + 1).fill(0);
  numberBin[binOf(numbers, NUMBER_BINS)] = 1;
  dense.push(...wordBin, ...numberBin);
  const choice = dense[6] === 1;
  for (let i = 0; i < dense.length; i++) {
    if (dense[i] === 0) continue;
    ids.push(i);
    values.push(dense[i]);
    if (choice) {
      ids.push(dense.length + i);
      values.push(dense[i]);
    }
  }

  // Presence of each n-gram, the whole block scaled to unit length so a long
  // prompt's many n-grams do not outweigh a short one's few. Each n-gram is hashed
  // from its tokens' hashes (no strings built), and counted twice: shared, and
  // tagged with the prompt's shape (multiple choice or free form), so a word can
  // mean "hard" in a quiz and "easy" in a word problem.
  const seen = new Map<number, number>();
  const shape = choice ? SHAPE_CHOICE : SHAPE_FREE;
  let previous = START;
  for (const raw of tokens) {
    // A number's value says little; its size (digits) says how much arithmetic there is.
    const token = isDigit(raw.charCodeAt(0)) ? NUMBER_HASHES[Math.min(raw.length, 6)] : fnv1a(raw);
    const bigram = mix(Math.imul(previous, 0x9e3779b1) ^ token);
    addHashed(seen, mix(token ^ UNIGRAM));
    addHashed(seen, mix(bigram ^ BIGRAM));
    addHashed(seen, mix(token ^ UNIGRAM ^ shape));
    addHashed(seen, mix(bigram ^ BIGRAM ^ shape));
    previous = token;
  }
  const scale = seen.size === 0 ? 0 : 1 / Math.sqrt(seen.size);
  for (const [bucket, sign] of seen) {
    ids.push(DENSE + bucket);
    values.push(sign * scale);
  }
  return { ids, values };
}

// Salts that keep unigrams, bigrams and their shape-tagged copies apart.
const UNIGRAM = 0x1b873593;
const BIGRAM = 0x5bd1e995;
const SHAPE_CHOICE = 0x27d4eb2f;
const SHAPE_FREE = 0x165667b1;
const START = 0x2545f491;
const NUMBER_HASHES = Array.from({ length: 7 }, (_, digits) => fnv1a(`#${digits}`));

function addHashed(seen: Map<number, number>, hash: number): void {
  // The top bit picks a sign, so colliding n-grams tend to cancel rather than add up.
  seen.set(hash & ((1 << HASH_BITS) - 1), hash & 0x80000000 ? -1 : 1);
}

/** 32-bit FNV-1a over UTF-16 code units: fast, stable across runs and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the whole word. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Index of the first edge above `value`, or edges.length past the last one. */
function binOf(value: number, edges: readonly number[]): number {
  const at = edges.findIndex((edge) => value < edge);
  return at === -1 ? edges.length : at;
}

function count(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null) n++;
  return n;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
