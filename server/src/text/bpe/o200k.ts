// Token counts in o200k_base, the encoding of OpenAI's current models (the router's
// estimate of any model's tokens). Built once, by the first count: from the rank file
// beside the production bundle, or else (running from source) from the ranks of the
// gpt-tokenizer package, which the counts match exactly.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { BpeCounter } from './count';
import { readRankFile } from './rank-file';
import { RankTable, type RankSource } from './rank-table';

export const O200K_RANK_FILE = 'server-o200k.ranks';

let counter: BpeCounter | undefined;

export function countO200kTokens(text: string): number {
  counter ??= new BpeCounter(loadRanks(), O200K_TOKEN_SPLIT_REGEX);
  return counter.count(text);
}

function loadRanks(): RankTable {
  const file = join(__dirname, O200K_RANK_FILE);
  if (existsSync(file)) return readRankFile(readFileSync(file));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return RankTable.from((require('gpt-tokenizer/bpeRanks/o200k_base') as { default: RankSource }).default);
}
