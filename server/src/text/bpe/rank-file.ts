// The o200k ranks as the production build ships them (dist/server-o200k.ranks, written by
// esbuild.js): read as one buffer, no JavaScript to compile (the JS array literal the
// tokenizer package ships costs ~60 MB of resident memory to load).
// Layout, little-endian: "BPE1", u32 count, u32 offsets[count + 1], then the token bytes.
import { RankTable } from './rank-table';

const MAGIC = 'BPE1';

export function readRankFile(file: Buffer): RankTable {
  if (file.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a rank file');
  const count = file.readUInt32LE(4);
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i <= count; i++) offsets[i] = file.readUInt32LE(8 + 4 * i);
  const start = 8 + 4 * (count + 1);
  return new RankTable(file.subarray(start, start + offsets[count]), offsets);
}
