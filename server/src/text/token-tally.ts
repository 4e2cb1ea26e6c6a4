// Estimates the tokens of all the texts of one request (a conversation's messages and tool
// calls) with a bounded amount of exact counting. Each text alone is cheap to estimate (its
// first EXACT_TOKEN_CHARS are counted, the rest scaled), but a request may carry 10,000
// messages: counting each exactly cost ~0.1 ms per 1,000 characters, 0.3-0.5 s of the event
// loop for one 4 MB conversation, during which no other request moved. Past a budget of
// exactly counted characters, the remaining texts are scaled by the characters-per-token
// ratio of those counted so far, so the whole estimate stays close (these tokens drive
// routing and estimates only; billed tokens come from the provider's usage).
import { EXACT_TOKEN_CHARS, estimateTokens } from './size';

/** Characters counted exactly per request: ~3 ms of BPE, more than most conversations hold. */
export const EXACT_CHARS_PER_REQUEST = 32_000;
/** The ratio used before anything was counted: about four characters per token, as in prose. */
const DEFAULT_TOKENS_PER_CHAR = 1 / 4;

export class TokenTally {
  private exactCharsLeft: number;
  private countedChars = 0;
  private countedTokens = 0;

  constructor(
    exactChars = EXACT_CHARS_PER_REQUEST,
    /** Counts (or, past EXACT_TOKEN_CHARS, estimates from a prefix) one text's tokens. */
    private readonly count: (text: string) => number = estimateTokens,
  ) {
    this.exactCharsLeft = exactChars;
  }

  tokens(text: string): number {
    if (text.length === 0) return 0;
    // What counting this text costs: its prefix, at most.
    const cost = Math.min(text.length, EXACT_TOKEN_CHARS);
    if (cost <= this.exactCharsLeft) {
      this.exactCharsLeft -= cost;
      const tokens = this.count(text);
      this.countedChars += text.length;
      this.countedTokens += tokens;
      return tokens;
    }
    const ratio = this.countedChars > 0 ? this.countedTokens / this.countedChars : DEFAULT_TOKENS_PER_CHAR;
    return Math.max(1, Math.round(text.length * ratio));
  }
}
