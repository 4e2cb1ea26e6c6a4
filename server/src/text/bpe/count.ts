// Counts the tokens of a text the way the model's byte-pair encoding would split it: the
// text cut into pieces by the encoding's pattern, each piece's UTF-8 bytes merged pair by
// pair, lowest-ranked pair first (leftmost on a tie), until no adjacent pair is a token.
// Special-token markers (<|endoftext|>...) are counted as the plain text they are.
import type { RankTable } from './rank-table';

const encoder = new TextEncoder();

export class BpeCounter {
  private buffer = new Uint8Array(1024);

  constructor(
    private readonly ranks: RankTable,
    private readonly split: RegExp,
  ) {}

  count(text: string): number {
    let tokens = 0;
    for (const [piece] of text.matchAll(this.split)) tokens += this.pieceTokens(piece);
    return tokens;
  }

  private pieceTokens(piece: string): number {
    if (this.buffer.length < piece.length * 3) this.buffer = new Uint8Array(piece.length * 3);
    const length = encoder.encodeInto(piece, this.buffer).written;
    if (length <= 1) return length;
    const bytes = this.buffer;
    if (this.ranks.rankOf(bytes, 0, length) !== -1) return 1;
    // Part i is bytes[starts[i] .. starts[i + 1]); pairRanks[i] is the rank of parts i and i + 1 joined.
    const starts: number[] = [];
    for (let i = 0; i <= length; i++) starts.push(i);
    const pairRanks: number[] = [];
    for (let i = 0; i + 2 <= length; i++) pairRanks.push(this.ranks.rankOf(bytes, i, i + 2));
    while (pairRanks.length > 0) {
      let best = -1;
      for (let i = 0; i < pairRanks.length; i++) {
        const rank = pairRanks[i];
        if (rank !== -1 && (best === -1 || rank < pairRanks[best])) best = i;
      }
      if (best === -1) break;
      // Parts best and best + 1 become one; the pairs on either side of it change.
      starts.splice(best + 1, 1);
      pairRanks.splice(best, 1);
      if (best > 0) pairRanks[best - 1] = this.ranks.rankOf(bytes, starts[best - 1], starts[best + 1]);
      if (best < pairRanks.length) pairRanks[best] = this.ranks.rankOf(bytes, starts[best], starts[best + 2]);
    }
    return starts.length - 1;
  }
}
