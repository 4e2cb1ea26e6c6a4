// How close a word lies to each intent in pre-trained word vectors (GloVe 6B): "elucidate"
// near explain, "condense" near summarize, though no training row says them. The table is
// derived, and its source and licence recorded, by scripts/derive-word-vectors.ts; it is
// decoded once, on the first lookup, into one index of words over one byte array.
import table from './word-vectors.json';

/** The intents a word is measured against, in the order of `intentSimilarities`. */
export const VECTOR_INTENTS: readonly string[] = table.intents;

let decoded: { words: string[]; rowOf: Map<string, number>; bytes: Int8Array; neighbours: Buffer } | undefined;

function decode(): NonNullable<typeof decoded> {
  const words = table.words.split(' ');
  const rowOf = new Map<string, number>();
  words.forEach((word, row) => rowOf.set(word, row));
  const buffer = Buffer.from(table.similarities, 'base64');
  return { words, rowOf, bytes: new Int8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), neighbours: Buffer.from(table.neighbours, 'base64') };
}

/** The word's nearest words among the frequent ones, nearest first, with their cosines; [] for a word the table does not hold. */
export function nearestWords(word: string): Array<{ word: string; cosine: number }> {
  decoded ??= decode();
  const row = decoded.rowOf.get(word);
  if (row === undefined) return [];
  const { neighbours, words } = decoded;
  return Array.from({ length: table.neighbourCount }, (_, k) => {
    const at = (row * table.neighbourCount + k) * 3;
    return { word: words[neighbours.readUInt16LE(at)], cosine: neighbours.readUInt8(at + 2) / 255 };
  });
}

/**
 * The cosine of the word's vector with each intent's direction (VECTOR_INTENTS order), or
 * undefined for a word the table does not hold (a rare word, a name, a typo, another language).
 */
export function intentSimilarities(word: string): number[] | undefined {
  decoded ??= decode();
  const row = decoded.rowOf.get(word);
  if (row === undefined) return undefined;
  const count = VECTOR_INTENTS.length;
  return Array.from(decoded.bytes.subarray(row * count, row * count + count), (stored) => stored / table.scale);
}
