// Each word's nearest words in pre-trained word vectors (GloVe 6B): words used alike, as
// "streamline" and "simplify" are, though no training row need say both. The table is
// derived, and its source and licence recorded, by scripts/derive-word-vectors.ts. It is
// read and decoded on the first lookup only, from beside this file: it is not imported, so
// esbuild leaves it out of dist/server.js (780 KB, for a model that does not use it: the shipped
// one does not). A model fitted with `unknownWordsAsNearest` would need esbuild.js to copy the
// file next to dist/server.js.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TABLE_PATH = join(__dirname, 'word-vectors.json');

/** The table's shape (word-vectors.json). */
export interface WordVectorTable {
  about: string;
  /** The words, space-separated, most frequent first; a neighbour is a row of this list. */
  words: string;
  neighbourCount: number;
  /** Base64: per word, neighbourCount x (uint16 little-endian row of the neighbour, uint8 cosine x 255), nearest first. */
  neighbours: string;
}

interface Decoded {
  words: string[];
  rowOf: Map<string, number>;
  neighbours: Buffer;
  neighbourCount: number;
}

let decoded: Decoded | undefined;

function decode(): Decoded {
  if (!existsSync(TABLE_PATH)) {
    throw new Error(`${TABLE_PATH} is missing: a kind model that reads unknown words by word vectors needs it beside the server (data/word-vectors/SOURCE.txt)`);
  }
  const table = JSON.parse(readFileSync(TABLE_PATH, 'utf8')) as WordVectorTable;
  const words = table.words.split(' ');
  const rowOf = new Map<string, number>();
  words.forEach((word, row) => rowOf.set(word, row));
  return { words, rowOf, neighbours: Buffer.from(table.neighbours, 'base64'), neighbourCount: table.neighbourCount };
}

export interface Neighbour {
  word: string;
  /** The cosine of the two words' (centred) vectors, 0..1, to 1/255. */
  cosine: number;
}

/** The word's nearest words among the frequent ones, nearest first; [] for a word the table does not hold. */
export function nearestWords(word: string): Neighbour[] {
  decoded ??= decode();
  const row = decoded.rowOf.get(word);
  if (row === undefined) return [];
  const { neighbours, words, neighbourCount } = decoded;
  return Array.from({ length: neighbourCount }, (_, k) => {
    const at = (row * neighbourCount + k) * 3;
    return { word: words[neighbours.readUInt16LE(at)], cosine: neighbours.readUInt8(at + 2) / 255 };
  });
}

/** How many words the table holds. */
export function vectorWordCount(): number {
  decoded ??= decode();
  return decoded.words.length;
}
