// Size of a text in lines and tokens, cheap enough to run on every request.
import { countO200kTokens } from './bpe/o200k';

// The BPE ranks of o200k_base are loaded by the first count, not at start, so a server
// (one per editor window) that routes nothing stays small; held compactly (bpe/), they
// weigh ~5 MB instead of the ~60 MB of the tokenizer package's own tables.
const countTokens = (text: string): number => {
  if (text.length < MIN_REMEMBERED_CHARS) return countO200kTokens(text);
  let tokens = recentCounts.get(text);
  if (tokens === undefined) {
    tokens = countO200kTokens(text);
    if (recentCounts.size >= MAX_REMEMBERED_COUNTS) recentCounts.delete(recentCounts.keys().next().value!);
    const key = ownCopy(text);
    // (A lone surrogate does not survive the copy: such a text is simply not remembered.)
    if (key === text) recentCounts.set(key, tokens);
  }
  return tokens;
};

// One request counts the same text more than once (the selection when classifying it and
// again when building the prompt; the kind's system prompt every time), and an editor sends
// the same file over and over: the counts of recent texts are remembered. Looking one up
// hashes the text once, far cheaper than counting it. Short texts are counted afresh (as
// cheap as the lookup); the oldest entry goes first, so the map stays small (at most
// MAX_REMEMBERED_COUNTS texts of at most EXACT_TOKEN_CHARS each: under a megabyte).
const MIN_REMEMBERED_CHARS = 16;
const MAX_REMEMBERED_COUNTS = 256;
const recentCounts = new Map<string, number>();

/**
 * A copy that holds only its own characters: a text cut from a larger one (a selection, the
 * prefix of a file) may share that one's memory, and a key that did would keep whole files alive.
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

// Exact BPE counting costs ~0.1 ms per 1,000 characters; past this prefix we
// count the prefix and scale by length, which keeps a call well under a
// millisecond on a huge file and uses the text's own chars-per-token ratio
// (code is ~3, prose ~4) instead of a fixed guess.
export const EXACT_TOKEN_CHARS = 1_500;

// Beyond a few thousand lines the exact number changes no decision, and
// stopping early keeps a call cheap on a huge file.
const LINE_COUNT_CAP = 10_000;

export interface TextSize {
  lines: number;
  tokens: number;
  /** True when `tokens` was extrapolated from a prefix rather than counted. */
  estimated: boolean;
}

export function measureText(text: string): TextSize {
  if (text.length <= EXACT_TOKEN_CHARS) return { lines: countLines(text), tokens: countTokens(text), estimated: false };
  const prefixTokens = countTokens(text.slice(0, EXACT_TOKEN_CHARS));
  const tokens = Math.round((prefixTokens * text.length) / EXACT_TOKEN_CHARS);
  return { lines: countLines(text), tokens, estimated: true };
}

/** Tokens for routing decisions only; billed cost always comes from the provider's usage. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : measureText(text).tokens;
}

/** Lines in `text`, counting at most LINE_COUNT_CAP; a trailing newline does not start a new line. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && lines < LINE_COUNT_CAP; at = text.indexOf('\n', at + 1)) {
    if (at < text.length - 1) lines++;
  }
  return lines;
}
